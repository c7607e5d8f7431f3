#include "decode/decodedpacket.h"
#include "decode/linktype.h"
#include "source/byteorder.h"

#include <algorithm>

namespace netlens {

namespace {

constexpr std::uint16_t kEtherIpv4 = 0x0800;
constexpr std::uint16_t kEtherArp = 0x0806;
constexpr std::uint16_t kEtherVlan = 0x8100;
constexpr std::uint16_t kEtherQinQ = 0x88a8;
constexpr std::uint16_t kEtherQinQOld = 0x9100;
constexpr std::uint16_t kEtherIpv6 = 0x86dd;
constexpr std::uint16_t kEtherMpls = 0x8847;
constexpr std::uint16_t kEtherMplsMulti = 0x8848;
constexpr std::uint16_t kEtherPppoeDisc = 0x8863;
constexpr std::uint16_t kEtherPppoeSess = 0x8864;
constexpr std::uint16_t kEtherEapol = 0x888e;
constexpr std::uint16_t kEtherLldp = 0x88cc;
constexpr int kMaxStack = 8; // VLAN tags or MPLS labels followed before we call it malformed

std::uint16_t clamp16(std::uint32_t v)
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

void Decoder::link(std::uint16_t lt)
{
    switch (lt) {
    case linktype::Ethernet:
        ether(0);
        return;
    case linktype::Raw:
    case linktype::RawOpenBsd:
    case linktype::RawOld:
        byIpVersion(0);
        return;
    case linktype::Ipv4:
        ipv4(0);
        return;
    case linktype::Ipv6:
        ipv6(0);
        return;
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
    case linktype::PppHdlc:
        ppp(0);
        return;
    case linktype::Nflog:
        nflog(0);
        return;
    case linktype::Ieee80211:
        ieee80211(0);
        return;
    case linktype::Radiotap:
        radiotap(0);
        return;
    case linktype::Ppi:
        ppi(0);
        return;
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

void Decoder::radiotap(std::uint32_t off)
{
    // Version, pad, then the header length (little-endian, like every radiotap field); the
    // 802.11 frame follows. A trailing FCS (radiotap flag 0x10) needs no handling here: the IP
    // length already stops the payload before it.
    if (!have(off, 4))
        return shortOf();
    const std::uint32_t len = loadLe16(m_d + off + 2);
    if (m_d[off] != 0 || len < 8) {
        m_out.flags |= pktflag::Malformed;
        m_out.transport = Transport::Link;
        return;
    }
    if (!have(off, len))
        return shortOf();
    ieee80211(off + len);
}

void Decoder::ppi(std::uint32_t off)
{
    // Version, flags, header length and the DLT of what follows, all little-endian. Only the
    // DLTs PPI is used with are followed; never PPI itself, so a crafted chain cannot recurse.
    if (!have(off, 8))
        return shortOf();
    const std::uint32_t len = loadLe16(m_d + off + 2);
    const std::uint32_t dlt = loadLe32(m_d + off + 4);
    if (m_d[off] != 0 || len < 8) {
        m_out.flags |= pktflag::Malformed;
        m_out.transport = Transport::Link;
        return;
    }
    if (!have(off, len))
        return shortOf();
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
    const std::uint8_t fc = m_d[off];        // subtype(4) type(2) version(2)
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
    case kEtherIpv4:
        return ipv4(off);
    case kEtherIpv6:
        return ipv6(off);
    case kEtherArp:
        m_out.transport = Transport::ARP;
        return;
    case kEtherMpls:
    case kEtherMplsMulti:
        return mpls(off);
    case kEtherPppoeSess:
        if (!have(off, 6))
            return shortOf();
        m_out.flags |= pktflag::Pppoe;
        return ppp(off + 6);
    case kEtherPppoeDisc:
        m_out.transport = Transport::PPPoED;
        return;
    case kEtherLldp:
        m_out.transport = Transport::LLDP;
        return;
    case kEtherEapol:
        m_out.transport = Transport::EAPOL;
        return;
    default:
        m_out.transport = Transport::OtherEther;
        return;
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
    case 0x0021:
        return ipv4(off);
    case 0x0057:
        return ipv6(off);
    case 0x0281:
    case 0x0283:
        return mpls(off);
    default:
        m_out.transport = Transport::OtherEther;
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
    default:
        hdr = 0;
        break;
    }
    if (!have(off, hdr))
        return shortOf();
    const std::uint32_t payload = off + hdr;
    m_out.payloadOffset = clamp16(payload);
    m_out.payloadLength = clamp16(end > payload ? end - payload : 0);
}

} // namespace

void decodePacket(const std::uint8_t *data, std::uint32_t capLen, std::uint32_t wireLen,
                  std::uint16_t linkType, DecodedPacket &out)
{
    out = DecodedPacket{};
    if (capLen < wireLen)
        out.flags |= pktflag::Truncated;
    Decoder(data, capLen, wireLen, out).link(linkType);
    // Non-IP frames are addressed by MAC.
    if (!out.ipVersion && out.srcMac) {
        out.srcAddr = out.srcMac;
        out.dstAddr = out.dstMac;
        out.addrLen = 6;
    }
}

} // namespace netlens
