// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <cstdint>

namespace netlens {

/// Steady-clock nanoseconds: the time base of batch intervals, flushes and the packet store's
/// reclaim grace period (never jumps with the wall clock).
inline std::int64_t steadyNowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/// Wall-clock nanoseconds since the epoch: the time base of live packet timestamps.
inline std::int64_t wallNowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace netlens
