// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats/timeseries.h"

#include <algorithm>
#include <map>

namespace netlens {

std::vector<TimeSeries::Point> TimeSeries::points(std::int64_t intervalNs) const
{
    intervalNs = std::max(intervalNs, m_bucketNs);
    std::map<std::int64_t, Point> merged;
    for (const auto &[key, p] : m_buckets) {
        const std::int64_t k = floorDiv(p.startNs, intervalNs);
        Point &m = merged[k];
        m.startNs = startOf(k, intervalNs);
        m.packets += p.packets;
        m.bytes += p.bytes;
    }
    std::vector<Point> out;
    out.reserve(merged.size());
    for (const auto &[k, p] : merged)
        out.push_back(p);
    return out;
}

std::int64_t TimeSeries::niceInterval(std::int64_t spanNs, std::size_t maxPoints)
{
    constexpr std::int64_t s = 1000000000;
    static constexpr std::int64_t steps[] = {1 * s,    5 * s,    10 * s,   30 * s,    60 * s,
                                             300 * s,  600 * s,  1800 * s, 3600 * s,  6 * 3600 * s,
                                             86400 * s};
    maxPoints = std::max<std::size_t>(maxPoints, 1);
    for (std::int64_t step : steps)
        if (spanNs / step < static_cast<std::int64_t>(maxPoints))
            return step;
    const std::int64_t day = 86400 * s;
    const std::int64_t days = spanNs / day / static_cast<std::int64_t>(maxPoints) + 1;
    return days * day;
}

} // namespace netlens
