// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace netlens {

/// LINKTYPE_* values (tcpdump.org/linktypes.html) the decoder knows.
namespace linktype {
constexpr std::uint16_t Null = 0;
constexpr std::uint16_t Ethernet = 1;
constexpr std::uint16_t Ppp = 9;
constexpr std::uint16_t RawOpenBsd = 12; ///< DLT_RAW on some BSDs
constexpr std::uint16_t RawOld = 14;     ///< DLT_RAW on others
constexpr std::uint16_t PppHdlc = 50;
constexpr std::uint16_t Raw = 101;
constexpr std::uint16_t Ieee80211 = 105;
constexpr std::uint16_t Loop = 108;
constexpr std::uint16_t LinuxSll = 113;
constexpr std::uint16_t Radiotap = 127;
constexpr std::uint16_t Ppi = 192;
constexpr std::uint16_t Ipv4 = 228;
constexpr std::uint16_t Ipv6 = 229;
constexpr std::uint16_t Nflog = 239;
constexpr std::uint16_t Netlink = 253;
constexpr std::uint16_t LinuxSll2 = 276;
} // namespace linktype

/// "Ethernet", "Linux cooked (SLL2)", "802.11 + radiotap", or "link type N".
std::string linkTypeName(std::uint16_t linkType);
/// Name of a link type as a constant string ("Other link type" when not known here).
std::string_view knownLinkTypeName(std::uint16_t linkType);

} // namespace netlens
