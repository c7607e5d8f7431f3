// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Frames built layer by layer for the unit tests (Ethernet, VLAN/MPLS tags, IPv4, IPv6 and
// its extension headers, TCP, UDP, ICMP, SCTP, ARP), and a RawPacket over them.

#include "bytes.h"
#include "source/rawpacket.h"

namespace netlens::test {

inline const Bytes kMacA{0x00, 0x11, 0x22, 0x33, 0x44, 0x55};
inline const Bytes kMacB{0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb};
inline const Bytes kIp4A{10, 0, 0, 1};
inline const Bytes kIp4B{10, 0, 0, 2};
inline const Bytes kIp6A = cat({be32(0x20010db8), zeros(11), {1}});
inline const Bytes kIp6B = cat({be32(0x20010db8), zeros(11), {2}});

inline Bytes ether(std::uint16_t type, const Bytes &dst = kMacB, const Bytes &src = kMacA)
{
    return cat({dst, src, be16(type)});
}
/// An 802.1Q/802.1ad tag body (TCI, then the next EtherType).
inline Bytes tag(unsigned vid, std::uint16_t next)
{
    return cat({be16(vid), be16(next)});
}
inline Bytes mplsLabel(std::uint32_t label, bool bottom)
{
    return be32(label << 12 | (bottom ? 0x100u : 0u) | 64u);
}
inline Bytes ipv4(std::uint8_t proto, const Bytes &payload, const Bytes &options = {},
                  std::uint16_t frag = 0, const Bytes &src = kIp4A, const Bytes &dst = kIp4B)
{
    const auto ihl = static_cast<std::uint8_t>((20 + options.size()) / 4);
    const auto total = static_cast<unsigned>(20 + options.size() + payload.size());
    return cat({{static_cast<std::uint8_t>(0x40 | ihl), 0},
                be16(total),
                be16(0x1234),
                be16(frag),
                {64, proto},
                be16(0),
                src,
                dst,
                options,
                payload});
}
inline Bytes ipv6(std::uint8_t next, const Bytes &payload, const Bytes &src = kIp6A,
                  const Bytes &dst = kIp6B)
{
    return cat({be32(0x60000000),
                be16(static_cast<unsigned>(payload.size())),
                {next, 64},
                src,
                dst,
                payload});
}
/// Hop-by-hop, routing or destination options header of (units + 1) * 8 bytes.
inline Bytes ext6(std::uint8_t next, std::uint8_t units, const Bytes &rest)
{
    return cat({{next, units}, zeros((units + 1u) * 8 - 2), rest});
}
inline Bytes frag6(std::uint8_t next, std::uint16_t offsetAndFlags, const Bytes &rest)
{
    return cat({{next, 0}, be16(offsetAndFlags), be32(0xcafe), rest});
}
/// Authentication header: length field 4 means (4 + 2) * 4 = 24 bytes.
inline Bytes ah6(std::uint8_t next, const Bytes &rest)
{
    return cat({{next, 4}, be16(0), be32(0x100), be32(1), zeros(12), rest});
}
inline Bytes tcp(std::uint16_t sport, std::uint16_t dport, std::uint8_t flags,
                 const Bytes &options = {}, const Bytes &payload = {})
{
    const auto offset = static_cast<std::uint8_t>((20 + options.size()) / 4 << 4);
    return cat({be16(sport),
                be16(dport),
                be32(1000),
                be32(2000),
                {offset, flags},
                be16(8192),
                be32(0),
                options,
                payload});
}
inline Bytes udp(std::uint16_t sport, std::uint16_t dport, const Bytes &payload = {})
{
    return cat({be16(sport), be16(dport), be16(static_cast<unsigned>(8 + payload.size())), be16(0),
                payload});
}
inline Bytes icmp(std::uint8_t type, std::uint8_t code)
{
    return cat({{type, code}, be16(0), be32(0x00010001), Bytes(8, 0x61)});
}
inline Bytes sctp(std::uint16_t sport, std::uint16_t dport)
{
    return cat({be16(sport), be16(dport), be32(0xdeadbeef), be32(0), {1, 0}, be16(4)});
}
inline Bytes arp()
{
    return cat({be16(1), be16(0x0800), {6, 4}, be16(1), kMacA, kIp4A, zeros(6), kIp4B});
}

/// A packet as a source would hand it over: `bytes` must outlive it.
inline RawPacket rawPacket(const Bytes &bytes, std::int64_t tsNs = 0, std::uint16_t linkType = 1)
{
    RawPacket p;
    p.data = bytes.data();
    p.capLen = p.wireLen = static_cast<std::uint32_t>(bytes.size());
    p.tsNs = tsNs;
    p.linkType = linkType;
    return p;
}

} // namespace netlens::test
