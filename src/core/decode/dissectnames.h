// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Names of protocol numbers for the dissector (internal). Each returns an empty view for a value
// it does not know, so callers choose their own fallback. Spellings follow Wireshark's, so the
// details tree and the Info column read the same as there.

#include <cstdint>
#include <string>
#include <string_view>

namespace netlens::dissect {

std::string_view etherTypeName(std::uint16_t type);
/// "IPv4 (0x0800)", "Unknown (0x1234)".
std::string etherTypeText(std::uint16_t type);
/// "TCP", "UDP", "IPv6 Hop-by-Hop Option", ...
std::string_view ipProtoName(std::uint8_t proto);
/// Wireshark's "DSCP" short names: "CS0", "AF41", "EF", ...
std::string_view dscpName(unsigned dscp);
std::string_view ecnName(unsigned ecn);
std::string_view icmpTypeName(std::uint8_t type);
std::string_view icmpCodeName(std::uint8_t type, std::uint8_t code);
std::string_view icmpv6TypeName(std::uint8_t type);
std::string_view icmpv6CodeName(std::uint8_t type, std::uint8_t code);
std::string_view tcpOptionName(std::uint8_t kind);
std::string_view sctpChunkName(std::uint8_t type);
std::string_view dnsTypeName(std::uint16_t type);
std::string_view dnsClassName(std::uint16_t cls);
std::string_view dnsOpcodeName(unsigned opcode);
std::string_view dnsRcodeName(unsigned rcode);
std::string_view tlsContentTypeName(std::uint8_t type);
std::string_view tlsHandshakeName(std::uint8_t type);
/// "TLS 1.2" for a version field; recordVersionName gives the record layer's "TLSv1.2".
std::string_view tlsVersionName(std::uint16_t version);
std::string_view tlsRecordVersionName(std::uint16_t version);
std::string_view tlsExtensionName(std::uint16_t type);
std::string_view dhcpMessageTypeName(std::uint8_t type);
std::string_view dhcpOptionName(std::uint8_t option);
std::string_view arpOpcodeName(std::uint16_t op);
std::string_view sllPacketTypeName(std::uint16_t type);

} // namespace netlens::dissect
