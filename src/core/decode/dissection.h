// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to the dissector: the state of one dissection pass and the entry points of the
// dissector's parts (dissector.cpp: frame and capture link headers; dissectorlink.cpp: Ethernet
// and what EtherTypes name; dissectorip.cpp: IPv4/IPv6; dissectortransport.cpp: TCP/UDP/SCTP;
// dissectortunnels.cpp: GRE, VXLAN, Teredo, ESP; dissectoricmp.cpp; dissectordns.cpp;
// dissectortls.cpp; dissectorapp.cpp: HTTP/DHCP/NTP/QUIC).

#include "decode/dissector.h"
#include "source/byteorder.h"

#include <cstdint>
#include <string>
#include <vector>

namespace netlens::dissect {

/**
 * One pass over one packet: bounds-checked reads, the fields found so far and the Info text.
 *
 * Reads past the captured bytes return 0 instead of touching memory, so a forgotten check
 * shows a wrong value, never an out-of-bounds read; the parsers still test have() before they
 * trust a header. Every field is clamped into [0, capLen]. With wantFields() false (packetInfo)
 * fields are dropped and the parsers skip building their text.
 */
class Dissection {
public:
    Dissection(const std::uint8_t *data, std::uint32_t capLen, std::uint32_t wireLen,
               bool wantFields);

    std::uint32_t capLen() const { return m_cap; }
    std::uint32_t wireLen() const { return m_wire; }
    bool have(std::uint64_t off, std::uint64_t n) const { return off + n <= m_cap; }
    /// Pointer to `n` captured bytes at `off`; callers check have(off, n) first.
    const std::uint8_t *ptr(std::uint32_t off) const { return m_d + off; }
    std::uint8_t u8(std::uint64_t off) const { return have(off, 1) ? m_d[off] : 0; }
    std::uint16_t u16(std::uint64_t off) const { return have(off, 2) ? loadBe16(m_d + off) : 0; }
    std::uint32_t u24(std::uint64_t off) const
    {
        return have(off, 3) ? (std::uint32_t(m_d[off]) << 16) | loadBe16(m_d + off + 1) : 0;
    }
    std::uint32_t u32(std::uint64_t off) const { return have(off, 4) ? loadBe32(m_d + off) : 0; }
    /// min(end, capLen): where the captured part of something ending at `end` stops.
    std::uint32_t capped(std::uint64_t end) const
    {
        return end < m_cap ? static_cast<std::uint32_t>(end) : m_cap;
    }
    /// Captured bytes at `off` as text, for names and header lines.
    std::string text(std::uint32_t off, std::uint32_t n, std::uint32_t max = 256) const;

    bool wantFields() const { return m_wantFields; }
    /// A depth-0 line (or deeper inside an embedded packet, see pushEmbedded()).
    void layer(std::string text, std::uint64_t off, std::uint64_t len);
    void field(int depth, std::string text, std::uint64_t off, std::uint64_t len);
    /// Position in the field list, for insertAt() once a later layer tells more.
    std::size_t mark() const { return m_fields.size(); }
    void insertAt(std::size_t at, int depth, std::string text, std::uint64_t off,
                  std::uint64_t len);
    /// The layer's header needs `need` bytes at `off`: a line saying whether the capture
    /// stopped (snaplen) or the packet is malformed. Returns false ("not dissected").
    bool cut(int depth, std::uint64_t off, std::uint64_t need);

    /// Info column: the innermost protocol that says something wins, as in Wireshark.
    void setInfo(std::string info);
    const std::string &info() const { return m_info; }

    /// A packet inside a packet (an ICMP error's quoted datagram): deeper in the tree, and it
    /// leaves the Info alone. Pair with popEmbedded().
    void pushEmbedded();
    void popEmbedded();
    /// Entering a tunnel or another nested layer; false when nested too deep to go on. Pair a
    /// true result with leave().
    bool enter();
    void leave() { --m_nesting; }

    std::vector<DissectedField> takeFields() { return std::move(m_fields); }
    std::string takeInfo() { return std::move(m_info); }

private:
    const std::uint8_t *m_d;
    std::uint32_t m_cap;
    std::uint32_t m_wire;
    bool m_wantFields;
    int m_baseDepth = 0;
    int m_embedded = 0;
    int m_nesting = 0;
    std::vector<DissectedField> m_fields;
    std::string m_info;
};

/// What the network layer tells the layers above it.
struct NetContext {
    const std::uint8_t *src = nullptr;
    const std::uint8_t *dst = nullptr;
    std::uint8_t addrLen = 0; ///< 4 or 16
    std::uint8_t ttl = 0;     ///< TTL or hop limit
    std::uint8_t version = 0;
    std::uint32_t srcOff = 0; ///< where the addresses sit, for pseudo-header checksums
    std::uint32_t dstOff = 0;
};

// Entry points of the parts. `end` is where the enclosing layer says this one stops; it may lie
// past the capture (a snaplen cut), and parsers read only up to d.capped(end). The network
// layers return the end of what they consumed, so that Ethernet can show its padding.

void dissectFrame(Dissection &d, std::uint16_t linkType);
std::uint32_t dissectEthernet(Dissection &d, std::uint32_t off, std::uint32_t end);
std::uint32_t dissectEtherType(Dissection &d, std::uint16_t type, std::uint32_t off,
                               std::uint32_t end);
void dissectPpp(Dissection &d, std::uint32_t off, std::uint32_t end);
/// 802.2 LLC (SNAP, STP) after an 802.3 length field.
void dissectLlc(Dissection &d, std::uint32_t off, std::uint32_t end);
std::uint32_t dissectCiscoMetaData(Dissection &d, std::uint32_t off, std::uint32_t end,
                                   bool typeFirst);
/// A "Data (N bytes)" layer over what is left.
void dissectData(Dissection &d, std::uint32_t off, std::uint32_t end);
/// IPv4 or IPv6 by the version nibble.
std::uint32_t dissectIp(Dissection &d, std::uint32_t off, std::uint32_t end);
std::uint32_t dissectIpv4(Dissection &d, std::uint32_t off, std::uint32_t end);
std::uint32_t dissectIpv6(Dissection &d, std::uint32_t off, std::uint32_t end);
void dissectTransport(Dissection &d, std::uint8_t proto, std::uint32_t off, std::uint32_t end,
                      const NetContext &net);
void dissectGre(Dissection &d, std::uint32_t off, std::uint32_t end);
void dissectEsp(Dissection &d, std::uint32_t off, std::uint32_t end);
/// VXLAN and Teredo return false when the payload does not read as theirs.
bool dissectVxlan(Dissection &d, std::uint32_t off, std::uint32_t end);
bool dissectTeredo(Dissection &d, std::uint32_t off, std::uint32_t end);
void dissectIcmp(Dissection &d, std::uint32_t off, std::uint32_t end, const NetContext &net);
void dissectIcmpv6(Dissection &d, std::uint32_t off, std::uint32_t end, const NetContext &net);
/// DNS (mDNS, LLMNR); over TCP the message has a 2-byte length in front.
void dissectDns(Dissection &d, std::uint32_t off, std::uint32_t end, bool overTcp, bool mdns);
bool looksLikeHttp(const Dissection &d, std::uint32_t off, std::uint32_t end);
void dissectHttp(Dissection &d, std::uint32_t off, std::uint32_t end);
bool looksLikeTls(const Dissection &d, std::uint32_t off, std::uint32_t end);
void dissectTls(Dissection &d, std::uint32_t off, std::uint32_t end);
void dissectDhcp(Dissection &d, std::uint32_t off, std::uint32_t end);
void dissectNtp(Dissection &d, std::uint32_t off, std::uint32_t end);
bool looksLikeQuic(const Dissection &d, std::uint32_t off, std::uint32_t end, bool quicPort);
void dissectQuic(Dissection &d, std::uint32_t off, std::uint32_t end);

} // namespace netlens::dissect
