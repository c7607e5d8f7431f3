// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "decode/transport.h"

#include <cstdint>

namespace netlens {

/// What the alert engine knows of an address id, cached once per id (AlertEngine).
namespace addrclass {
constexpr std::uint16_t Classified = 1 << 0;
constexpr std::uint16_t Local = 1 << 1;       ///< private, link-local, ULA or a local network
constexpr std::uint16_t Blacklisted = 1 << 2; ///< in any blacklist rule
constexpr std::uint16_t SeenAsSource = 1 << 3;
constexpr int kScopeBit0 = 4; ///< bits 4..15: in the CIDR scope of threshold rule slot 0..11
constexpr int kScopeSlots = 12;
} // namespace addrclass

/// What a packet is, for the detectors that only care about some packets.
namespace pktevent {
constexpr std::uint32_t Syn = 1 << 0;           ///< TCP SYN without ACK
constexpr std::uint32_t Initiator = 1 << 1;     ///< opens a connection: a SYN, or a flow's first
constexpr std::uint32_t HandshakeDone = 1 << 2; ///< the third packet of a TCP flow, an ACK
constexpr std::uint32_t Icmp = 1 << 3;
constexpr std::uint32_t Blacklisted = 1 << 4; ///< an end is in a blacklist
constexpr std::uint32_t NewSource = 1 << 5;   ///< first packet sent by this address
constexpr std::uint32_t Any = 1u << 31;       ///< every packet
} // namespace pktevent

/// One packet as the detectors see it: ids and numbers, no bytes.
struct AlertPacket {
    std::int64_t tsNs = 0;
    std::int64_t firstNs = 0; ///< capture time of the first packet the alert engine saw
    std::uint32_t wireLen = 0;
    std::uint32_t src = 0; ///< AddressTable ids (kNoAddress when none)
    std::uint32_t dst = 0;
    std::uint32_t flow = 0;
    std::uint16_t srcPort = 0;
    std::uint16_t dstPort = 0;
    std::uint16_t srcClass = 0; ///< addrclass bits
    std::uint16_t dstClass = 0;
    std::uint32_t events = 0; ///< pktevent bits
    Transport transport = Transport::None;
    bool newFlow = false;
};

} // namespace netlens
