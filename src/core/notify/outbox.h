// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "notify/alertrecord.h"

#include <QByteArray>
#include <QList>
#include <optional>

namespace netlens {

class NotifyDatabase;

/**
 * The durable queue of deliveries, in the `outbox` table of the notify database: one row
 * per (alert uid or digest id, channel), unique, so one alert is queued once per channel
 * however often it is submitted. Rows stay Pending/Retrying until the channel's client
 * reports the server's 250 or 2xx (Delivered) or a permanent failure (Failed), so whatever
 * was not finished when NetLens stopped is picked up by the next open.
 *
 * A digest row carries the alerts of the rows folded into it; those rows become Digested
 * and follow the digest's fate.
 */
class Outbox {
public:
    enum class Status : std::uint8_t { Pending, Retrying, Delivered, Failed, Digested };
    struct Item {
        qint64 id = 0;
        QString uid; ///< alert uid, or the digest id
        Channel channel = Channel::Email;
        bool digest = false;
        QByteArray payload; ///< alertToJson() of the alert; a digest: a JSON array of them
        Status status = Status::Pending;
        int attempts = 0;
        qint64 createdMs = 0;
        qint64 nextMs = 0;
        QString lastError;
        QString digestUid; ///< the digest a Digested row went into
    };

    explicit Outbox(NotifyDatabase &db);

    /// Queues the alert for the channel, first attempt not before `notBeforeMs`, or refreshes
    /// the payload of a row that has not been delivered yet (a later snippet or release then
    /// goes out with it; a row not tried yet moves up to `notBeforeMs`). `created`: new row.
    bool enqueue(const QString &uid, Channel channel, const QByteArray &payload, qint64 nowMs,
                 qint64 notBeforeMs, bool &created);
    std::optional<Item> find(const QString &uid, Channel channel) const;
    std::optional<Item> get(qint64 id) const;
    /// Pending/Retrying rows whose time has come, oldest first.
    QList<Item> due(Channel channel, qint64 nowMs) const;
    /// The earliest next attempt of any Pending/Retrying row, or nullopt.
    std::optional<qint64> nextDueMs(Channel channel) const;
    /// Pending/Retrying rows of the channel.
    int activeCount(Channel channel) const;

    bool markDelivered(qint64 id, qint64 nowMs, const QString &message);
    bool markRetry(qint64 id, qint64 nextMs, const QString &error);
    bool markFailed(qint64 id, qint64 nowMs, const QString &error);
    /// Folds never-attempted rows into one new digest row (in one transaction); returns the
    /// digest's item, or nullopt on an error.
    std::optional<Item> foldIntoDigest(Channel channel, const QList<Item> &items, qint64 nowMs);
    /// The alert uids folded into a digest.
    QStringList members(const QString &digestUid, Channel channel) const;

private:
    NotifyDatabase &m_db;
};

} // namespace netlens
