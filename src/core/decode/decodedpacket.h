// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "decode/transport.h"

#include <cstdint>

namespace netlens {

/// Packet flags, kept in PacketRecord::flags.
namespace pktflag {
constexpr std::uint16_t Truncated = 1 << 0;     ///< capture stopped before the wire length
constexpr std::uint16_t Fragment = 1 << 1;      ///< a non-first IP fragment: no ports
constexpr std::uint16_t MoreFragments = 1 << 2; ///< a first fragment of a fragmented datagram
constexpr std::uint16_t Tunnel = 1 << 3;        ///< outer IP carries another network layer
constexpr std::uint16_t Malformed = 1 << 4;     ///< a header contradicts the bytes present
constexpr std::uint16_t Vlan = 1 << 5;
constexpr std::uint16_t Mpls = 1 << 6;
constexpr std::uint16_t Pppoe = 1 << 7;
constexpr std::uint16_t HasPorts = 1 << 8;
constexpr std::uint16_t Nanosecond = 1 << 9; ///< source timestamps have ns resolution
constexpr std::uint16_t UnknownLink = 1 << 10;
constexpr std::uint16_t Ipv6 = 1 << 11; ///< outermost network layer is IPv6
} // namespace pktflag

/**
 * What the decoder found in one packet. Fields point into the packet's bytes, so a
 * DecodedPacket is only valid while those bytes are. Filling one allocates nothing.
 */
struct DecodedPacket {
    const std::uint8_t *srcAddr = nullptr; ///< outermost IP source, else source MAC
    const std::uint8_t *dstAddr = nullptr;
    const std::uint8_t *srcMac = nullptr;
    const std::uint8_t *dstMac = nullptr;
    std::uint8_t addrLen = 0; ///< 4, 16 (IP) or 6 (MAC); 0 when there is no address
    std::uint8_t ipVersion = 0;
    std::uint8_t ipProto = 0;
    std::uint8_t tcpFlags = 0;
    Transport transport = Transport::None;
    std::uint16_t flags = 0;
    std::uint16_t srcPort = 0;
    std::uint16_t dstPort = 0;
    std::uint16_t etherType = 0; ///< last EtherType seen (for non-IP frames)
    std::uint16_t l3Offset = 0;  ///< start of the outermost IP header
    std::uint16_t l3Length = 0;  ///< bytes of it present (bounded by IP length and capture)
    std::uint16_t l4Offset = 0;
    std::uint16_t payloadOffset = 0; ///< first byte after the transport header
    std::uint16_t payloadLength = 0; ///< bytes of payload present in the capture
    std::uint8_t vlanDepth = 0;
    std::uint8_t mplsDepth = 0;

    bool hasIp() const { return ipVersion != 0; }
    bool hasPorts() const { return flags & pktflag::HasPorts; }
};

/**
 * Decodes a frame of the given link type, as far as the captured bytes go.
 * Never reads at or past data + capLen. `wireLen` only decides whether a short packet is
 * snaplen-truncated (flagged Truncated) or malformed.
 */
void decodePacket(const std::uint8_t *data, std::uint32_t capLen, std::uint32_t wireLen,
                  std::uint16_t linkType, DecodedPacket &out);

} // namespace netlens
