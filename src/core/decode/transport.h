// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string_view>

namespace netlens {

/// What the outermost network layer carries, or what a non-IP frame is.
/// Fits in a byte; names are what the CSV's `transport` column shows.
enum class Transport : std::uint8_t {
    None = 0, ///< nothing decodable (unsupported link type, runt frame)
    TCP,
    UDP,
    ICMP,
    ICMPv6,
    SCTP,
    GRE,
    IGMP,
    ESP,
    AH,
    IPIP,   ///< IPv4 in IP
    IPv6in, ///< IPv6 in IP (6in4 and friends)
    OSPF,
    EIGRP,
    PIM,
    VRRP,
    UDPLite,
    L2TP,
    OtherIP, ///< an IP protocol number without a name here; see PacketRecord::ipProto
    ARP,
    LLC,
    LLDP,
    EAPOL,
    PPPoED,
    OtherEther, ///< an EtherType without a name here
    Link,       ///< a frame of a link type we count but do not decode (802.11, NFLOG meta, ...)
    Count
};

/// Transport for an IP protocol number.
Transport transportForIpProto(std::uint8_t proto);
/// Display name, e.g. "TCP", "ICMPv6", "ARP".
std::string_view transportName(Transport t);
/// True when the transport runs over IP.
inline bool isIpTransport(Transport t)
{
    return t >= Transport::TCP && t <= Transport::OtherIP;
}

} // namespace netlens
