// SPDX-License-Identifier: GPL-3.0-or-later
#include "decode/decoderimpl.h"
#include "decode/linktype.h"
#include "source/byteorder.h"

#include <algorithm>

namespace netlens {

namespace detail {

void Decoder::link(std::uint16_t lt)
{
    switch (lt) {
    case linktype::Ethernet: ether(0); return;
    case linktype::Raw:
    case linktype::RawOpenBsd:
    case linktype::RawOld: byIpVersion(0); return;
    case linktype::Ipv4: ipv4(0); return;
    case linktype::Ipv6: ipv6(0); return;
    case linktype::Null:
    case linktype::Loop: {
        if (!have(0, 4))
            return shortOf();
        // DLT_NULL stores the address family in the writer's byte order; DLT_LOOP in network
        // order. Families: 2 = AF_INET; 24, 28, 30 = AF_INET6 on the BSDs and macOS, 10 Linux.
        std::uint32_t af = loadLe32(m_d);
        if (lt == linktype::Loop || af > 0xffff)
            af = loadBe32(m_d);
        if (af == 2)
            ipv4(4);
        else if (af == 10 || af == 24 || af == 28 || af == 30)
            ipv6(4);
        else
            byIpVersion(4);
        return;
    }
    case linktype::LinuxSll: {
        if (!have(0, 16))
            return shortOf();
        if (loadBe16(m_d + 4) == 6)
            m_out.srcMac = m_d + 6;
        const std::uint16_t proto = loadBe16(m_d + 14);
        if (proto == 0x0004 || proto == 0x0001) // 802.2 LLC / Novell 802.3 frames
            return llc(16);
        etherType(proto, 16);
        return;
    }
    case linktype::LinuxSll2: {
        if (!have(0, 20))
            return shortOf();
        if (m_d[11] == 6)
            m_out.srcMac = m_d + 12;
        const std::uint16_t proto = loadBe16(m_d);
        if (proto == 0x0004 || proto == 0x0001)
            return llc(20);
        etherType(proto, 20);
        return;
    }
    case linktype::Ppp:
    case linktype::PppHdlc: ppp(0); return;
    case linktype::Nflog: nflog(0); return;
    case linktype::Ieee80211: ieee80211(0); return;
    case linktype::Radiotap: radiotap(0); return;
    case linktype::Ppi: ppi(0); return;
    default:
        m_out.flags |= pktflag::UnknownLink;
        m_out.transport = Transport::Link;
        return;
    }
}

void Decoder::ether(std::uint32_t off)
{
    if (!have(off, 14))
        return shortOf();
    if (!m_out.dstMac) {
        m_out.dstMac = m_d + off;
        m_out.srcMac = m_d + off + 6;
    }
    const std::uint16_t type = loadBe16(m_d + off + 12);
    if (type <= 1500)
        return llc(off + 14); // 802.3 length field: an LLC header follows
    etherType(type, off + 14);
}

std::uint32_t Decoder::radioHeader(std::uint32_t off, std::uint32_t minimum)
{
    // Radiotap and PPI both start with version 0 and a little-endian header length.
    if (!have(off, minimum)) {
        shortOf();
        return 0;
    }
    const std::uint32_t len = loadLe16(m_d + off + 2);
    if (m_d[off] != 0 || len < 8) {
        m_out.flags |= pktflag::Malformed;
        m_out.transport = Transport::Link;
        return 0;
    }
    if (!have(off, len)) {
        shortOf();
        return 0;
    }
    return len;
}

void Decoder::radiotap(std::uint32_t off)
{
    // Version, pad, then the header length (little-endian, like every radiotap field); the
    // 802.11 frame follows. A trailing FCS (radiotap flag 0x10) needs no handling here: the IP
    // length already stops the payload before it.
    if (const std::uint32_t len = radioHeader(off, 4))
        ieee80211(off + len);
}

void Decoder::ppi(std::uint32_t off)
{
    // Version, flags, header length and the DLT of what follows, all little-endian. Only the
    // DLTs PPI is used with are followed; never PPI itself, so a crafted chain cannot recurse.
    const std::uint32_t len = radioHeader(off, 8);
    if (!len)
        return;
    const std::uint32_t dlt = loadLe32(m_d + off + 4);
    if (dlt == linktype::Ieee80211)
        return ieee80211(off + len);
    if (dlt == linktype::Ethernet)
        return ether(off + len);
    m_out.transport = Transport::Link;
}

void Decoder::ieee80211(std::uint32_t off)
{
    // Management, control, encrypted and null frames carry nothing we decode: they count as
    // 802.11 link frames, addressed by receiver and transmitter.
    m_out.transport = Transport::Link;
    if (!have(off, 10))
        return shortOf();
    const std::uint8_t fc = m_d[off];          // subtype(4) type(2) version(2)
    const std::uint8_t fcFlags = m_d[off + 1]; // order, protected, ..., from DS, to DS
    const unsigned type = (fc >> 2) & 0x3;
    const unsigned subtype = fc >> 4;
    m_out.dstMac = m_d + off + 4; // address 1: receiver
    // Address 2 (transmitter) is absent only in CTS and ACK.
    const bool hasAddr2 = !(type == 1 && (subtype == 12 || subtype == 13));
    if (hasAddr2 && have(off, 16))
        m_out.srcMac = m_d + off + 10;
    if (type != 2)
        return;
    const bool toDs = fcFlags & 0x01, fromDs = fcFlags & 0x02;
    const bool qos = subtype & 0x8;
    std::uint32_t hdr = 24;
    if (toDs && fromDs)
        hdr += 6; // address 4
    const std::uint32_t qosAt = off + hdr;
    if (qos)
        hdr += (fcFlags & 0x80) ? 6 : 2; // QoS control, plus HT control when "order" is set
    if (!have(off, hdr))
        return shortOf();
    // Which addresses are the end hosts depends on the DS bits (IEEE 802.11 table 9-26).
    if (toDs)
        m_out.dstMac = m_d + off + 16;
    if (fromDs)
        m_out.srcMac = m_d + off + (toDs ? 24 : 16);
    if ((subtype & 0x4) || (fcFlags & 0x40))
        return; // null data (no body) or protected (encrypted body)
    std::uint32_t body = off + hdr;
    // An A-MSDU holds subframes (DA, SA, length, then LLC); decode the first one.
    if (qos && (m_d[qosAt] & 0x80))
        body += 14;
    llc(body);
}

void Decoder::llc(std::uint32_t off)
{
    m_out.transport = Transport::LLC;
    if (!have(off, 3))
        return shortOf();
    // SNAP: AA AA 03, OUI, then an EtherType.
    if (m_d[off] == 0xaa && m_d[off + 1] == 0xaa && m_d[off + 2] == 0x03) {
        if (!have(off, 8))
            return shortOf();
        etherType(loadBe16(m_d + off + 6), off + 8);
    }
}

void Decoder::etherType(std::uint16_t type, std::uint32_t off)
{
    for (int depth = 0;; ++depth) {
        m_out.etherType = type;
        if (type != kEtherVlan && type != kEtherQinQ && type != kEtherQinQOld)
            break;
        if (depth == kMaxStack) {
            m_out.flags |= pktflag::Malformed;
            return;
        }
        if (!have(off, 4))
            return shortOf();
        m_out.flags |= pktflag::Vlan;
        ++m_out.vlanDepth;
        type = loadBe16(m_d + off + 2);
        off += 4;
        if (type <= 1500)
            return llc(off);
    }
    switch (type) {
    case kEtherIpv4: return ipv4(off);
    case kEtherIpv6: return ipv6(off);
    case kEtherArp: m_out.transport = Transport::ARP; return;
    case kEtherMpls:
    case kEtherMplsMulti: return mpls(off);
    case kEtherPppoeSess:
        if (!have(off, 6))
            return shortOf();
        m_out.flags |= pktflag::Pppoe;
        return ppp(off + 6);
    case kEtherPppoeDisc: m_out.transport = Transport::PPPoED; return;
    case kEtherLldp: m_out.transport = Transport::LLDP; return;
    case kEtherEapol: m_out.transport = Transport::EAPOL; return;
    default: m_out.transport = Transport::OtherEther; return;
    }
}

void Decoder::mpls(std::uint32_t off)
{
    m_out.flags |= pktflag::Mpls;
    for (int depth = 0;; ++depth) {
        if (depth == kMaxStack) {
            m_out.flags |= pktflag::Malformed;
            return;
        }
        if (!have(off, 4))
            return shortOf();
        ++m_out.mplsDepth;
        const bool bottom = m_d[off + 2] & 0x01;
        off += 4;
        if (bottom)
            break;
    }
    if (!have(off, 1))
        return shortOf();
    // MPLS does not say what it carries; the first nibble does, by convention (RFC 4385):
    // 4 or 6 is IP, 0 is a pseudowire control word followed by an Ethernet frame.
    const unsigned nibble = m_d[off] >> 4;
    if (nibble == 4)
        ipv4(off);
    else if (nibble == 6)
        ipv6(off);
    else if (nibble == 0)
        ether(off + 4);
    else
        m_out.transport = Transport::OtherEther;
}

void Decoder::ppp(std::uint32_t off)
{
    if (!have(off, 2))
        return shortOf();
    if (m_d[off] == 0xff && m_d[off + 1] == 0x03)
        off += 2; // HDLC address and control
    if (!have(off, 1))
        return shortOf();
    std::uint16_t proto;
    if (m_d[off] & 0x01) { // protocol-field compression: one byte
        proto = m_d[off];
        off += 1;
    } else {
        if (!have(off, 2))
            return shortOf();
        proto = loadBe16(m_d + off);
        off += 2;
    }
    switch (proto) {
    case 0x0021: return ipv4(off);
    case 0x0057: return ipv6(off);
    case 0x0281:
    case 0x0283: return mpls(off);
    default: m_out.transport = Transport::OtherEther;
    }
}

void Decoder::byIpVersion(std::uint32_t off)
{
    if (!have(off, 1))
        return shortOf();
    const unsigned v = m_d[off] >> 4;
    if (v == 4)
        ipv4(off);
    else if (v == 6)
        ipv6(off);
    else
        m_out.flags |= pktflag::Malformed;
}

void Decoder::nflog(std::uint32_t off)
{
    // 4-byte header (family, version, resource id), then TLVs in host byte order (little-endian
    // on every Linux that writes these files); the payload TLV (type 9) holds the IP packet.
    if (!have(off, 4))
        return shortOf();
    const std::uint8_t family = m_d[off];
    off += 4;
    while (have(off, 4)) {
        const std::uint16_t len = loadLe16(m_d + off);
        const std::uint16_t type = loadLe16(m_d + off + 2) & 0x7fff;
        if (len < 4)
            break;
        if (type == 9) {
            if (family == 2)
                return ipv4(off + 4);
            if (family == 10)
                return ipv6(off + 4);
            return byIpVersion(off + 4);
        }
        off += (len + 3u) & ~3u;
    }
    m_out.transport = Transport::Link;
}

} // namespace detail

void decodePacket(const std::uint8_t *data, std::uint32_t capLen, std::uint32_t wireLen,
                  std::uint16_t linkType, DecodedPacket &out)
{
    out = DecodedPacket{};
    if (capLen < wireLen)
        out.flags |= pktflag::Truncated;
    detail::Decoder(data, capLen, wireLen, out).link(linkType);
    // Non-IP frames are addressed by MAC.
    if (!out.ipVersion && out.srcMac) {
        out.srcAddr = out.srcMac;
        out.dstAddr = out.dstMac;
        out.addrLen = 6;
    }
}

} // namespace netlens
