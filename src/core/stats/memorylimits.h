// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>

namespace netlens {

/**
 * How much of a capture's per-entry state the engine holds, so a monitor running for weeks,
 * or meeting a flood of spoofed sources, stays in bounded memory. Passed in by value
 * (EngineSettings::limits). 0 means "no limit" for every field.
 *
 * Defaults, from the counted bytes per entry (README, "Memory for days"): a held flow costs
 * about 170 bytes (the Flow, its index slot and its queue entries), a conversation about 90,
 * a host about 120 with its address: at the caps that is some 380 MB, a flood's worst case,
 * while ordinary traffic at 10 new flows/s holds about 3,000 flows at a 300 s timeout.
 */
struct MemoryLimits {
    static constexpr std::int64_t kSecondNs = 1000000000;
    /// A flow that sees no packet for this long is folded into the aggregates and leaves the
    /// flow list (0: flows are kept to the end).
    std::int64_t flowIdleNs = 300 * kSecondNs;
    /// At maxFlows, the idle-most flow is folded for a new one if it has been idle this long;
    /// otherwise the new flow is not held (its traffic goes to the "other" bucket).
    std::int64_t flowPressureIdleNs = 10 * kSecondNs;
    std::uint64_t maxFlows = 1000000;
    std::uint64_t maxHosts = 1000000;
    std::uint64_t maxConversations = 1000000;
};

/// Parses a cap ("1000000") for the command line and settings: a whole number of at most
/// 4,000,000,000 (0: no limit). Returns false with `error` naming `field` otherwise.
bool parseCap(const std::string &text, const char *field, std::uint64_t &out, std::string &error);
/// Parses a flow timeout in seconds ("300", "0" for none, at most a year).
bool parseTimeout(const std::string &text, const char *field, std::int64_t &outNs,
                  std::string &error);

} // namespace netlens
