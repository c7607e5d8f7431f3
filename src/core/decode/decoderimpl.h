// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The decoder's internals, shared by decoder.cpp (link and network framing) and
// decoderip.cpp (IP and transport). Not part of the core's API.

#include "decode/decodedpacket.h"

#include <algorithm>
#include <cstdint>

namespace netlens::detail {

inline constexpr std::uint16_t kEtherIpv4 = 0x0800;
inline constexpr std::uint16_t kEtherArp = 0x0806;
inline constexpr std::uint16_t kEtherVlan = 0x8100;
inline constexpr std::uint16_t kEtherQinQ = 0x88a8;
inline constexpr std::uint16_t kEtherQinQOld = 0x9100;
inline constexpr std::uint16_t kEtherIpv6 = 0x86dd;
inline constexpr std::uint16_t kEtherMpls = 0x8847;
inline constexpr std::uint16_t kEtherMplsMulti = 0x8848;
inline constexpr std::uint16_t kEtherPppoeDisc = 0x8863;
inline constexpr std::uint16_t kEtherPppoeSess = 0x8864;
inline constexpr std::uint16_t kEtherEapol = 0x888e;
inline constexpr std::uint16_t kEtherLldp = 0x88cc;
inline constexpr int kMaxStack = 8; // VLAN tags or MPLS labels followed before we call it malformed

inline std::uint16_t clamp16(std::uint32_t v)
{
    return static_cast<std::uint16_t>(std::min<std::uint32_t>(v, 0xffff));
}

/// One decode pass. Holds the bounds so that every read is checked against them.
class Decoder {
public:
    Decoder(const std::uint8_t *data, std::uint32_t capLen, std::uint32_t wireLen,
            DecodedPacket &out)
        : m_d(data), m_cap(capLen), m_wire(wireLen), m_out(out)
    {
    }

    void link(std::uint16_t linkType);

private:
    bool have(std::uint32_t off, std::uint32_t n) const { return off <= m_cap && n <= m_cap - off; }
    /// The bytes ran out: snaplen truncation if the wire had more, else a malformed packet.
    void shortOf() { m_out.flags |= m_cap < m_wire ? pktflag::Truncated : pktflag::Malformed; }

    void ether(std::uint32_t off);
    /// Checks a radiotap/PPI header at `off`; returns its length, or 0 (flags set) if unusable.
    std::uint32_t radioHeader(std::uint32_t off, std::uint32_t minimum);
    void radiotap(std::uint32_t off);
    void ppi(std::uint32_t off);
    void ieee80211(std::uint32_t off);
    void etherType(std::uint16_t type, std::uint32_t off);
    void llc(std::uint32_t off);
    void mpls(std::uint32_t off);
    void ppp(std::uint32_t off);
    void byIpVersion(std::uint32_t off);
    void nflog(std::uint32_t off);
    void ipv4(std::uint32_t off);
    void ipv6(std::uint32_t off);
    void transport(std::uint8_t proto, std::uint32_t off, std::uint32_t end);

    const std::uint8_t *m_d;
    std::uint32_t m_cap;
    std::uint32_t m_wire;
    DecodedPacket &m_out;
};

} // namespace netlens::detail
