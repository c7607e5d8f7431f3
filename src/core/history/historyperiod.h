// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>
#include <cstdint>

namespace netlens {

/// A day, week, month or year of local time, as the History window steps through them.
struct HistoryPeriod {
    enum Kind { Day, Week, Month, Year };
    Kind kind = Day;
    QDateTime start; ///< local midnight; weeks start on Monday
    QDateTime end;   ///< the next period's start

    /// The period of `kind` holding `at`.
    static HistoryPeriod containing(Kind kind, const QDateTime &at);
    /// The one `steps` periods later (negative: earlier).
    HistoryPeriod shifted(int steps) const;
    std::int64_t sinceSec() const { return start.toSecsSinceEpoch(); }
    std::int64_t untilSec() const { return end.toSecsSinceEpoch(); }
};

/// A time for `history --since/--until`: YYYY-MM-DD (local midnight), YYYY-MM-DD HH:MM (local),
/// ISO 8601 (with Z or an offset, else local), or a time back from `now`: 30m, 24h, 7d, 2w.
/// False with `error` saying what is accepted.
bool parseHistoryTime(const QString &text, const QDateTime &now, std::int64_t &sec, QString &error);

} // namespace netlens
