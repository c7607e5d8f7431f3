// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

namespace netlens {

/**
 * The heaviest keys of a stream (addresses or ports) in fixed memory: each key hashes to one
 * of N slots, a slot's owner counts up, another key hitting it counts it down and takes it
 * over at zero (one Misra-Gries counter per slot). A heavy key owns its slot; light keys do
 * not push it out. One hash and one store a packet, for an alert's evidence.
 */
template <std::size_t N = 64> class TopTable {
public:
    struct Item {
        std::uint32_t key = 0;
        std::uint32_t packets = 0; ///< counted while owning the slot
        std::uint64_t bytes = 0;
        std::int32_t weight = 0;
    };

    void add(std::uint32_t key, std::uint32_t bytes)
    {
        Item &s = m_slots[(key * 2654435761u) >> 16 & (N - 1)];
        if (s.key == key && s.weight > 0) {
            ++s.weight;
            ++s.packets;
            s.bytes += bytes;
        } else if (--s.weight <= 0) {
            s = {key, 1, bytes, 1};
        }
    }
    void clear() { m_slots.fill({}); }
    /// The `n` busiest, busiest first.
    std::vector<Item> top(std::size_t n) const
    {
        std::vector<Item> out;
        for (const Item &s : m_slots)
            if (s.weight > 0)
                out.push_back(s);
        std::sort(out.begin(), out.end(),
                  [](const Item &a, const Item &b) { return a.packets > b.packets; });
        if (out.size() > n)
            out.resize(n);
        return out;
    }

private:
    static_assert((N & (N - 1)) == 0, "N must be a power of two");
    std::array<Item, N> m_slots{};
};

} // namespace netlens
