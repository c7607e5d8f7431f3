// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alert.h"
#include "notify/alertrecord.h"
#include "notify/deliveryoutcome.h"
#include "notify/notifysettings.h"

#include <QObject>
#include <QTimer>
#include <array>
#include <deque>
#include <memory>

namespace netlens {

class AlertHistory;
class NotifyDatabase;
class Outbox;
class SmtpClient;
class WebhookClient;

/**
 * The alerts' home after the engine: keeps every alert in the history (SQLite,
 * data/netlens.db), and puts each new one in the outbox of every enabled channel, which
 * delivers with retries, rate limit and digests. Lives on the thread that made it (Qt
 * Network is asynchronous); nothing in it blocks.
 *
 * Per channel one delivery is in flight at a time. Failed attempts that may work later
 * (network, timeouts, SMTP 4xx, HTTP 5xx/408/429) are retried after retryFirstMs, doubling
 * up to retryMaxMs, until giveUpAfterS has passed since the alert was queued. At most
 * maxPerMinute messages leave per channel per minute; when more are due than that allows,
 * the ones never tried yet go out together as one digest (never ones already tried: an
 * ambiguous failure may have reached the server, and a digest would repeat them).
 */
class AlertHub final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertHub)
public:
    AlertHub(QString databasePath, NotifySettings settings, QObject *parent = nullptr);
    ~AlertHub() override;

    bool open(QString &error); ///< opens/creates the database; resumes pending deliveries
    void setSettings(const NotifySettings &settings);
    const NotifySettings &settings() const { return m_settings; }
    /// Overrides NotifySettings::giveUpAfterS (the CLI: do not wait a day for a dead server).
    void setGiveUpAfter(int seconds);

    /// An engaged or updated/released alert (by uid): stored; a new one is queued to send.
    /// False (and storageError()) when the database refused it.
    bool submit(const Alert &alert);
    QList<AlertRecord> history(const QString &filter = {}, int limit = 10000) const;
    QList<AlertRecord> history(const HistoryFilter &filter) const;
    bool acknowledge(qint64 id);
    bool clear(); ///< removes the history (not pending deliveries)
    bool exportCsv(const QString &path, const QString &filter, QString &error) const;
    bool exportCsv(const QString &path, const HistoryFilter &filter, QString &error) const;
    /// Nothing left that can still be delivered on an enabled channel.
    bool isIdle() const;
    /// Sends one test e-mail now, outside the outbox; testEmailDone() follows.
    void sendTestEmail(const SmtpSettings &smtp);
    /// Posts a test message now, outside the outbox; testWebhookDone() follows.
    void sendTestWebhook(const WebhookSettings &webhook);

Q_SIGNALS:
    void recordChanged(const netlens::AlertRecord &record);
    void deliveryChanged(const QString &uid, netlens::Channel channel,
                         netlens::DeliveryStatus status, const QString &message);
    /// Became idle (see isIdle()).
    void idle();
    void testEmailDone(bool ok, const QString &message);
    void testWebhookDone(bool ok, const QString &message);
    void storageError(const QString &message);

private:
    struct ChannelState {
        qint64 inFlightId = 0;     ///< outbox row being sent, 0 when none
        std::deque<qint64> sentMs; ///< start times of attempts within the last minute
    };

    bool channelEnabled(Channel channel) const;
    ChannelState &state(Channel channel) { return m_channels[static_cast<int>(channel)]; }
    void scheduleDispatch(qint64 delayMs);
    void dispatch();
    void dispatchChannel(Channel channel, qint64 nowMs);
    void send(Channel channel, qint64 itemId);
    void onFinished(Channel channel, DeliveryOutcome outcome, const QString &message);
    /// Stores and signals a delivery state; `announceRecord`: also recordChanged() (submit()
    /// sends one recordChanged() for the whole alert instead).
    void setStatus(const QStringList &uids, Channel channel, DeliveryStatus status,
                   const QString &message, bool announceRecord = true);
    void checkIdle();
    qint64 giveUpMs() const { return qint64(m_giveUpAfterS) * 1000; }

    QString m_path;
    NotifySettings m_settings;
    int m_giveUpAfterS;
    std::unique_ptr<NotifyDatabase> m_db;
    std::unique_ptr<AlertHistory> m_history;
    std::unique_ptr<Outbox> m_outbox;
    SmtpClient *m_smtp;
    WebhookClient *m_webhook;
    SmtpClient *m_testSmtp;
    WebhookClient *m_testWebhook;
    QTimer m_timer;
    std::array<ChannelState, 2> m_channels;
    bool m_idle = true;
};

} // namespace netlens
