// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace netlens {

/// Packets and bytes: the unit every distribution and time bucket counts in.
struct Counter {
    std::uint64_t packets = 0;
    std::uint64_t bytes = 0;
    void add(std::uint64_t n, std::uint64_t b)
    {
        packets += n;
        bytes += b;
    }
    void add(const Counter &c) { add(c.packets, c.bytes); }
    bool operator==(const Counter &) const = default;
};

} // namespace netlens
