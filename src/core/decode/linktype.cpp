// SPDX-License-Identifier: GPL-3.0-or-later
#include "decode/linktype.h"

namespace netlens {

std::string linkTypeName(std::uint16_t lt)
{
    const std::string_view known = knownLinkTypeName(lt);
    if (known != "Other link type")
        return std::string(known);
    return "link type " + std::to_string(lt);
}

std::string_view knownLinkTypeName(std::uint16_t lt)
{
    switch (lt) {
    case linktype::Null: return "BSD loopback";
    case linktype::Loop: return "OpenBSD loopback";
    case linktype::Ethernet: return "Ethernet";
    case linktype::Ppp: return "PPP";
    case linktype::PppHdlc: return "PPP in HDLC";
    case linktype::Raw:
    case linktype::RawOpenBsd:
    case linktype::RawOld: return "Raw IP";
    case linktype::Ipv4: return "Raw IPv4";
    case linktype::Ipv6: return "Raw IPv6";
    case linktype::LinuxSll: return "Linux cooked (SLL)";
    case linktype::LinuxSll2: return "Linux cooked (SLL2)";
    case linktype::Nflog: return "Linux NFLOG";
    case linktype::Ieee80211: return "802.11";
    case linktype::Radiotap: return "802.11 + radiotap";
    case linktype::Ppi: return "PPI";
    case linktype::Netlink: return "Linux netlink";
    default: return "Other link type";
    }
}

} // namespace netlens
