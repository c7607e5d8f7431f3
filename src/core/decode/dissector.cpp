// SPDX-License-Identifier: GPL-3.0-or-later
// The public entry points, the frame and the capture-specific link headers (loopback, Linux
// cooked, raw IP, and what only the decoder walks). Ethernet and the layers an EtherType names
// are in dissectorlink.cpp, IP in dissectorip.cpp, transports in dissectortransport.cpp,
// dissectortunnels.cpp and dissectoricmp.cpp, applications in dissectordns.cpp,
// dissectortls.cpp and dissectorapp.cpp.
#include "decode/dissector.h"

#include "decode/decodedpacket.h"
#include "decode/dissection.h"
#include "decode/dissectnames.h"
#include "decode/dissecttext.h"
#include "decode/linktype.h"

#include <algorithm>

namespace netlens {

namespace dissect {

namespace {

void dissectNull(Dissection &d, std::uint32_t end)
{
    d.layer("Null/Loopback", 0, 4);
    if (!d.have(0, 4)) {
        d.cut(1, 0, 4);
        return;
    }
    // DLT_NULL holds the address family in the writer's byte order; guess it as the decoder
    // does: 2 = AF_INET; 10, 24, 28, 30 = AF_INET6 on Linux, the BSDs and macOS.
    std::uint32_t af = loadLe32(d.ptr(0));
    if (af > 0xffff)
        af = loadBe32(d.ptr(0));
    const bool v6 = af == 10 || af == 24 || af == 28 || af == 30;
    d.field(1, cat("Family: ", af == 2 ? "IP" : v6 ? "IPv6" : "Unknown", " (", af, ')'), 0, 4);
    if (af == 2)
        dissectIpv4(d, 4, end);
    else if (v6)
        dissectIpv6(d, 4, end);
    else
        dissectIp(d, 4, end);
}

void dissectSll(Dissection &d, bool v2, std::uint32_t end)
{
    const std::uint32_t hdr = v2 ? 20 : 16;
    d.layer(v2 ? "Linux cooked capture v2" : "Linux cooked capture v1", 0, hdr);
    if (!d.have(0, hdr)) {
        d.cut(1, 0, hdr);
        return;
    }
    const std::uint16_t pktType = v2 ? d.u8(10) : d.u16(0);
    const std::uint16_t arphrd = v2 ? d.u16(8) : d.u16(2);
    const std::uint8_t alen = static_cast<std::uint8_t>(v2 ? d.u8(11) : d.u16(4));
    const std::uint32_t addrOff = v2 ? 12 : 6;
    const std::uint16_t proto = v2 ? d.u16(0) : d.u16(14);
    if (d.wantFields()) {
        const std::string_view typeName = sllPacketTypeName(pktType);
        const std::string pt =
            cat("Packet type: ", typeName.empty() ? "Unknown" : typeName, " (", pktType, ')');
        if (v2) {
            d.field(1, cat("Protocol: ", etherTypeText(proto)), 0, 2);
            d.field(1, cat("Reserved: ", d.u16(2)), 2, 2);
            d.field(1, cat("Interface index: ", d.u32(4)), 4, 4);
            d.field(1, cat("Link-layer address type: ", arphrd), 8, 2);
            d.field(1, pt, 10, 1);
            d.field(1, cat("Link-layer address length: ", alen), 11, 1);
        } else {
            d.field(1, pt, 0, 2);
            d.field(1, cat("Link-layer address type: ", arphrd), 2, 2);
            d.field(1, cat("Link-layer address length: ", alen), 4, 2);
        }
        d.field(1,
                cat("Source: ", alen == 6 ? macText(d.ptr(addrOff))
                                          : hexBytes(d.ptr(addrOff), std::min<unsigned>(alen, 8))),
                addrOff, std::min<unsigned>(alen, 8));
        if (!v2)
            d.field(1, cat("Protocol: ", etherTypeText(proto)), 14, 2);
    }
    if (proto == 0x0004 || proto == 0x0001) // 802.2 LLC / Novell 802.3 frames
        return dissectLlc(d, hdr, end);
    dissectEtherType(d, proto, hdr, end);
}

/// Link types whose headers only the decoder walks (802.11, radiotap, PPI, NFLOG): one line
/// for the link header, then the network layer where the decoder found it.
void dissectOtherLink(Dissection &d, std::uint16_t linkType, std::uint32_t end)
{
    DecodedPacket p;
    decodePacket(d.ptr(0), d.capLen(), d.wireLen(), linkType, p);
    std::string name = linkTypeName(linkType);
    if (p.srcMac && p.dstMac && d.wantFields())
        name += cat(", Src: ", macText(p.srcMac), ", Dst: ", macText(p.dstMac));
    if (!p.hasIp() || p.l3Offset >= d.capLen()) {
        d.layer(std::move(name), 0, d.capLen());
        // 802.11 management and control frames, encrypted data: name the link, not "Link".
        const bool linkOnly = p.transport == Transport::None || p.transport == Transport::Link;
        d.setInfo(linkOnly ? cat(linkTypeName(linkType), " frame")
                           : std::string(transportName(p.transport)));
        return;
    }
    d.layer(std::move(name), 0, p.l3Offset);
    dissectIp(d, p.l3Offset, end);
}

} // namespace

void dissectData(Dissection &d, std::uint32_t off, std::uint32_t end)
{
    const std::uint32_t stop = d.capped(end);
    if (off < stop)
        d.layer(cat("Data (", bytesText(stop - off), ')'), off, stop - off);
}

std::uint32_t dissectIp(Dissection &d, std::uint32_t off, std::uint32_t end)
{
    const unsigned version = d.u8(off) >> 4;
    if (version == 6)
        return dissectIpv6(d, off, end);
    if (version == 4 || !d.have(off, 1))
        return dissectIpv4(d, off, end);
    d.layer(cat("Unknown IP version ", version), off, 1);
    dissectData(d, off, end);
    return d.capped(end);
}

void dissectFrame(Dissection &d, std::uint16_t linkType)
{
    const std::uint32_t cap = d.capLen(), wire = d.wireLen();
    // Layers below get the wire's end: a snaplen cut must not shrink what headers declare
    // (TCP's Len is the IP length's, as in Wireshark); reads still stop at the capture.
    const std::uint32_t end = std::max(cap, wire);
    if (d.wantFields()) {
        d.layer(cat("Frame: ", wire, " bytes on wire (", std::uint64_t(wire) * 8, " bits), ", cap,
                    " bytes captured (", std::uint64_t(cap) * 8, " bits)"),
                0, cap);
        d.field(1, cat("Encapsulation type: ", linkTypeName(linkType), " (", linkType, ')'), 0, 0);
        d.field(1, cat("Frame Length: ", bytesText(wire)), 0, 0);
        d.field(1, cat("Capture Length: ", bytesText(cap)), 0, 0);
        if (cap < wire)
            d.field(1,
                    cat("[Packet size limited during capture: ", bytesText(wire - cap),
                        " not captured]"),
                    0, 0);
    }
    switch (linkType) {
    case linktype::Ethernet: dissectEthernet(d, 0, end); break;
    case linktype::Null:
    case linktype::Loop: dissectNull(d, end); break;
    case linktype::Raw:
    case linktype::RawOpenBsd:
    case linktype::RawOld:
        d.layer("Raw packet data", 0, 0);
        dissectIp(d, 0, end);
        break;
    case linktype::Ipv4: dissectIpv4(d, 0, end); break;
    case linktype::Ipv6: dissectIpv6(d, 0, end); break;
    case linktype::LinuxSll: dissectSll(d, false, end); break;
    case linktype::LinuxSll2: dissectSll(d, true, end); break;
    case linktype::Ppp:
    case linktype::PppHdlc: dissectPpp(d, 0, end); break;
    default: dissectOtherLink(d, linkType, end); break;
    }
    if (d.info().empty())
        d.setInfo(cap == 0 ? std::string("Empty packet") : linkTypeName(linkType));
}

} // namespace dissect

std::vector<DissectedField> dissectPacket(const std::uint8_t *data, std::uint32_t capLen,
                                          std::uint32_t wireLen, std::uint16_t linkType)
{
    dissect::Dissection d(data, capLen, wireLen, true);
    dissect::dissectFrame(d, linkType);
    return d.takeFields();
}

std::string packetInfo(const std::uint8_t *data, std::uint32_t capLen, std::uint32_t wireLen,
                       std::uint16_t linkType)
{
    dissect::Dissection d(data, capLen, wireLen, false);
    dissect::dissectFrame(d, linkType);
    return d.takeInfo();
}

} // namespace netlens
