// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "notify/notifysettings.h"

#include <QCommandLineOption>
#include <QList>
#include <memory>

class QCommandLineParser;

namespace netlens {
struct Alert;
class AlertHub;
} // namespace netlens

namespace netlens::cli {

/**
 * The delivery options `alert` and `capture --alerts` share: where alerts go (e-mail,
 * webhook), the history database, and how long to wait for a server that is down. Secrets
 * come from the environment (NETLENS_SMTP_PASSWORD, NETLENS_WEBHOOK_SECRET) or an option;
 * never from a settings file.
 */
class DeliveryOptions {
public:
    /// `defaultGiveUpS`: how long a failing delivery is retried unless --delivery-timeout says.
    explicit DeliveryOptions(int defaultGiveUpS);
    void addTo(QCommandLineParser &parser) const;
    /// Reads the parsed options into notify settings. False with a message naming the
    /// option on a bad value (e.g. an --smtp URL without a scheme, or --email-to without it).
    bool read(const QCommandLineParser &parser, QString &error);

    /// Any channel asked for.
    bool wanted() const { return m_settings.smtp.enabled || m_settings.webhook.enabled; }
    const NotifySettings &settings() const { return m_settings; }
    const QString &databasePath() const { return m_databasePath; }
    int giveUpAfterS() const { return m_giveUpAfterS; }

private:
    QCommandLineOption m_emailTo, m_smtp, m_smtpUser, m_smtpPassword, m_smtpFrom, m_smtpCa,
        m_webhook, m_webhookFormat, m_webhookSecret, m_minSeverity, m_database, m_giveUp;
    NotifySettings m_settings;
    QString m_databasePath;
    int m_giveUpAfterS;
};

/// Opens the history/outbox at the options' database. Null with `error` on failure.
std::unique_ptr<AlertHub> openHub(const DeliveryOptions &options, QString &error);
/// Runs the event loop until every delivery succeeded or failed for good, or `maxWaitMs`
/// passed (-1: no limit); prints a line per failure or delivery still pending. Returns false
/// when a delivery of one of `uids` failed.
bool waitForDeliveries(AlertHub &hub, const QStringList &uids, int maxWaitMs = -1);

} // namespace netlens::cli
