// SPDX-License-Identifier: GPL-3.0-or-later
#include "notify/alerthistory.h"

#include "alerts/alertjson.h"
#include "export/csvwriter.h"
#include "notify/notifydatabase.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>

namespace netlens {

namespace {

constexpr const char *kColumns =
    "id, json, acknowledged, email_status, webhook_status, delivery_error";

AlertRecord recordFrom(const QSqlQuery &q)
{
    AlertRecord r;
    r.id = q.value(0).toLongLong();
    QString error;
    // The JSON was written by alertToJson; a row that no longer parses keeps its id so it
    // can still be acknowledged or cleared.
    alertFromJson(QJsonDocument::fromJson(q.value(1).toByteArray()).object(), r.alert, error);
    r.acknowledged = q.value(2).toBool();
    r.email = static_cast<DeliveryStatus>(q.value(3).toInt());
    r.webhook = static_cast<DeliveryStatus>(q.value(4).toInt());
    r.deliveryError = q.value(5).toString();
    return r;
}

QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
        .replace(QLatin1Char('%'), QLatin1String("\\%"))
        .replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

} // namespace

QString deliveryStatusName(DeliveryStatus status)
{
    static const char *const kNames[] = {"none",      "pending", "retrying",
                                         "delivered", "failed",  "suppressed"};
    return QString::fromLatin1(kNames[static_cast<int>(status)]);
}

QString channelName(Channel channel)
{
    return channel == Channel::Email ? QStringLiteral("email") : QStringLiteral("webhook");
}

AlertHistory::AlertHistory(NotifyDatabase &db)
    : m_db(db)
{
}

bool AlertHistory::upsert(const Alert &a, const QByteArray &json, AlertRecord &record,
                          bool &created, QString &error)
{
    QSqlQuery q(m_db.database());
    // ON CONFLICT keeps id, acknowledged and the delivery columns of an existing uid.
    q.prepare(QStringLiteral(
        "INSERT INTO alerts (uid, kind, severity, severity_name, state, key, summary, start_ns,"
        " end_ns, last_ns, json, stored_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
        " ON CONFLICT(uid) DO UPDATE SET kind=excluded.kind, severity=excluded.severity,"
        " severity_name=excluded.severity_name, state=excluded.state, key=excluded.key,"
        " summary=excluded.summary, start_ns=excluded.start_ns, end_ns=excluded.end_ns,"
        " last_ns=excluded.last_ns, json=excluded.json"));
    // The row as it was: an update keeps its id, acknowledgement and delivery states.
    const std::optional<AlertRecord> existing = find(a.uid);
    q.addBindValue(a.uid);
    q.addBindValue(alertKindName(a.kind));
    q.addBindValue(int(a.severity));
    q.addBindValue(severityName(a.severity));
    q.addBindValue(a.isEngaged() ? QStringLiteral("engaged") : QStringLiteral("released"));
    q.addBindValue(a.key);
    q.addBindValue(a.summary);
    q.addBindValue(qint64(a.startNs));
    q.addBindValue(qint64(a.endNs));
    q.addBindValue(qint64(a.lastNs));
    q.addBindValue(QString::fromUtf8(json));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!q.exec()) {
        error =
            m_db.errorText(QStringLiteral("storing alert %1: %2").arg(a.uid, q.lastError().text()));
        return false;
    }
    // What is stored now, without reading it back: the old row's marks, the new alert.
    created = !existing;
    if (existing) {
        record = *existing;
    } else {
        record = AlertRecord{};
        record.id = q.lastInsertId().toLongLong();
    }
    record.alert = a;
    return true;
}

std::optional<AlertRecord> AlertHistory::find(const QString &uid) const
{
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("SELECT %1 FROM alerts WHERE uid = ?").arg(QLatin1String(kColumns)));
    q.addBindValue(uid);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return recordFrom(q);
}

QList<AlertRecord> AlertHistory::list(const HistoryFilter &f) const
{
    QStringList where;
    QVariantList values;
    if (!f.text.isEmpty()) {
        where << QStringLiteral("(kind LIKE ? ESCAPE '\\' OR severity_name LIKE ? ESCAPE '\\'"
                                " OR key LIKE ? ESCAPE '\\' OR summary LIKE ? ESCAPE '\\')");
        const QString pattern = likePattern(f.text);
        values << pattern << pattern << pattern << pattern;
    }
    QString sql = QStringLiteral("SELECT %1 FROM alerts").arg(QLatin1String(kColumns));
    if (f.minSeverity) {
        where << QStringLiteral("severity >= ?");
        values << int(*f.minSeverity);
    }
    if (f.fromNs) {
        where << QStringLiteral("start_ns >= ?");
        values << qint64(f.fromNs);
    }
    if (f.toNs) {
        where << QStringLiteral("start_ns <= ?");
        values << qint64(f.toNs);
    }
    if (f.unacknowledgedOnly)
        where << QStringLiteral("acknowledged = 0");
    if (!where.isEmpty())
        sql += QLatin1String(" WHERE ") + where.join(QLatin1String(" AND "));
    sql += QStringLiteral(" ORDER BY start_ns DESC, id DESC LIMIT %1").arg(std::max(0, f.limit));
    QSqlQuery q(m_db.database());
    q.prepare(sql);
    for (const QVariant &v : std::as_const(values))
        q.addBindValue(v);
    QList<AlertRecord> records;
    if (!q.exec())
        return records;
    while (q.next())
        records << recordFrom(q);
    return records;
}

bool AlertHistory::setStatus(const QString &uid, Channel channel, DeliveryStatus status,
                             const QString &error)
{
    QSqlQuery q(m_db.database());
    const QString column = channel == Channel::Email ? QStringLiteral("email_status")
                                                     : QStringLiteral("webhook_status");
    // Keep the last failure visible after a later success on the other channel.
    if (error.isEmpty()) {
        q.prepare(QStringLiteral("UPDATE alerts SET %1 = ? WHERE uid = ?").arg(column));
        q.addBindValue(int(status));
    } else {
        q.prepare(QStringLiteral("UPDATE alerts SET %1 = ?, delivery_error = ? WHERE uid = ?")
                      .arg(column));
        q.addBindValue(int(status));
        q.addBindValue(error);
    }
    q.addBindValue(uid);
    return q.exec();
}

bool AlertHistory::acknowledge(qint64 id)
{
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("UPDATE alerts SET acknowledged = 1 WHERE id = ?"));
    q.addBindValue(id);
    return q.exec() && q.numRowsAffected() == 1;
}

bool AlertHistory::clear()
{
    QSqlQuery q(m_db.database());
    return q.exec(QStringLiteral("DELETE FROM alerts"));
}

bool AlertHistory::exportCsv(const QString &path, const HistoryFilter &filter, QString &error) const
{
    const QList<AlertRecord> records = list(filter);
    std::string out = "id,start,end,severity,type,rule,key,state,summary,value,threshold,unit,"
                      "acknowledged,email,webhook,delivery_error,display_filter,snippet\r\n";
    for (const AlertRecord &r : records) {
        const Alert &a = r.alert;
        const QStringList cells{
            QString::number(r.id),
            captureTimeText(a.startNs),
            captureTimeText(a.endNs),
            severityName(a.severity),
            alertKindName(a.kind),
            a.ruleId,
            a.key,
            a.isEngaged() ? QStringLiteral("engaged") : QStringLiteral("released"),
            a.summary,
            QString::number(a.evidence.value),
            QString::number(a.evidence.threshold),
            a.evidence.unit,
            r.acknowledged ? QStringLiteral("yes") : QStringLiteral("no"),
            deliveryStatusName(r.email),
            deliveryStatusName(r.webhook),
            r.deliveryError,
            a.displayFilter,
            a.snippetPath,
        };
        for (qsizetype i = 0; i < cells.size(); ++i) {
            if (i)
                out += ',';
            const QByteArray utf8 = cells[i].toUtf8();
            CsvWriter::appendField(out, std::string_view(utf8.constData(), utf8.size()));
        }
        out += "\r\n";
    }
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        error = QStringLiteral("%1: cannot create the directory").arg(path);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(out.data(), qint64(out.size())) != qint64(out.size()) || !file.commit()) {
        error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace netlens
