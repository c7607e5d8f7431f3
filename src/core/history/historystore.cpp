// SPDX-License-Identifier: GPL-3.0-or-later
#include "history/historystore.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>
#include <atomic>

namespace netlens {

namespace {
constexpr int kSchema = 1;
constexpr std::int64_t kDaySec = historyres::kDay;
constexpr int kResolutions[] = {historyres::kMinute, historyres::kHour, historyres::kDay};

std::int64_t alignDown(std::int64_t t, std::int64_t res)
{
    const std::int64_t q = t / res;
    return (t % res < 0 ? q - 1 : q) * res;
}

int coarser(int res)
{
    return res == historyres::kMinute ? historyres::kHour : historyres::kDay;
}

QString other()
{
    return QString::fromLatin1(HistoryMinute::kOther);
}

HistoryCounts countsAt(const QSqlQuery &q, int first)
{
    HistoryCounts c;
    c.bytesIn = q.value(first).toULongLong();
    c.bytesOut = q.value(first + 1).toULongLong();
    c.packetsIn = q.value(first + 2).toULongLong();
    c.packetsOut = q.value(first + 3).toULongLong();
    return c;
}
} // namespace

void keepBusiestHosts(std::vector<HistoryEntry> &hosts, int keep)
{
    const QString otherKey = other();
    HistoryCounts rest;
    const auto isOther = [&otherKey](const HistoryEntry &e) { return e.key == otherKey; };
    for (const HistoryEntry &e : hosts)
        if (isOther(e))
            rest.add(e.counts);
    hosts.erase(std::remove_if(hosts.begin(), hosts.end(), isOther), hosts.end());
    const std::size_t n = static_cast<std::size_t>(std::max(0, keep));
    if (hosts.size() > n) {
        const auto busier = [](const HistoryEntry &a, const HistoryEntry &b) {
            return a.counts.bytes() != b.counts.bytes() ? a.counts.bytes() > b.counts.bytes()
                                                        : a.key < b.key;
        };
        std::nth_element(hosts.begin(), hosts.begin() + static_cast<std::ptrdiff_t>(n), hosts.end(),
                         busier);
        for (std::size_t i = n; i < hosts.size(); ++i)
            rest.add(hosts[i].counts);
        hosts.resize(n);
    }
    if (rest.packets() > 0 || rest.bytes() > 0)
        hosts.push_back({otherKey, rest});
}

HistoryStore::HistoryStore(HistorySettings settings)
    : m_settings(std::move(settings))
{
    // Unique in the process, also for stores made one after the other at the same address.
    static std::atomic<quint64> serial{0};
    m_connection = QStringLiteral("netlens-history-%1").arg(serial.fetch_add(1));
}

HistoryStore::~HistoryStore()
{
    if (QSqlDatabase::contains(m_connection)) {
        {
            QSqlDatabase d = QSqlDatabase::database(m_connection, false);
            d.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }
}

QSqlDatabase HistoryStore::db() const
{
    return QSqlDatabase::database(m_connection, false);
}

bool HistoryStore::exec(const QString &sql, QString &error)
{
    QSqlQuery q(db());
    if (!q.exec(sql)) {
        error = QStringLiteral("%1: %2").arg(m_settings.dbPath, q.lastError().text());
        return false;
    }
    return true;
}

bool HistoryStore::open(QString &error, bool readOnly)
{
    const QString &path = m_settings.dbPath;
    const QFileInfo info(path);
    if (readOnly && !info.exists()) {
        error = QStringLiteral("%1: no such file (no history was recorded here)").arg(path);
        return false;
    }
    if (!readOnly && !QDir().mkpath(info.absolutePath())) {
        error = QStringLiteral("%1: cannot create the directory %2").arg(path, info.absolutePath());
        return false;
    }
    QSqlDatabase d = QSqlDatabase::contains(m_connection)
                         ? QSqlDatabase::database(m_connection, false)
                         : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    if (!d.isValid()) {
        error = QStringLiteral("%1: the Qt SQLite driver (QSQLITE) is not available").arg(path);
        return false;
    }
    d.setDatabaseName(path);
    d.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!d.open()) {
        error = QStringLiteral("%1: %2").arg(path, d.lastError().text());
        return false;
    }
    QSqlQuery check(d);
    if (!check.exec(QStringLiteral("SELECT count(*) FROM sqlite_master "
                                   "WHERE name IN ('history_protocol','history_host')")) ||
        !check.next()) {
        error =
            QStringLiteral("%1: not an SQLite database (%2)").arg(path, check.lastError().text());
        d.close();
        return false;
    }
    const int tables = check.value(0).toInt();
    check.finish();
    if (readOnly) {
        if (tables < 2) {
            error = QStringLiteral("%1: holds no history (no capture recorded any)").arg(path);
            d.close();
            return false;
        }
        return true;
    }
    const char *const statements[] = {
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=NORMAL",
        "CREATE TABLE IF NOT EXISTS history_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS history_protocol (res INTEGER NOT NULL, ts INTEGER NOT NULL,"
        " protocol TEXT NOT NULL, bytes_in INTEGER NOT NULL, bytes_out INTEGER NOT NULL,"
        " packets_in INTEGER NOT NULL, packets_out INTEGER NOT NULL,"
        " PRIMARY KEY (res, ts, protocol)) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS history_host (res INTEGER NOT NULL, ts INTEGER NOT NULL,"
        " host TEXT NOT NULL, bytes_in INTEGER NOT NULL, bytes_out INTEGER NOT NULL,"
        " packets_in INTEGER NOT NULL, packets_out INTEGER NOT NULL,"
        " PRIMARY KEY (res, ts, host)) WITHOUT ROWID",
    };
    for (const char *sql : statements)
        if (!exec(QString::fromLatin1(sql), error)) {
            d.close();
            return false;
        }
    QSqlQuery meta(d);
    if (meta.exec(QStringLiteral("SELECT value FROM history_meta WHERE key='schema'")) &&
        meta.next() && meta.value(0).toInt() > kSchema) {
        error = QStringLiteral("%1: history made by a newer NetLens (schema %2, this one knows %3)")
                    .arg(path)
                    .arg(meta.value(0).toInt())
                    .arg(kSchema);
        meta.finish();
        d.close();
        return false;
    }
    meta.finish();
    return exec(QStringLiteral("INSERT OR REPLACE INTO history_meta(key, value) "
                               "VALUES ('schema', '%1')")
                    .arg(kSchema),
                error);
}

bool HistoryStore::addRows(const char *table, const char *column, int res, std::int64_t ts,
                           const std::vector<HistoryEntry> &rows, QString &error)
{
    if (rows.empty())
        return true;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT INTO %1 (res, ts, %2, bytes_in, bytes_out, packets_in,"
                             " packets_out) VALUES (?, ?, ?, ?, ?, ?, ?)"
                             " ON CONFLICT (res, ts, %2) DO UPDATE SET"
                             " bytes_in = bytes_in + excluded.bytes_in,"
                             " bytes_out = bytes_out + excluded.bytes_out,"
                             " packets_in = packets_in + excluded.packets_in,"
                             " packets_out = packets_out + excluded.packets_out")
                  .arg(QLatin1String(table), QLatin1String(column)));
    for (const HistoryEntry &e : rows) {
        q.addBindValue(res);
        q.addBindValue(qint64(ts));
        q.addBindValue(e.key);
        q.addBindValue(qint64(e.counts.bytesIn));
        q.addBindValue(qint64(e.counts.bytesOut));
        q.addBindValue(qint64(e.counts.packetsIn));
        q.addBindValue(qint64(e.counts.packetsOut));
        if (!q.exec()) {
            error = QStringLiteral("%1: %2").arg(m_settings.dbPath, q.lastError().text());
            return false;
        }
    }
    return true;
}

bool HistoryStore::trimHosts(int res, std::int64_t ts, QString &error)
{
    // The hosts past the busiest hostsPerPeriod of one period, folded into its "(other)" row.
    const QString rest = QStringLiteral("SELECT host FROM history_host WHERE res = %1 AND ts = %2"
                                        " AND host <> '%3' ORDER BY bytes_in + bytes_out DESC,"
                                        " host LIMIT -1 OFFSET %4")
                             .arg(res)
                             .arg(ts)
                             .arg(other())
                             .arg(std::max(0, m_settings.hostsPerPeriod));
    QSqlQuery sum(db());
    if (!sum.exec(QStringLiteral("SELECT count(*), sum(bytes_in), sum(bytes_out),"
                                 " sum(packets_in), sum(packets_out) FROM history_host"
                                 " WHERE res = %1 AND ts = %2 AND host IN (%3)")
                      .arg(res)
                      .arg(ts)
                      .arg(rest)) ||
        !sum.next()) {
        error = QStringLiteral("%1: %2").arg(m_settings.dbPath, sum.lastError().text());
        return false;
    }
    if (sum.value(0).toLongLong() == 0)
        return true;
    const HistoryEntry folded{other(), countsAt(sum, 1)};
    sum.finish();
    if (!exec(QStringLiteral("DELETE FROM history_host WHERE res = %1 AND ts = %2 AND host IN (%3)")
                  .arg(res)
                  .arg(ts)
                  .arg(rest),
              error))
        return false;
    return addRows("history_host", "host", res, ts, {folded}, error);
}

bool HistoryStore::trimClosed(std::int64_t beforeHour, std::int64_t beforeDay, QString &error)
{
    QSqlQuery q(db());
    if (!q.exec(QStringLiteral("SELECT res, ts FROM history_host WHERE ((res = %1 AND ts < %2)"
                               " OR (res = %3 AND ts < %4)) GROUP BY res, ts"
                               " HAVING count(*) > %5")
                    .arg(historyres::kHour)
                    .arg(beforeHour)
                    .arg(historyres::kDay)
                    .arg(beforeDay)
                    .arg(std::max(0, m_settings.hostsPerPeriod) + 1))) {
        error = QStringLiteral("%1: %2").arg(m_settings.dbPath, q.lastError().text());
        return false;
    }
    std::vector<std::pair<int, std::int64_t>> periods;
    while (q.next())
        periods.emplace_back(q.value(0).toInt(), q.value(1).toLongLong());
    q.finish();
    for (const auto &[res, ts] : periods)
        if (!trimHosts(res, ts, error))
            return false;
    return true;
}

bool HistoryStore::prune(std::int64_t nowSec, QString &error)
{
    const std::pair<int, int> keep[] = {{historyres::kMinute, m_settings.minuteDays},
                                        {historyres::kHour, m_settings.hourDays},
                                        {historyres::kDay, m_settings.dayDays}};
    for (const char *table : {"history_protocol", "history_host"})
        for (const auto &[res, days] : keep)
            if (!exec(QStringLiteral("DELETE FROM %1 WHERE res = %2 AND ts < %3")
                          .arg(QLatin1String(table))
                          .arg(res)
                          .arg(nowSec - std::int64_t{std::max(0, days)} * kDaySec),
                      error))
                return false;
    return true;
}

bool HistoryStore::writeMinute(const HistoryMinute &minute, QString &error)
{
    QSqlDatabase d = db();
    if (!d.isOpen()) {
        error = QStringLiteral("%1: not open").arg(m_settings.dbPath);
        return false;
    }
    std::vector<HistoryEntry> hosts = minute.hosts;
    keepBusiestHosts(hosts, m_settings.hostsPerPeriod);
    if (!d.transaction()) {
        error = QStringLiteral("%1: %2").arg(m_settings.dbPath, d.lastError().text());
        return false;
    }
    const std::int64_t start = alignDown(minute.startSec, historyres::kMinute);
    bool ok = true;
    for (const int res : kResolutions) {
        const std::int64_t ts = alignDown(start, res);
        ok = ok && addRows("history_protocol", "protocol", res, ts, minute.protocols, error) &&
             addRows("history_host", "host", res, ts, hosts, error);
    }
    // Hours and days that are over keep only their busiest hosts, as minutes do.
    const std::int64_t hour = alignDown(start, historyres::kHour);
    if (ok && m_lastMinute < 0)
        ok = trimClosed(hour, alignDown(start, historyres::kDay), error);
    else if (ok && start > m_lastMinute && alignDown(m_lastMinute, historyres::kHour) < hour) {
        // An hour is over: its hosts are trimmed, and so are the day's so far (the day that
        // is over, or the one going on), so an open day never holds more than an hour of
        // untrimmed rows.
        ok = trimHosts(historyres::kHour, alignDown(m_lastMinute, historyres::kHour), error) &&
             trimHosts(historyres::kDay, alignDown(m_lastMinute, historyres::kDay), error);
    }
    ok = ok && prune(std::max(start, m_lastMinute), error);
    if (!ok) {
        d.rollback();
        return false;
    }
    if (!d.commit()) {
        error = QStringLiteral("%1: %2").arg(m_settings.dbPath, d.lastError().text());
        d.rollback();
        return false;
    }
    m_lastMinute = std::max(m_lastMinute, start);
    return true;
}

std::int64_t HistoryStore::earliest(int res)
{
    QSqlQuery q(db());
    if (q.exec(QStringLiteral("SELECT min(ts) FROM history_protocol WHERE res = %1").arg(res)) &&
        q.next() && !q.value(0).isNull())
        return q.value(0).toLongLong();
    return -1;
}

int HistoryStore::resolutionFor(std::int64_t sinceSec, std::int64_t untilSec)
{
    const std::int64_t span = untilSec - sinceSec;
    int res = span <= kDaySec        ? historyres::kMinute
              : span <= 31 * kDaySec ? historyres::kHour
                                     : historyres::kDay;
    // Finer rows pruned before `since` while coarser ones reach further back: coarser, so
    // the whole period shows.
    while (res != historyres::kDay) {
        const std::int64_t fine = earliest(res);
        if (fine >= 0 && fine <= sinceSec)
            break;
        const int next = coarser(res);
        const std::int64_t coarse = earliest(next);
        if (coarse < 0 || (fine >= 0 && coarse >= alignDown(fine, next)))
            break;
        res = next;
    }
    return res;
}

bool HistoryStore::query(std::int64_t sinceSec, std::int64_t untilSec, int topHosts,
                         HistoryReport &report, QString &error)
{
    report = HistoryReport{};
    report.sinceSec = sinceSec;
    report.untilSec = untilSec;
    report.resolution = resolutionFor(sinceSec, untilSec);
    const std::int64_t from = alignDown(sinceSec, report.resolution);
    QSqlQuery q(db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT ts, protocol, bytes_in, bytes_out, packets_in, packets_out"
                               " FROM history_protocol WHERE res = %1 AND ts >= %2 AND ts < %3"
                               " ORDER BY ts")
                    .arg(report.resolution)
                    .arg(from)
                    .arg(untilSec))) {
        error = QStringLiteral("%1: %2").arg(m_settings.dbPath, q.lastError().text());
        return false;
    }
    QHash<QString, std::size_t> index;
    while (q.next()) {
        const QString name = q.value(1).toString();
        auto it = index.constFind(name);
        if (it == index.constEnd()) {
            it = index.insert(name, report.protocols.size());
            report.protocols.push_back({name, {}, {}});
        }
        HistorySeries &s = report.protocols[*it];
        const HistoryPoint p{q.value(0).toLongLong(), countsAt(q, 2)};
        s.points.push_back(p);
        s.total.add(p.counts);
        report.total.add(p.counts);
    }
    std::stable_sort(report.protocols.begin(), report.protocols.end(),
                     [](const HistorySeries &a, const HistorySeries &b) {
                         return a.total.bytes() > b.total.bytes();
                     });
    QSqlQuery h(db());
    h.setForwardOnly(true);
    if (!h.exec(QStringLiteral("SELECT host, sum(bytes_in), sum(bytes_out), sum(packets_in),"
                               " sum(packets_out) FROM history_host WHERE res = %1 AND ts >= %2"
                               " AND ts < %3 GROUP BY host"
                               " ORDER BY sum(bytes_in) + sum(bytes_out) DESC, host")
                    .arg(report.resolution)
                    .arg(from)
                    .arg(untilSec))) {
        error = QStringLiteral("%1: %2").arg(m_settings.dbPath, h.lastError().text());
        return false;
    }
    const QString otherKey = other();
    while (h.next()) {
        HistoryEntry e{h.value(0).toString(), countsAt(h, 1)};
        if (e.key == otherKey || report.hosts.size() >= static_cast<std::size_t>(topHosts))
            report.otherHosts.add(e.counts);
        else
            report.hosts.push_back(std::move(e));
    }
    return true;
}

qint64 HistoryStore::rowCount(const QString &table, int res)
{
    QSqlQuery q(db());
    const QString where = res ? QStringLiteral(" WHERE res = %1").arg(res) : QString();
    if (q.exec(QStringLiteral("SELECT count(*) FROM %1%2").arg(table, where)) && q.next())
        return q.value(0).toLongLong();
    return -1;
}

bool HistoryStore::span(std::int64_t &firstSec, std::int64_t &lastSec)
{
    QSqlQuery q(db());
    if (q.exec(QStringLiteral("SELECT min(ts), max(ts + res) FROM history_protocol")) && q.next() &&
        !q.value(0).isNull()) {
        firstSec = q.value(0).toLongLong();
        lastSec = q.value(1).toLongLong();
        return true;
    }
    return false;
}

} // namespace netlens
