// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace netlens {

/**
 * A count over a sliding window in 8 bytes plus the window number: the current and the
 * previous fixed window, the previous one weighted by how much of it still overlaps the
 * sliding window (the usual sliding-window approximation). Rolled lazily on use.
 */
struct WindowCount {
    std::int64_t window = 0; ///< index of the current fixed window
    std::uint32_t current = 0;
    std::uint32_t previous = 0;

    void roll(std::int64_t w)
    {
        if (w == window)
            return;
        previous = w == window + 1 ? current : 0;
        current = 0;
        window = w;
    }
    void add(std::int64_t w, std::uint32_t n = 1)
    {
        roll(w);
        current += n;
    }
    /// The count over the last window, `elapsed` (0..1) into fixed window `w`.
    double value(std::int64_t w, double elapsed)
    {
        roll(w);
        return current + previous * (1.0 - elapsed);
    }
};

/// Window arithmetic for a rule's window length.
struct WindowClock {
    std::int64_t lengthNs = 10'000'000'000;
    std::int64_t index(std::int64_t ns) const
    {
        return ns >= 0 ? ns / lengthNs : -((-ns + lengthNs - 1) / lengthNs);
    }
    double elapsed(std::int64_t ns) const
    {
        return static_cast<double>(ns - index(ns) * lengthNs) / static_cast<double>(lengthNs);
    }
};

} // namespace netlens
