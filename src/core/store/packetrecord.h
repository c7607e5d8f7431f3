// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "decode/transport.h"

#include <cstdint>

namespace netlens {

/// Id of "no address" in the AddressTable.
constexpr std::uint32_t kNoAddress = 0xffffffffu;
/// Id of "no flow" (frames of link types we do not decode).
constexpr std::uint32_t kNoFlow = 0xffffffffu;

/**
 * One row of the packet table: everything needed to show, sort, filter and export a packet,
 * and where to re-read its bytes. Strings are never stored per packet: addresses are ids into
 * the AddressTable and the application protocol is looked up through the flow.
 */
struct PacketRecord {
    std::int64_t tsNs = 0;        ///< capture time, ns since the epoch
    std::uint64_t fileOffset = 0; ///< byte offset of the packet data in its file
    std::uint32_t number = 0;     ///< low 32 bits of the 1-based frame number (frameNumber())
    std::uint32_t wireLen = 0;
    std::uint32_t capLen = 0;
    std::uint32_t src = kNoAddress; ///< AddressTable ids
    std::uint32_t dst = kNoAddress;
    std::uint32_t flow = kNoFlow; ///< FlowTable id
    std::uint16_t srcPort = 0;
    std::uint16_t dstPort = 0;
    std::uint16_t flags = 0; ///< pktflag::*
    std::uint16_t linkType = 0;
    std::uint16_t fileIndex = 0;     ///< which input file (CaptureSession::files())
    std::uint16_t payloadOffset = 0; ///< where the L7 payload starts, for the Info column
    std::uint16_t etherType = 0;
    Transport transport = Transport::None;
    std::uint8_t ipProto = 0;
    std::uint8_t tcpFlags = 0;
    /// High bits of the frame number: a capture running for days passes 2^32 packets (about
    /// 6 hours at 200,000 packets/s), and the table and CSV must not count from 1 again.
    std::uint16_t numberHigh = 0;

    std::uint64_t frameNumber() const { return std::uint64_t{numberHigh} << 32 | number; }
    void setFrameNumber(std::uint64_t n)
    {
        number = static_cast<std::uint32_t>(n);
        numberHigh = static_cast<std::uint16_t>(n >> 32);
    }
};
static_assert(sizeof(PacketRecord) <= 64, "a packet row must stay within 64 bytes");

} // namespace netlens
