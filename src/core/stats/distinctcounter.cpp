// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats/distinctcounter.h"

#include <bit>
#include <cmath>

namespace netlens {

void DistinctCounter::add(std::uint64_t hash)
{
    // A final avalanche (splitmix64's), so callers' hashes that are weak in some bits do not
    // bias the registers.
    std::uint64_t h = hash + 0x9e3779b97f4a7c15ull;
    h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ull;
    h = (h ^ (h >> 27)) * 0x94d049bb133111ebull;
    h ^= h >> 31;
    const std::size_t index = h >> (64 - kBits);
    // Rank of the first set bit in the other 52 bits (1-based), 53 when none is set.
    const std::uint64_t rest = h << kBits;
    const auto rank = static_cast<std::uint8_t>(rest ? std::countl_zero(rest) + 1 : 64 - kBits + 1);
    if (rank > m_registers[index])
        m_registers[index] = rank;
}

std::uint64_t DistinctCounter::estimate() const
{
    constexpr double m = static_cast<double>(std::size_t{1} << kBits);
    double sum = 0;
    unsigned zeros = 0;
    for (const std::uint8_t r : m_registers) {
        sum += std::ldexp(1.0, -static_cast<int>(r));
        zeros += r == 0;
    }
    if (zeros == m_registers.size())
        return 0;
    const double alpha = 0.7213 / (1.0 + 1.079 / m);
    double e = alpha * m * m / sum;
    // Few items: linear counting of the empty registers is the better estimate.
    if (e <= 2.5 * m && zeros)
        e = m * std::log(m / zeros);
    return static_cast<std::uint64_t>(std::llround(e));
}

} // namespace netlens
