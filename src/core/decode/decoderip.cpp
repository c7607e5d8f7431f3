// SPDX-License-Identifier: GPL-3.0-or-later
#include "decode/decoderimpl.h"
#include "source/byteorder.h"

// IPv4, IPv6 (with its extension-header chain) and the transport headers.

namespace netlens::detail {

void Decoder::ipv4(std::uint32_t off)
{
    if (!have(off, 20))
        return shortOf();
    const std::uint8_t *ip = m_d + off;
    const unsigned ihl = (ip[0] & 0x0f) * 4u;
    if ((ip[0] >> 4) != 4 || ihl < 20) {
        m_out.flags |= pktflag::Malformed;
        return;
    }
    if (m_out.ipVersion) { // an inner header: the row keeps the outermost one
        m_out.flags |= pktflag::Tunnel;
        return;
    }
    m_out.ipVersion = 4;
    m_out.srcAddr = ip + 12;
    m_out.dstAddr = ip + 16;
    m_out.addrLen = 4;
    m_out.ipProto = ip[9];
    m_out.transport = transportForIpProto(ip[9]);
    m_out.l3Offset = clamp16(off);
    const std::uint32_t totalLen = loadBe16(ip + 2);
    // A zero total length appears with TCP segmentation offload: trust the capture then.
    std::uint32_t end = totalLen == 0 ? m_cap : off + totalLen;
    if (totalLen != 0 && totalLen < ihl)
        m_out.flags |= pktflag::Malformed;
    end = std::min(end, m_cap);
    m_out.l3Length = clamp16(end - off);
    const std::uint16_t frag = loadBe16(ip + 6);
    if (frag & 0x1fff) {
        m_out.flags |= pktflag::Fragment;
        return;
    }
    if (frag & 0x2000)
        m_out.flags |= pktflag::MoreFragments;
    if (!have(off, ihl))
        return shortOf();
    std::uint8_t proto = ip[9];
    std::uint32_t at = off + ihl;
    // AH authenticates but does not hide what follows: look past it, as the IPv6 walk does
    // and as tshark does. Its length counts 4-byte words, minus 2; each one takes >= 8 bytes.
    while (proto == 51) {
        if (!have(at, 2))
            return shortOf();
        proto = m_d[at];
        at += (m_d[at + 1] + 2u) * 4;
        m_out.ipProto = proto;
        m_out.transport = transportForIpProto(proto);
    }
    transport(proto, at, std::max(end, at));
}

void Decoder::ipv6(std::uint32_t off)
{
    if (!have(off, 40))
        return shortOf();
    const std::uint8_t *ip = m_d + off;
    if ((ip[0] >> 4) != 6) {
        m_out.flags |= pktflag::Malformed;
        return;
    }
    if (m_out.ipVersion) {
        m_out.flags |= pktflag::Tunnel;
        return;
    }
    m_out.ipVersion = 6;
    m_out.flags |= pktflag::Ipv6;
    m_out.srcAddr = ip + 8;
    m_out.dstAddr = ip + 24;
    m_out.addrLen = 16;
    m_out.l3Offset = clamp16(off);
    const std::uint32_t payloadLen = loadBe16(ip + 4);
    // Jumbograms (payload length 0) and TSO captures: fall back to what was captured.
    const std::uint32_t end = payloadLen == 0 ? m_cap : std::min(m_cap, off + 40 + payloadLen);
    m_out.l3Length = clamp16(end - off);
    std::uint8_t next = ip[6];
    std::uint32_t at = off + 40;
    // No limit on the number of headers: each takes at least 8 bytes and have() ends the walk
    // at the capture's end (tshark, too, follows chains of dozens of headers).
    for (;;) {
        std::uint32_t len;
        switch (next) {
        case 0:   // hop-by-hop options
        case 43:  // routing
        case 60:  // destination options
        case 135: // mobility
        case 139: // HIP
        case 140: // shim6
            if (!have(at, 2)) {
                m_out.ipProto = next;
                m_out.transport = Transport::OtherIP;
                return shortOf();
            }
            len = (m_d[at + 1] + 1u) * 8;
            break;
        case 51: // AH: its length counts 4-byte words, minus 2
            if (!have(at, 2)) {
                m_out.ipProto = next;
                m_out.transport = Transport::AH;
                return shortOf();
            }
            len = (m_d[at + 1] + 2u) * 4;
            break;
        case 44: // fragment
            if (!have(at, 8)) {
                m_out.ipProto = next;
                m_out.transport = Transport::OtherIP;
                return shortOf();
            }
            m_out.ipProto = m_d[at];
            m_out.transport = transportForIpProto(m_d[at]);
            if (loadBe16(m_d + at + 2) & 0xfff8) {
                m_out.flags |= pktflag::Fragment;
                return;
            }
            if (loadBe16(m_d + at + 2) & 0x0001)
                m_out.flags |= pktflag::MoreFragments;
            len = 8;
            break;
        default:
            m_out.ipProto = next;
            m_out.transport = transportForIpProto(next);
            return transport(next, at, std::max(end, at));
        }
        next = m_d[at];
        at += len;
    }
}

void Decoder::transport(std::uint8_t proto, std::uint32_t off, std::uint32_t end)
{
    m_out.l4Offset = clamp16(off);
    end = std::min(end, m_cap);
    std::uint32_t hdr = 0;
    switch (proto) {
    case 6: // TCP
        if (have(off, 4)) {
            m_out.srcPort = loadBe16(m_d + off);
            m_out.dstPort = loadBe16(m_d + off + 2);
            m_out.flags |= pktflag::HasPorts;
        }
        if (!have(off, 20))
            return shortOf();
        m_out.tcpFlags = m_d[off + 13];
        hdr = (m_d[off + 12] >> 4) * 4u;
        if (hdr < 20) {
            m_out.flags |= pktflag::Malformed;
            return;
        }
        break;
    case 17:  // UDP
    case 136: // UDP-Lite
        if (have(off, 4)) {
            m_out.srcPort = loadBe16(m_d + off);
            m_out.dstPort = loadBe16(m_d + off + 2);
            m_out.flags |= pktflag::HasPorts;
        }
        if (!have(off, 8))
            return shortOf();
        hdr = 8;
        if (proto == 17) {
            // Well-known UDP encapsulations: VXLAN, Teredo, GTP-U, L2TP.
            const std::uint16_t p = std::min(m_out.srcPort, m_out.dstPort);
            const std::uint16_t q = std::max(m_out.srcPort, m_out.dstPort);
            if (p == 4789 || q == 4789 || p == 3544 || q == 3544 || p == 2152 || p == 1701)
                m_out.flags |= pktflag::Tunnel;
        }
        break;
    case 132: // SCTP
        if (have(off, 4)) {
            m_out.srcPort = loadBe16(m_d + off);
            m_out.dstPort = loadBe16(m_d + off + 2);
            m_out.flags |= pktflag::HasPorts;
        }
        if (!have(off, 12))
            return shortOf();
        hdr = 12;
        break;
    case 4:  // IPv4 in IP
    case 41: // IPv6 in IP
    case 47: // GRE
        m_out.flags |= pktflag::Tunnel;
        hdr = proto == 47 ? 4 : 0;
        break;
    case 1:
    case 58: // ICMP and ICMPv6: type and code lead the payload
        hdr = 0;
        break;
    default: hdr = 0; break;
    }
    if (!have(off, hdr))
        return shortOf();
    const std::uint32_t payload = off + hdr;
    m_out.payloadOffset = clamp16(payload);
    m_out.payloadLength = clamp16(end > payload ? end - payload : 0);
}

} // namespace netlens::detail
