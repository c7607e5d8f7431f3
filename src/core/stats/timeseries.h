// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <climits>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace netlens {

/**
 * Packets and bytes per time bucket, sparse: only buckets that saw traffic exist, so a
 * capture whose timestamps span years or jump backwards costs memory per busy second, not
 * per second of span. Updating is O(1) (a cached last bucket, then a hash look-up).
 */
class TimeSeries {
public:
    struct Point {
        std::int64_t startNs = 0;
        std::uint64_t packets = 0;
        std::uint64_t bytes = 0;
    };

    explicit TimeSeries(std::int64_t bucketNs = 1000000000) : m_bucketNs(bucketNs) {}

    void add(std::int64_t tsNs, std::uint32_t bytes)
    {
        const std::int64_t key = floorDiv(tsNs, m_bucketNs);
        if (key != m_lastKey || !m_last) {
            auto &slot = m_buckets[key];
            slot.startNs = startOf(key, m_bucketNs);
            m_last = &slot;
            m_lastKey = key;
        }
        ++m_last->packets;
        m_last->bytes += bytes;
    }

    std::int64_t bucketNs() const { return m_bucketNs; }
    std::size_t bucketCount() const { return m_buckets.size(); }
    /// Points in time order, merged into buckets of `intervalNs` (a multiple of bucketNs()).
    std::vector<Point> points(std::int64_t intervalNs) const;
    /// The smallest "nice" interval (1 s, 5 s, ... 1 day, then whole days) that keeps the
    /// number of points at or below `maxPoints` over the given span.
    static std::int64_t niceInterval(std::int64_t spanNs, std::size_t maxPoints);

    /// key * bucket, wrapping instead of overflowing: within one bucket of INT64_MIN the
    /// exact start is not representable, and signed overflow would be undefined.
    static std::int64_t startOf(std::int64_t key, std::int64_t bucketNs)
    {
        __extension__ typedef __int128 I128;
        const I128 v = static_cast<I128>(key) * bucketNs;
        return v < INT64_MIN ? INT64_MIN : static_cast<std::int64_t>(v);
    }

    static std::int64_t floorDiv(std::int64_t a, std::int64_t b)
    {
        std::int64_t q = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
    }

private:
    std::int64_t m_bucketNs;
    std::unordered_map<std::int64_t, Point> m_buckets; // nodes never move: m_last stays valid
    Point *m_last = nullptr;
    std::int64_t m_lastKey = 0;
};

} // namespace netlens
