// SPDX-License-Identifier: GPL-3.0-or-later
#include "history/historyperiod.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace netlens {

HistoryPeriod HistoryPeriod::containing(Kind kind, const QDateTime &at)
{
    const QDate d = at.toLocalTime().date();
    QDate first;
    switch (kind) {
    case Day: first = d; break;
    case Week: first = d.addDays(1 - d.dayOfWeek()); break;
    case Month: first = QDate(d.year(), d.month(), 1); break;
    case Year: first = QDate(d.year(), 1, 1); break;
    }
    HistoryPeriod p;
    p.kind = kind;
    p.start = first.startOfDay();
    switch (kind) {
    case Day: p.end = first.addDays(1).startOfDay(); break;
    case Week: p.end = first.addDays(7).startOfDay(); break;
    case Month: p.end = first.addMonths(1).startOfDay(); break;
    case Year: p.end = first.addYears(1).startOfDay(); break;
    }
    return p;
}

HistoryPeriod HistoryPeriod::shifted(int steps) const
{
    const QDate d = start.date();
    QDate to = d;
    switch (kind) {
    case Day: to = d.addDays(steps); break;
    case Week: to = d.addDays(7 * steps); break;
    case Month: to = d.addMonths(steps); break;
    case Year: to = d.addYears(steps); break;
    }
    return containing(kind, to.startOfDay());
}

bool parseHistoryTime(const QString &text, const QDateTime &now, std::int64_t &sec, QString &error)
{
    const QString t = text.trimmed();
    static const QRegularExpression relative(QStringLiteral("^(\\d{1,6})([mhdw])$"));
    if (const auto m = relative.match(t); m.hasMatch()) {
        const qint64 n = m.captured(1).toLongLong();
        const QChar unit = m.captured(2).at(0);
        const qint64 per = unit == QLatin1Char('m')   ? 60
                           : unit == QLatin1Char('h') ? 3600
                           : unit == QLatin1Char('d') ? 86400
                                                      : 7 * 86400;
        sec = now.toSecsSinceEpoch() - n * per;
        return true;
    }
    QDateTime dt;
    if (const QDate d = QDate::fromString(t, QStringLiteral("yyyy-MM-dd")); d.isValid())
        dt = d.startOfDay();
    if (!dt.isValid())
        dt = QDateTime::fromString(t, QStringLiteral("yyyy-MM-dd HH:mm"));
    if (!dt.isValid())
        dt = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(t, Qt::ISODate);
    if (!dt.isValid()) {
        error = QCoreApplication::translate(
                    "history", "\"%1\" is not a time: use YYYY-MM-DD, \"YYYY-MM-DD HH:MM\", ISO "
                               "8601 (2026-12-01T08:00:00Z) or a time back from now (30m, 24h, "
                               "7d, 2w)")
                    .arg(text);
        return false;
    }
    sec = dt.toSecsSinceEpoch();
    return true;
}

} // namespace netlens
