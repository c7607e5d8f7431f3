// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "history/historysettings.h"
#include "history/historytypes.h"

#include <QSqlDatabase>
#include <QString>

namespace netlens {

/**
 * The traffic history in SQLite, in the alerts' file (data/netlens.db) through its own named
 * connection. Its tables are made with CREATE TABLE IF NOT EXISTS and versioned in its own
 * `history_meta` table, never `user_version` (NotifyDatabase's), so the two never fight.
 *
 * Schema (every time a UTC second at the start of the period; res = 60, 3600 or 86400):
 *   history_meta(key TEXT PRIMARY KEY, value TEXT)            -- schema = 1
 *   history_protocol(res, ts, protocol, bytes_in, bytes_out, packets_in, packets_out)
 *   history_host(res, ts, host, bytes_in, bytes_out, packets_in, packets_out)
 * both WITHOUT ROWID with PRIMARY KEY (res, ts, name): a period's rows are one range.
 *
 * writeMinute() is one transaction: the minute's rows and the same counts added to their
 * hour and day rows (upserts, so a minute written twice adds up and a roll-up is always the
 * exact sum of what was written). Host rows keep the `hostsPerPeriod` busiest per minute; an
 * hour's host rows are trimmed the same way once a later hour is written, and the day's at
 * the same time (the open day too, so it never holds more than an hour untrimmed), and at
 * the first write for what a killed capture left. Trimming folds the rest into "(other)":
 * totals stay exact, while a host folded in one minute and kept in the next has a named
 * row short of its share (the price of a bounded file). Rows past their retention are
 * deleted by the same transaction, against the minute's own time. WAL, synchronous=NORMAL:
 * a killed process loses only what was not committed, and readers never block the writer.
 *
 * Not thread-safe: one thread opens and uses an instance (Qt SQL connections are per thread).
 */
class HistoryStore {
public:
    explicit HistoryStore(HistorySettings settings);
    ~HistoryStore();
    HistoryStore(const HistoryStore &) = delete;
    HistoryStore &operator=(const HistoryStore &) = delete;

    /// Opens the file, creating it and the tables unless `readOnly` (then a missing file or
    /// one without history tables is an error). The message names the file.
    bool open(QString &error, bool readOnly = false);
    bool writeMinute(const HistoryMinute &minute, QString &error);

    /// The resolution a query over [since, until) uses: minutes up to a day, hours up to 31
    /// days, days beyond; coarser when the finer rows do not reach back to `since` (pruned).
    int resolutionFor(std::int64_t sinceSec, std::int64_t untilSec);
    /// Traffic of [since, until) by protocol at resolutionFor(), with the `topHosts` busiest.
    bool query(std::int64_t sinceSec, std::int64_t untilSec, int topHosts, HistoryReport &report,
               QString &error);
    /// Rows of `table` (history_protocol or history_host) at `res`, 0 for all resolutions.
    qint64 rowCount(const QString &table, int res = 0);
    /// The oldest and newest period start of any row; false when there is none.
    bool span(std::int64_t &firstSec, std::int64_t &lastSec);
    const HistorySettings &settings() const { return m_settings; }

private:
    QSqlDatabase db() const;
    bool exec(const QString &sql, QString &error);
    bool addRows(const char *table, const char *column, int res, std::int64_t ts,
                 const std::vector<HistoryEntry> &rows, QString &error);
    bool trimHosts(int res, std::int64_t ts, QString &error);
    bool trimClosed(std::int64_t beforeHour, std::int64_t beforeDay, QString &error);
    bool prune(std::int64_t nowSec, QString &error);
    std::int64_t earliest(int res);

    HistorySettings m_settings;
    QString m_connection;
    std::int64_t m_lastMinute = -1; ///< start of the last minute written, -1 none yet
};

/// The busiest `keep` of `hosts` by bytes (ties by name), the rest summed into one
/// HistoryMinute::kOther row (added to one already there): the totals stay the same.
void keepBusiestHosts(std::vector<HistoryEntry> &hosts, int keep);

} // namespace netlens
