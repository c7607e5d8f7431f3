// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Cell text shared by the statistics models. Numbers are written without group separators,
// so what the view shows is what Copy and Save as CSV write and a spreadsheet reads back.

#include <QDateTime>
#include <QString>
#include <cstdint>

namespace netlens::stats {

inline QString countText(std::uint64_t n)
{
    return QString::number(static_cast<qulonglong>(n));
}

/// Seconds with microseconds, as Wireshark's Rel Start and Duration columns.
inline QString secondsText(std::int64_t ns)
{
    return QString::number(static_cast<double>(ns) / 1e9, 'f', 6);
}

/// last - first in ns, never negative (out-of-order timestamps give 0, not a negative span).
inline std::int64_t durationNs(std::int64_t firstNs, std::int64_t lastNs)
{
    return lastNs > firstNs ? lastNs - firstNs : 0;
}

/// Bits per second over a span; 0 for an empty span (where Wireshark shows N/A).
inline double bitsPerSecond(std::uint64_t bytes, std::int64_t spanNs)
{
    return spanNs > 0 ? static_cast<double>(bytes) * 8e9 / static_cast<double>(spanNs) : 0.0;
}

inline QString rateText(double bitsPerSecond)
{
    return QString::number(bitsPerSecond, 'f', 0);
}

/// Absolute local time with milliseconds.
inline QString localTimeText(std::int64_t ns)
{
    // Floor division: a pre-1970 time must not round towards the epoch.
    const std::int64_t ms = ns >= 0 ? ns / 1000000 : -((-ns + 999999) / 1000000);
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

inline QString percentText(std::uint64_t part, std::uint64_t whole)
{
    return QString::number(
        whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0, 'f', 2);
}

} // namespace netlens::stats
