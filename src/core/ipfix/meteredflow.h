// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstdint>

namespace netlens {

/// RFC 7012 flowEndReason values.
enum class FlowEndReason : std::uint8_t {
    IdleTimeout = 0x01,
    ActiveTimeout = 0x02,
    EndOfFlow = 0x03,
    ForcedEnd = 0x04, ///< the capture or file ended
    LackOfResources = 0x05,
};

/**
 * One exported IPFIX data record: a unidirectional flow, as RFC 7011 and the collectors
 * (nfdump, ntopng) count them. A conversation's two directions are two records, each with
 * its own counts, start and end.
 */
struct MeteredFlow {
    std::array<std::uint8_t, 16> src{};
    std::array<std::uint8_t, 16> dst{};
    std::uint64_t packets = 0;
    std::uint64_t octets = 0; ///< IP total lengths (RFC 7012 octetDeltaCount)
    std::int64_t firstNs = 0; ///< packet times
    std::int64_t lastNs = 0;
    std::uint32_t ingress = 0; ///< ingressInterface
    std::uint16_t srcPort = 0;
    std::uint16_t dstPort = 0;
    std::uint16_t app = 0;    ///< nDPI id, 0 unknown
    std::uint8_t addrLen = 0; ///< 4 or 16
    std::uint8_t proto = 0;
    std::uint8_t tcpFlags = 0; ///< OR of the flags seen in this direction
    FlowEndReason reason = FlowEndReason::IdleTimeout;
};

} // namespace netlens
