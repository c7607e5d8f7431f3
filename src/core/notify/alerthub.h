// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// INTERFACE SKETCH for the notify helper; the final header may differ in details.

#include "alerts/alert.h"
#include "notify/notifysettings.h"

#include <QObject>

namespace netlens {

/// Delivery state of one alert on one channel, as the alert panel shows it.
enum class DeliveryStatus : std::uint8_t { None, Pending, Retrying, Delivered, Failed, Suppressed };
enum class Channel : std::uint8_t { Email, Webhook };

/// An alert from the history with its delivery state and the user's marks.
struct AlertRecord {
    qint64 id = 0; ///< history row id
    Alert alert;
    bool acknowledged = false;
    DeliveryStatus email = DeliveryStatus::None;
    DeliveryStatus webhook = DeliveryStatus::None;
    QString deliveryError; ///< the last failure, if any ("smtp.example.org:587: 535 ...")
};

/**
 * The alerts' home after the engine: keeps every alert in the history (SQLite,
 * data/netlens.db), and puts each new one in the outbox of every enabled channel, which
 * delivers with retries, rate limit and digests. Lives on the thread that made it (Qt
 * Network is asynchronous).
 */
class AlertHub : public QObject {
    Q_OBJECT
public:
    AlertHub(QString databasePath, NotifySettings settings, QObject *parent = nullptr);
    bool open(QString &error); ///< opens/creates the database; resumes pending deliveries
    void setSettings(const NotifySettings &settings);
    /// An engaged or updated/released alert (by uid): stored; a new one is queued to send.
    void submit(const Alert &alert);
    QList<AlertRecord> history(const QString &filter = {}, int limit = 10000) const;
    bool acknowledge(qint64 id);
    bool clear(); ///< removes the history (not pending deliveries)
    bool exportCsv(const QString &path, const QString &filter, QString &error) const;
    bool isIdle() const; ///< nothing left that can still be delivered
    /// Sends one test e-mail now, outside the outbox; testEmailDone() follows.
    void sendTestEmail(const SmtpSettings &smtp);

Q_SIGNALS:
    void recordChanged(const netlens::AlertRecord &record);
    void deliveryChanged(const QString &uid, netlens::Channel channel,
                         netlens::DeliveryStatus status, const QString &message);
    void idle();
    void testEmailDone(bool ok, const QString &message);
};

} // namespace netlens
