// SPDX-License-Identifier: GPL-3.0-or-later
#include "deliveryoptions.h"

#include "notify/alerthub.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QHostInfo>
#include <QTimer>
#include <QUrl>
#include <cstdio>
#include <limits>

namespace netlens::cli {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("cli", text);
}
} // namespace

DeliveryOptions::DeliveryOptions(int defaultGiveUpS)
    : m_emailTo(QStringLiteral("email-to"), tr("Send alerts by e-mail to ADDR (repeatable)."),
                QStringLiteral("ADDR"))
    , m_smtp(QStringLiteral("smtp"),
             tr("SMTP server: smtp://host[:port] (plain, 25), smtp+starttls://... (587) or "
                "smtps://... (465); user@ allowed."),
             QStringLiteral("URL"))
    , m_smtpUser(QStringLiteral("smtp-user"),
                 tr("SMTP login (default: from the URL or NETLENS_SMTP_USER)."),
                 QStringLiteral("USER"))
    , m_smtpPassword(QStringLiteral("smtp-password"),
                     tr("SMTP password (visible in ps: prefer NETLENS_SMTP_PASSWORD)."),
                     QStringLiteral("PASSWORD"))
    , m_smtpFrom(QStringLiteral("email-from"), tr("Sender address (default netlens@HOSTNAME)."),
                 QStringLiteral("ADDR"))
    , m_smtpCa(QStringLiteral("smtp-ca"),
               tr("Also trust the CA certificates in FILE (PEM) for the SMTP server."),
               QStringLiteral("FILE"))
    , m_webhook(QStringLiteral("webhook"), tr("POST each alert as JSON to URL."),
                QStringLiteral("URL"))
    , m_webhookFormat(QStringLiteral("webhook-format"),
                      tr("Webhook body: json, slack or discord (default json)."),
                      QStringLiteral("FORMAT"), QStringLiteral("json"))
    , m_webhookSecret(QStringLiteral("webhook-secret"),
                      tr("Sign webhook bodies with HMAC-SHA256 (visible in ps: prefer "
                         "NETLENS_WEBHOOK_SECRET)."),
                      QStringLiteral("SECRET"))
    , m_minSeverity(QStringLiteral("min-severity"),
                    tr("Send only alerts at least this severe: info, warning or critical "
                       "(default info)."),
                    QStringLiteral("LEVEL"), QStringLiteral("info"))
    , m_database(QStringLiteral("db"),
                 tr("Alert history and outbox database (default data/netlens.db)."),
                 QStringLiteral("PATH"), QStringLiteral("data/netlens.db"))
    , m_giveUp(
          QStringLiteral("delivery-timeout"),
          tr("Give up on a delivery still failing after SECONDS (default %1).").arg(defaultGiveUpS),
          QStringLiteral("SECONDS"), QString::number(defaultGiveUpS))
    , m_giveUpAfterS(defaultGiveUpS)
{
}

void DeliveryOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({m_emailTo, m_smtp, m_smtpUser, m_smtpPassword, m_smtpFrom, m_smtpCa,
                       m_webhook, m_webhookFormat, m_webhookSecret, m_minSeverity, m_database,
                       m_giveUp});
}

bool DeliveryOptions::read(const QCommandLineParser &parser, QString &error)
{
    NotifySettings s;
    // On the command line every alert asked for is sent: the GUI's default (warning and up)
    // would silently drop the info ones a script asked to see.
    s.minSeverity = Severity::Info;
    SmtpSettings &smtp = s.smtp;
    smtp.user = qEnvironmentVariable("NETLENS_SMTP_USER");
    smtp.password = qEnvironmentVariable("NETLENS_SMTP_PASSWORD");
    if (parser.isSet(m_smtp) && !smtp.setUrl(parser.value(m_smtp), error)) {
        error = QStringLiteral("--smtp: ") + error;
        return false;
    }
    if (parser.isSet(m_smtpUser))
        smtp.user = parser.value(m_smtpUser);
    if (parser.isSet(m_smtpPassword))
        smtp.password = parser.value(m_smtpPassword);
    smtp.to = parser.values(m_emailTo);
    if (smtp.to.isEmpty() != !parser.isSet(m_smtp)) {
        error = parser.isSet(m_smtp) ? QStringLiteral("--smtp needs --email-to ADDR")
                                     : QStringLiteral("--email-to needs --smtp URL");
        return false;
    }
    for (const QString &to : smtp.to)
        if (!to.contains(QLatin1Char('@'))) {
            error = QStringLiteral("--email-to \"%1\": not an e-mail address").arg(to);
            return false;
        }
    if (!smtp.user.isEmpty() && smtp.password.isEmpty()) {
        error = QStringLiteral("SMTP user \"%1\" has no password: set NETLENS_SMTP_PASSWORD")
                    .arg(smtp.user);
        return false;
    }
    smtp.enabled = !smtp.to.isEmpty();
    smtp.from = parser.isSet(m_smtpFrom) ? parser.value(m_smtpFrom)
                                         : QStringLiteral("netlens@") + QHostInfo::localHostName();
    if (parser.isSet(m_smtpCa)) {
        smtp.caFile = parser.value(m_smtpCa);
        if (!QFileInfo(smtp.caFile).isReadable()) {
            error = QStringLiteral("--smtp-ca \"%1\": cannot read the file").arg(smtp.caFile);
            return false;
        }
    }

    WebhookSettings &hook = s.webhook;
    if (parser.isSet(m_webhook)) {
        hook.url = parser.value(m_webhook);
        const QUrl u(hook.url, QUrl::StrictMode);
        if (!u.isValid() || u.host().isEmpty() ||
            (u.scheme() != QLatin1String("http") && u.scheme() != QLatin1String("https"))) {
            error =
                QStringLiteral("--webhook \"%1\": not an http:// or https:// URL").arg(hook.url);
            return false;
        }
        hook.enabled = true;
    }
    if (!parseWebhookFormat(parser.value(m_webhookFormat), hook.format)) {
        error = QStringLiteral("--webhook-format \"%1\": use json, slack or discord")
                    .arg(parser.value(m_webhookFormat));
        return false;
    }
    hook.secret = parser.isSet(m_webhookSecret) ? parser.value(m_webhookSecret)
                                                : qEnvironmentVariable("NETLENS_WEBHOOK_SECRET");
    if (!parseSeverity(parser.value(m_minSeverity), s.minSeverity)) {
        error = QStringLiteral("--min-severity \"%1\": use info, warning or critical")
                    .arg(parser.value(m_minSeverity));
        return false;
    }
    bool ok = false;
    const int giveUp = parser.value(m_giveUp).toInt(&ok);
    if (!ok || giveUp <= 0) {
        error = QStringLiteral("--delivery-timeout \"%1\": not a positive number of seconds")
                    .arg(parser.value(m_giveUp));
        return false;
    }
    m_giveUpAfterS = giveUp;
    m_databasePath = parser.value(m_database);
    m_settings = s;
    return true;
}

std::unique_ptr<AlertHub> openHub(const DeliveryOptions &options, QString &error)
{
    const QString dir = QFileInfo(options.databasePath()).absolutePath();
    if (!QDir().mkpath(dir)) {
        error = QStringLiteral("%1: cannot create the folder").arg(dir);
        return nullptr;
    }
    auto hub = std::make_unique<AlertHub>(options.databasePath(), options.settings());
    hub->setGiveUpAfter(options.giveUpAfterS());
    if (!hub->open(error))
        return nullptr;
    return hub;
}

bool waitForDeliveries(AlertHub &hub, const QStringList &uids, int maxWaitMs)
{
    // Retries say so as they happen, so a user waiting on a server that is down sees why.
    const auto retrying = QObject::connect(
        &hub, &AlertHub::deliveryChanged,
        [](const QString &uid, Channel channel, DeliveryStatus status, const QString &message) {
            if (status == DeliveryStatus::Retrying)
                std::fprintf(stderr, "netlens-cli: %s delivery of alert %s will be retried: %s\n",
                             qPrintable(channelName(channel)), qPrintable(uid),
                             qPrintable(message));
        });
    if (!hub.isIdle()) {
        QEventLoop loop;
        QObject::connect(&hub, &AlertHub::idle, &loop, &QEventLoop::quit);
        if (maxWaitMs >= 0)
            QTimer::singleShot(maxWaitMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    QObject::disconnect(retrying);
    // The outcome is the history's: it holds every status, also those settled before the
    // wait began.
    bool ok = true;
    int pending = 0;
    HistoryFilter filter;
    filter.limit = std::numeric_limits<int>::max();
    for (const AlertRecord &r : hub.history(filter)) {
        if (!uids.contains(r.alert.uid))
            continue;
        for (const auto &[channel, status] :
             {std::pair{Channel::Email, r.email}, std::pair{Channel::Webhook, r.webhook}}) {
            if (status == DeliveryStatus::Failed) {
                ok = false;
                std::fprintf(stderr, "netlens-cli: %s delivery of alert %s (%s) failed: %s\n",
                             qPrintable(channelName(channel)), qPrintable(r.alert.uid),
                             qPrintable(r.alert.key), qPrintable(r.deliveryError));
            } else if (status == DeliveryStatus::Pending || status == DeliveryStatus::Retrying) {
                ++pending;
            }
        }
    }
    if (pending)
        std::fprintf(stderr,
                     "netlens-cli: %d deliveries still pending in %s; they resume at the next "
                     "start\n",
                     pending, qPrintable(hub.databasePath()));
    return ok;
}

} // namespace netlens::cli
