// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alert.h"

#include <QString>
#include <QStringList>

namespace netlens {

/// How to reach an SMTP server. A value: the GUI loads it from its settings (the password
/// from the keychain), the CLI from its options and the environment.
struct SmtpSettings {
    enum class Security : std::uint8_t { Plain, StartTls, Tls }; ///< 25/relay, 587, 465
    bool enabled = false;
    QString host;
    int port = 587;
    Security security = Security::StartTls;
    QString user;     ///< empty: no AUTH
    QString password; ///< never saved in plain settings (QtKeychain)
    QString from;
    QStringList to;
    QString caFile; ///< extra CA certificates to trust (PEM), besides the system's
    bool verifyPeer = true;
    int timeoutMs = 30000;
    qint64 attachMaxBytes = 1 << 20; ///< PCAP snippets up to this size are attached
    bool operator==(const SmtpSettings &) const = default;

    /// Parses "smtp://host[:port]", "smtps://..." or "smtp+starttls://..." (user:password@
    /// allowed). False with a message naming the URL on an error.
    bool setUrl(const QString &url, QString &error);
};

struct WebhookSettings {
    enum class Format : std::uint8_t { Json, Slack, Discord };
    bool enabled = false;
    QString url;
    Format format = Format::Json;
    QString secret; ///< non-empty: X-NetLens-Signature: sha256=HMAC-SHA256(secret, body)
    int timeoutMs = 15000;
    bool operator==(const WebhookSettings &) const = default;
};
QString webhookFormatName(WebhookSettings::Format format); ///< "json", "slack", "discord"
bool parseWebhookFormat(const QString &name, WebhookSettings::Format &format);

/// Delivery as a whole.
struct NotifySettings {
    SmtpSettings smtp;
    WebhookSettings webhook;
    Severity minSeverity = Severity::Warning; ///< alerts below it are kept but not sent
    /// At most this many messages per channel per minute; alerts past it wait and go out
    /// together as one digest.
    int maxPerMinute = 6;
    /// Backoff between attempts: first, doubling up to max.
    int retryFirstMs = 2000;
    int retryMaxMs = 300000;
    /// An item still failing after this long is given up on (marked failed for good).
    int giveUpAfterS = 86400;
    /// An alert whose PCAP snippet is still being recorded (Alert::snippetPending) waits up
    /// to this long before it is sent, so the e-mail can attach the snippet the engine
    /// writes a few seconds after the trigger (snippetAfterSeconds, 5 s, plus a margin). Its
    /// update with the snippet sends it at once. 0: send at once.
    int snippetWaitMs = 10000;
    bool operator==(const NotifySettings &) const = default;
};

} // namespace netlens
