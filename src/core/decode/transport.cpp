// SPDX-License-Identifier: GPL-3.0-or-later
#include "decode/transport.h"

namespace netlens {

Transport transportForIpProto(std::uint8_t proto)
{
    switch (proto) {
    case 1: return Transport::ICMP;
    case 2: return Transport::IGMP;
    case 4: return Transport::IPIP;
    case 6: return Transport::TCP;
    case 17: return Transport::UDP;
    case 41: return Transport::IPv6in;
    case 47: return Transport::GRE;
    case 50: return Transport::ESP;
    case 51: return Transport::AH;
    case 58: return Transport::ICMPv6;
    case 88: return Transport::EIGRP;
    case 89: return Transport::OSPF;
    case 103: return Transport::PIM;
    case 112: return Transport::VRRP;
    case 115: return Transport::L2TP;
    case 132: return Transport::SCTP;
    case 136: return Transport::UDPLite;
    default: return Transport::OtherIP;
    }
}

std::string_view transportName(Transport t)
{
    switch (t) {
    case Transport::None: return "Unknown";
    case Transport::TCP: return "TCP";
    case Transport::UDP: return "UDP";
    case Transport::ICMP: return "ICMP";
    case Transport::ICMPv6: return "ICMPv6";
    case Transport::SCTP: return "SCTP";
    case Transport::GRE: return "GRE";
    case Transport::IGMP: return "IGMP";
    case Transport::ESP: return "ESP";
    case Transport::AH: return "AH";
    case Transport::IPIP: return "IPv4";
    case Transport::IPv6in: return "IPv6";
    case Transport::OSPF: return "OSPF";
    case Transport::EIGRP: return "EIGRP";
    case Transport::PIM: return "PIM";
    case Transport::VRRP: return "VRRP";
    case Transport::UDPLite: return "UDPLite";
    case Transport::L2TP: return "L2TP";
    case Transport::OtherIP: return "IP";
    case Transport::ARP: return "ARP";
    case Transport::LLC: return "LLC";
    case Transport::LLDP: return "LLDP";
    case Transport::EAPOL: return "EAPOL";
    case Transport::PPPoED: return "PPPoED";
    case Transport::OtherEther: return "Ethernet";
    case Transport::Link: return "Link";
    case Transport::Count: break;
    }
    return "Unknown";
}

} // namespace netlens
