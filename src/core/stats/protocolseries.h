// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/counter.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace netlens {

/**
 * Packets and bytes over time, in total and per protocol label (Statistics::labelFor), kept
 * at two resolutions so that memory stays bounded however long a capture runs:
 *
 * - recent: one-second slots for the last `recentSlots` seconds before the newest packet
 *   (a ring; older slots are reused), for the live charts' 1- and 10-minute windows;
 * - overall: the whole capture in at most `maxPoints` buckets. The bucket width starts at one
 *   second and steps up a ladder of "nice" widths (1 s, 5 s, 10 s, 30 s, 1 min, ... 1 day,
 *   then doubling days) whenever the span would need more buckets; each step is a whole
 *   multiple of the last, so buckets merge exactly. Capture files whose timestamps span
 *   years or jump backwards cost at most maxPoints buckets, never a bucket per second.
 *
 * Each packet is counted under the label it had when it was seen (a flow's first packets,
 * before nDPI names it, count under its transport). Updating is O(1): the last overall bucket
 * and the last recent second are cached, so most packets cost two range compares each and a
 * short scan of the slots' labels, with no division.
 */
class ProtocolSeries {
public:
    struct Slot {
        Counter total;
        std::vector<std::pair<std::uint32_t, Counter>> labels; ///< few per slot, unsorted
        void add(std::uint32_t label, std::uint32_t bytes);
        void merge(const Slot &other);
        Counter label(std::uint32_t label) const;
    };

    static constexpr std::int64_t kSecondNs = 1000000000;

    explicit ProtocolSeries(std::size_t maxPoints = 1000, std::size_t recentSlots = 600);

    void add(std::int64_t tsNs, std::uint32_t bytes, std::uint32_t label);

    /// Width of the overall buckets now.
    std::int64_t overallIntervalNs() const { return m_widthNs; }
    /// Key (start / interval) of the first overall bucket; meaningless when empty.
    std::int64_t overallFirstKey() const { return m_firstKey; }
    /// Dense: one slot per interval from overallFirstKey(), empty ones included.
    const std::vector<Slot> &overall() const { return m_overall; }

    /// One-second slots in [newestSecond - count + 1, newestSecond], oldest first, empty
    /// seconds included; `count` is at most recentSlots() and at most the seconds since the
    /// oldest packet still in the ring.
    std::vector<const Slot *> recent(std::int64_t &firstSecond) const;
    std::size_t recentSlots() const { return m_ring.size(); }
    bool isEmpty() const { return m_overall.empty(); }

    /// The next width up the ladder from `widthNs` (a whole multiple of it).
    static std::int64_t nextWidth(std::int64_t widthNs);

private:
    void coarsen();
    Slot &overallSlot(std::int64_t tsNs);

    struct RingSlot {
        std::int64_t second = 0;
        bool used = false;
        Slot slot;
    };

    std::size_t m_maxPoints;
    std::int64_t m_widthNs = kSecondNs;
    std::int64_t m_firstKey = 0;
    std::vector<Slot> m_overall;
    // Cached bounds of the overall slot the last packet went to: most packets fall in it.
    std::int64_t m_cacheStartNs = 1;
    std::int64_t m_cacheEndNs = 0;
    std::size_t m_cacheIndex = 0;

    std::vector<RingSlot> m_ring;
    bool m_ringUsed = false;
    std::int64_t m_newestSecond = 0;
    std::int64_t m_oldestSecond = 0; ///< oldest second seen (bounds recent())
    // The ring slot of the second the last packet went to, and that second's bounds.
    std::size_t m_ringCacheIndex = 0; // an index, not a pointer: copies stay self-contained
    std::int64_t m_ringCacheStartNs = 1;
    std::int64_t m_ringCacheEndNs = 0;
};

} // namespace netlens
