// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstdint>

namespace netlens {

/**
 * About how many distinct items were seen, in 4 KiB whatever their number (HyperLogLog with
 * 4,096 registers: a standard error of about 1.6 %). Counts the flows, hosts and
 * conversations that were not held past a cap: their traffic still counts exactly, but
 * remembering which ones they were would cost the memory the cap is there to bound.
 */
class DistinctCounter {
public:
    /// `hash`: any well-mixed 64-bit hash of the item (mixed once more here).
    void add(std::uint64_t hash);
    std::uint64_t estimate() const;

private:
    static constexpr unsigned kBits = 12;
    std::array<std::uint8_t, std::size_t{1} << kBits> m_registers{};
};

} // namespace netlens
