// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats/protocolseries.h"

#include "stats/timeseries.h"

#include <algorithm>
#include <limits>

namespace netlens {

void ProtocolSeries::Slot::add(std::uint32_t label, std::uint32_t bytes)
{
    total.add(1, bytes);
    // Most slots hold a handful of labels and the busiest comes first soon: a linear scan
    // beats a map here.
    for (auto &[l, c] : labels)
        if (l == label) {
            c.add(1, bytes);
            return;
        }
    labels.emplace_back(label, Counter{1, bytes});
}

void ProtocolSeries::Slot::merge(const Slot &other)
{
    total.add(other.total);
    for (const auto &[label, counter] : other.labels) {
        auto it = std::find_if(labels.begin(), labels.end(),
                               [l = label](const auto &e) { return e.first == l; });
        if (it == labels.end())
            labels.emplace_back(label, counter);
        else
            it->second.add(counter);
    }
}

Counter ProtocolSeries::Slot::label(std::uint32_t l) const
{
    for (const auto &[label, counter] : labels)
        if (label == l)
            return counter;
    return {};
}

ProtocolSeries::ProtocolSeries(std::size_t maxPoints, std::size_t recentSlots)
    : m_maxPoints(std::max<std::size_t>(maxPoints, 4))
    , m_ring(std::max<std::size_t>(recentSlots, 1))
{
}

std::int64_t ProtocolSeries::nextWidth(std::int64_t widthNs)
{
    static constexpr std::int64_t kLadder[] = {1,   5,    10,   30,    60,   300,
                                               600, 1800, 3600, 21600, 86400};
    for (const std::int64_t s : kLadder)
        if (s * kSecondNs > widthNs)
            return s * kSecondNs;
    // Past a day: doubling days. The span of int64 nanoseconds fits in a few buckets long
    // before the width itself could overflow (maxPoints is at least 4).
    return widthNs > std::numeric_limits<std::int64_t>::max() / 2 ? widthNs : widthNs * 2;
}

void ProtocolSeries::coarsen()
{
    const std::int64_t next = nextWidth(m_widthNs);
    if (next == m_widthNs)
        return;
    const std::int64_t factor = next / m_widthNs;
    const std::int64_t newFirst = TimeSeries::floorDiv(m_firstKey, factor);
    const std::int64_t newLast =
        TimeSeries::floorDiv(m_firstKey + static_cast<std::int64_t>(m_overall.size()) - 1, factor);
    std::vector<Slot> merged(static_cast<std::size_t>(newLast - newFirst + 1));
    for (std::size_t i = 0; i < m_overall.size(); ++i) {
        const std::int64_t key =
            TimeSeries::floorDiv(m_firstKey + static_cast<std::int64_t>(i), factor);
        Slot &to = merged[static_cast<std::size_t>(key - newFirst)];
        if (to.total.packets == 0)
            to = std::move(m_overall[i]);
        else
            to.merge(m_overall[i]);
    }
    m_overall = std::move(merged);
    m_widthNs = next;
    m_firstKey = newFirst;
    m_cacheStartNs = 1;
    m_cacheEndNs = 0; // invalid
}

ProtocolSeries::Slot &ProtocolSeries::overallSlot(std::int64_t tsNs)
{
    if (tsNs >= m_cacheStartNs && tsNs < m_cacheEndNs)
        return m_overall[m_cacheIndex];
    std::int64_t key = TimeSeries::floorDiv(tsNs, m_widthNs);
    if (m_overall.empty()) {
        m_firstKey = key;
        m_overall.resize(1);
    } else {
        // Grow the dense range to take `key`, coarsening while it would exceed maxPoints.
        for (;;) {
            const std::int64_t last = m_firstKey + static_cast<std::int64_t>(m_overall.size()) - 1;
            const std::int64_t lo = std::min(m_firstKey, key);
            const std::int64_t hi = std::max(last, key);
            // Unsigned: keys of timestamps at both ends of int64 differ by more than int64.
            const std::uint64_t need =
                static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo) + 1;
            if (need <= m_maxPoints || nextWidth(m_widthNs) == m_widthNs) {
                if (key < m_firstKey) {
                    m_overall.insert(m_overall.begin(), static_cast<std::size_t>(m_firstKey - key),
                                     Slot{});
                    m_firstKey = key;
                } else if (key > last) {
                    m_overall.resize(m_overall.size() + static_cast<std::size_t>(key - last));
                }
                break;
            }
            coarsen();
            key = TimeSeries::floorDiv(tsNs, m_widthNs);
        }
    }
    m_cacheIndex = static_cast<std::size_t>(key - m_firstKey);
    m_cacheStartNs = TimeSeries::startOf(key, m_widthNs);
    const std::int64_t end = TimeSeries::startOf(key + 1, m_widthNs);
    // The last bucket before INT64_MAX: its end does not fit, so the cache stays invalid.
    m_cacheEndNs = end > m_cacheStartNs ? end : m_cacheStartNs;
    return m_overall[m_cacheIndex];
}

void ProtocolSeries::add(std::int64_t tsNs, std::uint32_t bytes, std::uint32_t label)
{
    overallSlot(tsNs).add(label, bytes);

    // Most packets fall in the second the last one went to: no division, no ring state to
    // move (that second went through the path below last, so it is the newest in the ring).
    if (tsNs >= m_ringCacheStartNs && tsNs < m_ringCacheEndNs) {
        m_ring[m_ringCacheIndex].slot.add(label, bytes);
        return;
    }
    const std::int64_t second = TimeSeries::floorDiv(tsNs, kSecondNs);
    const auto n = static_cast<std::int64_t>(m_ring.size());
    if (!m_ringUsed) {
        m_ringUsed = true;
        m_newestSecond = m_oldestSecond = second;
    } else if (second > m_newestSecond) {
        // Seconds skipped since the newest keep stale slots: they are recognised by their
        // `second` field, so nothing needs clearing here.
        m_newestSecond = second;
    } else if (second <= m_newestSecond - n) {
        return; // older than the recent window
    }
    m_oldestSecond = std::min(m_oldestSecond, second);
    const auto index = static_cast<std::size_t>(((second % n) + n) % n);
    RingSlot &r = m_ring[index];
    if (!r.used || r.second != second) {
        r.slot = Slot{};
        r.second = second;
        r.used = true;
    }
    r.slot.add(label, bytes);
    m_ringCacheIndex = index;
    m_ringCacheStartNs = TimeSeries::startOf(second, kSecondNs);
    const std::int64_t end = TimeSeries::startOf(second + 1, kSecondNs);
    m_ringCacheEndNs =
        end > m_ringCacheStartNs ? end : m_ringCacheStartNs; // the last second of int64
}

std::vector<const ProtocolSeries::Slot *> ProtocolSeries::recent(std::int64_t &firstSecond) const
{
    std::vector<const Slot *> out;
    if (!m_ringUsed)
        return out;
    const auto n = static_cast<std::int64_t>(m_ring.size());
    firstSecond = std::max(m_newestSecond - n + 1, m_oldestSecond);
    static const Slot kEmpty;
    out.reserve(static_cast<std::size_t>(m_newestSecond - firstSecond + 1));
    for (std::int64_t s = firstSecond; s <= m_newestSecond; ++s) {
        const RingSlot &r = m_ring[static_cast<std::size_t>(((s % n) + n) % n)];
        out.push_back(r.used && r.second == s ? &r.slot : &kEmpty);
    }
    return out;
}

} // namespace netlens
