// SPDX-License-Identifier: GPL-3.0-or-later
#include "notify/notifysettings.h"

#include <QUrl>
#include <array>

namespace netlens {

bool SmtpSettings::setUrl(const QString &url, QString &error)
{
    const QUrl u(url, QUrl::StrictMode);
    if (!u.isValid() || u.host().isEmpty()) {
        error = QStringLiteral("SMTP URL \"%1\": not a valid smtp://host[:port] URL").arg(url);
        return false;
    }
    const QString scheme = u.scheme().toLower();
    Security sec;
    int defaultPort;
    if (scheme == QLatin1String("smtp")) {
        sec = Security::Plain;
        defaultPort = 25;
    } else if (scheme == QLatin1String("smtps")) {
        sec = Security::Tls;
        defaultPort = 465;
    } else if (scheme == QLatin1String("smtp+starttls")) {
        sec = Security::StartTls;
        defaultPort = 587;
    } else {
        error = QStringLiteral("SMTP URL \"%1\": unknown scheme \"%2\" (use smtp://, smtps:// or "
                               "smtp+starttls://)")
                    .arg(url, u.scheme());
        return false;
    }
    if (!u.path().isEmpty() && u.path() != QLatin1String("/")) {
        error = QStringLiteral("SMTP URL \"%1\": unexpected path \"%2\"").arg(url, u.path());
        return false;
    }
    security = sec;
    host = u.host();
    port = u.port(defaultPort);
    // Only overwrite the credentials when the URL carries them, so options and the
    // environment can supply them separately.
    if (!u.userName().isEmpty())
        user = u.userName();
    if (!u.password().isEmpty())
        password = u.password();
    return true;
}

namespace {
constexpr std::array kFormats{"json", "slack", "discord"};
}

QString webhookFormatName(WebhookSettings::Format format)
{
    return QString::fromLatin1(kFormats[static_cast<std::size_t>(format)]);
}

bool parseWebhookFormat(const QString &name, WebhookSettings::Format &format)
{
    for (std::size_t i = 0; i < kFormats.size(); ++i)
        if (name == QLatin1String(kFormats[i])) {
            format = static_cast<WebhookSettings::Format>(i);
            return true;
        }
    return false;
}

} // namespace netlens
