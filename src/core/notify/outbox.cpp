// SPDX-License-Identifier: GPL-3.0-or-later
#include "notify/outbox.h"

#include "notify/notifydatabase.h"

#include <QCryptographicHash>
#include <QSqlQuery>

namespace netlens {

namespace {

constexpr const char *kColumns = "id, uid, channel, is_digest, payload, status, attempts,"
                                 " created_ms, next_ms, last_error, digest_uid";

Outbox::Item itemFrom(const QSqlQuery &q)
{
    Outbox::Item it;
    it.id = q.value(0).toLongLong();
    it.uid = q.value(1).toString();
    it.channel = static_cast<Channel>(q.value(2).toInt());
    it.digest = q.value(3).toBool();
    it.payload = q.value(4).toString().toUtf8();
    it.status = static_cast<Outbox::Status>(q.value(5).toInt());
    it.attempts = q.value(6).toInt();
    it.createdMs = q.value(7).toLongLong();
    it.nextMs = q.value(8).toLongLong();
    it.lastError = q.value(9).toString();
    it.digestUid = q.value(10).toString();
    return it;
}

constexpr int kPending = int(Outbox::Status::Pending);
constexpr int kRetrying = int(Outbox::Status::Retrying);

} // namespace

Outbox::Outbox(NotifyDatabase &db)
    : m_db(db)
{
}

bool Outbox::enqueue(const QString &uid, Channel channel, const QByteArray &payload, qint64 nowMs,
                     qint64 notBeforeMs, bool &created)
{
    created = false;
    if (const std::optional<Item> existing = find(uid, channel)) {
        if (existing->status != Status::Pending && existing->status != Status::Retrying)
            return true; // delivered, failed or in a digest: never queued a second time
        QSqlQuery q(m_db.database());
        // A row still waiting for its first attempt may be brought forward (its snippet
        // came); a retrying one keeps its backoff.
        q.prepare(QStringLiteral("UPDATE outbox SET payload = ?, next_ms = CASE WHEN attempts = 0"
                                 " THEN MIN(next_ms, ?) ELSE next_ms END WHERE id = ?"));
        q.addBindValue(QString::fromUtf8(payload));
        q.addBindValue(std::max(notBeforeMs, nowMs));
        q.addBindValue(existing->id);
        return q.exec();
    }
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("INSERT INTO outbox (uid, channel, payload, status, created_ms,"
                             " next_ms) VALUES (?,?,?,?,?,?)"));
    q.addBindValue(uid);
    q.addBindValue(int(channel));
    q.addBindValue(QString::fromUtf8(payload));
    q.addBindValue(kPending);
    q.addBindValue(nowMs);
    q.addBindValue(std::max(notBeforeMs, nowMs));
    created = q.exec();
    return created;
}

std::optional<Outbox::Item> Outbox::find(const QString &uid, Channel channel) const
{
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("SELECT %1 FROM outbox WHERE uid = ? AND channel = ?")
                  .arg(QLatin1String(kColumns)));
    q.addBindValue(uid);
    q.addBindValue(int(channel));
    if (!q.exec() || !q.next())
        return std::nullopt;
    return itemFrom(q);
}

std::optional<Outbox::Item> Outbox::get(qint64 id) const
{
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("SELECT %1 FROM outbox WHERE id = ?").arg(QLatin1String(kColumns)));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return itemFrom(q);
}

QList<Outbox::Item> Outbox::due(Channel channel, qint64 nowMs) const
{
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("SELECT %1 FROM outbox WHERE channel = ? AND status IN (?, ?)"
                             " AND next_ms <= ? ORDER BY next_ms, id")
                  .arg(QLatin1String(kColumns)));
    q.addBindValue(int(channel));
    q.addBindValue(kPending);
    q.addBindValue(kRetrying);
    q.addBindValue(nowMs);
    QList<Item> items;
    if (q.exec())
        while (q.next())
            items << itemFrom(q);
    return items;
}

std::optional<qint64> Outbox::nextDueMs(Channel channel) const
{
    QSqlQuery q(m_db.database());
    q.prepare(
        QStringLiteral("SELECT MIN(next_ms) FROM outbox WHERE channel = ? AND status IN (?, ?)"));
    q.addBindValue(int(channel));
    q.addBindValue(kPending);
    q.addBindValue(kRetrying);
    if (!q.exec() || !q.next() || q.value(0).isNull())
        return std::nullopt;
    return q.value(0).toLongLong();
}

int Outbox::activeCount(Channel channel) const
{
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE channel = ? AND status IN (?, ?)"));
    q.addBindValue(int(channel));
    q.addBindValue(kPending);
    q.addBindValue(kRetrying);
    return q.exec() && q.next() ? q.value(0).toInt() : 0;
}

bool Outbox::markDelivered(qint64 id, qint64 nowMs, const QString &message)
{
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("UPDATE outbox SET status = ?, attempts = attempts + 1, done_ms = ?,"
                             " last_error = ? WHERE id = ?"));
    q.addBindValue(int(Status::Delivered));
    q.addBindValue(nowMs);
    q.addBindValue(message);
    q.addBindValue(id);
    return q.exec();
}

bool Outbox::markRetry(qint64 id, qint64 nextMs, const QString &error)
{
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("UPDATE outbox SET status = ?, attempts = attempts + 1, next_ms = ?,"
                             " last_error = ? WHERE id = ?"));
    q.addBindValue(kRetrying);
    q.addBindValue(nextMs);
    q.addBindValue(error);
    q.addBindValue(id);
    return q.exec();
}

bool Outbox::markFailed(qint64 id, qint64 nowMs, const QString &error)
{
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("UPDATE outbox SET status = ?, attempts = attempts + 1, done_ms = ?,"
                             " last_error = ? WHERE id = ?"));
    q.addBindValue(int(Status::Failed));
    q.addBindValue(nowMs);
    q.addBindValue(error);
    q.addBindValue(id);
    return q.exec();
}

std::optional<Outbox::Item> Outbox::foldIntoDigest(Channel channel, const QList<Item> &items,
                                                   qint64 nowMs)
{
    if (items.isEmpty())
        return std::nullopt;
    // The digest id comes from its members, so the same set gives the same Message-ID and
    // Idempotency-Key.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray payload = "[";
    for (const Item &it : items) {
        hash.addData(QByteArray(it.uid.toUtf8() + '\n'));
        if (payload.size() > 1)
            payload += ',';
        payload += it.payload;
    }
    payload += ']';
    const QString digestUid =
        QStringLiteral("digest-") + QString::fromLatin1(hash.result().toHex().left(24));

    QSqlDatabase db = m_db.database();
    if (!db.transaction())
        return std::nullopt;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO outbox (uid, channel, is_digest, payload, status,"
                             " created_ms, next_ms) VALUES (?,?,1,?,?,?,?)"));
    q.addBindValue(digestUid);
    q.addBindValue(int(channel));
    q.addBindValue(QString::fromUtf8(payload));
    q.addBindValue(kPending);
    q.addBindValue(nowMs);
    q.addBindValue(nowMs);
    bool ok = q.exec();
    for (const Item &it : items) {
        if (!ok)
            break;
        QSqlQuery m(db);
        // Only rows never tried: one that was attempted may have reached the server.
        m.prepare(QStringLiteral("UPDATE outbox SET status = ?, digest_uid = ?"
                                 " WHERE id = ? AND attempts = 0 AND status = ?"));
        m.addBindValue(int(Status::Digested));
        m.addBindValue(digestUid);
        m.addBindValue(it.id);
        m.addBindValue(kPending);
        ok = m.exec() && m.numRowsAffected() == 1;
    }
    if (!ok || !db.commit()) {
        db.rollback();
        return std::nullopt;
    }
    return find(digestUid, channel);
}

QStringList Outbox::members(const QString &digestUid, Channel channel) const
{
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("SELECT uid FROM outbox WHERE digest_uid = ? AND channel = ?"
                             " ORDER BY id"));
    q.addBindValue(digestUid);
    q.addBindValue(int(channel));
    QStringList uids;
    if (q.exec())
        while (q.next())
            uids << q.value(0).toString();
    return uids;
}

} // namespace netlens
