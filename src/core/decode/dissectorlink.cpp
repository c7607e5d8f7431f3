// SPDX-License-Identifier: GPL-3.0-or-later
// Link layers: Ethernet, 802.2 LLC (and STP), VLAN tags, MPLS, ARP, PPPoE and PPP, and the
// EtherType dispatch that ties them together.
#include "decode/dissection.h"
#include "decode/dissectnames.h"
#include "decode/dissecttext.h"

#include <algorithm>

namespace netlens::dissect {

namespace {

/// The next-protocol line of a header that holds either an EtherType or an 802.3 length.
std::string typeOrLength(std::uint16_t v)
{
    return v <= 1500 ? cat("Length: ", v) : cat("Type: ", etherTypeText(v));
}

void macField(Dissection &d, std::string_view what, std::uint32_t off)
{
    const std::uint8_t b = d.u8(off);
    d.field(1, cat(what, ": ", macText(d.ptr(off))), off, 6);
    d.field(2,
            bitField(b << 16, 0x020000, 24,
                     (b & 2) ? "LG bit: Locally administered address (this is NOT the factory "
                               "default)"
                             : "LG bit: Globally unique address (factory default)"),
            off, 3);
    d.field(2,
            bitField(b << 16, 0x010000, 24,
                     (b & 1) ? "IG bit: Group address (multicast/broadcast)"
                             : "IG bit: Individual address (unicast)"),
            off, 3);
}

void dissectStp(Dissection &d, std::uint32_t off, std::uint32_t end)
{
    // An 802.3 length may end the frame before the BPDU does; never count past it.
    const std::uint32_t avail = d.capped(end) > off ? d.capped(end) - off : 0;
    if (!d.have(off, 4)) {
        d.layer("Spanning Tree Protocol", off, avail);
        d.cut(1, off, 4);
        return;
    }
    const std::uint8_t type = d.u8(off + 3);
    if (type == 0x80) {
        d.layer("Spanning Tree Protocol", off, 4);
        d.setInfo("Topology Change Notification");
        return;
    }
    d.layer("Spanning Tree Protocol", off, std::min<std::uint32_t>(avail, 36));
    if (!d.have(off, 35)) {
        d.cut(1, off, 35);
        return;
    }
    const std::uint16_t rootPrio = d.u16(off + 5);
    const std::uint32_t cost = d.u32(off + 13);
    const std::uint16_t port = d.u16(off + 25);
    // Bridge priority is the top 4 bits (steps of 4096); the rest is the VLAN (system id).
    const std::string root =
        cat(rootPrio & 0xf000, '/', rootPrio & 0x0fff, '/', macText(d.ptr(off + 7)));
    if (d.wantFields()) {
        d.field(1, cat("Protocol Identifier: ", hex(d.u16(off), 4)), off, 2);
        d.field(1, cat("Protocol Version Identifier: ", d.u8(off + 2)), off + 2, 1);
        d.field(1, cat("BPDU Type: ", hex(type, 2)), off + 3, 1);
        d.field(1, cat("BPDU flags: ", hex(d.u8(off + 4), 2)), off + 4, 1);
        d.field(1, cat("Root Identifier: ", root), off + 5, 8);
        d.field(1, cat("Root Path Cost: ", cost), off + 13, 4);
        d.field(1,
                cat("Bridge Identifier: ", d.u16(off + 17) & 0xf000, '/', d.u16(off + 17) & 0x0fff,
                    '/', macText(d.ptr(off + 19))),
                off + 17, 8);
        d.field(1, cat("Port identifier: ", hex(port, 4)), off + 25, 2);
        d.field(1, cat("Message Age: ", d.u16(off + 27) / 256), off + 27, 2);
        d.field(1, cat("Max Age: ", d.u16(off + 29) / 256), off + 29, 2);
        d.field(1, cat("Hello Time: ", d.u16(off + 31) / 256), off + 31, 2);
        d.field(1, cat("Forward Delay: ", d.u16(off + 33) / 256), off + 33, 2);
    }
    d.setInfo(cat(type == 0x02 ? "RST" : "Conf", ". Root = ", root, "  Cost = ", cost,
                  "  Port = ", hex(port, 4)));
}

} // namespace

void dissectLlc(Dissection &d, std::uint32_t off, std::uint32_t end)
{
    if (!d.have(off, 3)) {
        d.layer("Logical-Link Control", off, 3);
        d.cut(1, off, 3);
        return;
    }
    const std::uint8_t dsap = d.u8(off), ssap = d.u8(off + 1);
    const bool snap = dsap == 0xaa && ssap == 0xaa && d.u8(off + 2) == 0x03;
    const std::uint32_t len = snap ? 8 : 3;
    d.layer("Logical-Link Control", off, len);
    if (d.wantFields()) {
        d.field(1, cat("DSAP: ", hex(dsap, 2)), off, 1);
        d.field(1, cat("SSAP: ", hex(ssap, 2)), off + 1, 1);
        d.field(1, cat("Control field: ", hex(d.u8(off + 2), 2)), off + 2, 1);
    }
    if (snap) {
        if (!d.have(off, 8)) {
            d.cut(1, off, 8);
            return;
        }
        const std::uint16_t type = d.u16(off + 6);
        if (d.wantFields()) {
            d.field(1, cat("Organization Code: ", hex(d.u24(off + 3), 6)), off + 3, 3);
            d.field(1, cat("Type: ", etherTypeText(type)), off + 6, 2);
        }
        dissectEtherType(d, type, off + 8, end);
        return;
    }
    if (dsap == 0x42 && ssap == 0x42)
        return dissectStp(d, off + 3, end);
    d.setInfo(cat("LLC, DSAP ", hex(dsap, 2), ", SSAP ", hex(ssap, 2)));
    dissectData(d, off + 3, end);
}

namespace {

std::uint32_t dissectVlan(Dissection &d, std::uint16_t tpid, std::uint32_t off, std::uint32_t end)
{
    static constexpr std::string_view kPriority[] = {"Best Effort (default)",
                                                     "Background",
                                                     "Excellent Effort",
                                                     "Critical Applications",
                                                     "Video, < 100ms latency and jitter",
                                                     "Voice, < 10ms latency and jitter",
                                                     "Internetwork Control",
                                                     "Network Control"};
    const std::string_view name =
        tpid == 0x8100 ? "802.1Q Virtual LAN" : "802.1ad Provider Bridge (Q-in-Q)";
    if (!d.have(off, 4)) {
        d.layer(std::string(name), off, 4);
        d.cut(1, off, 4);
        return d.capped(end);
    }
    const std::uint16_t tci = d.u16(off), next = d.u16(off + 2);
    const unsigned pri = tci >> 13, dei = (tci >> 12) & 1, vid = tci & 0x0fff;
    if (d.wantFields()) {
        d.layer(cat(name, ", PRI: ", pri, ", DEI: ", dei, ", ID: ", vid), off, 4);
        d.field(1, bitField(tci, 0xe000, 16, cat("Priority: ", kPriority[pri], " (", pri, ')')),
                off, 2);
        d.field(1, bitField(tci, 0x1000, 16, dei ? "DEI: Eligible" : "DEI: Ineligible"), off, 2);
        d.field(1, bitField(tci, 0x0fff, 16, cat("ID: ", vid)), off, 2);
        d.field(1, typeOrLength(next), off + 2, 2);
    }
    if (next <= 1500) {
        dissectLlc(d, off + 4, std::min<std::uint32_t>(end, off + 4 + next));
        return d.capped(end);
    }
    return dissectEtherType(d, next, off + 4, end);
}

std::uint32_t dissectMpls(Dissection &d, std::uint32_t off, std::uint32_t end)
{
    for (int labels = 0;; ++labels) {
        if (labels == 16) {
            d.field(1, "[Malformed packet: more than 16 MPLS labels]", off, 0);
            return d.capped(end);
        }
        if (!d.have(off, 4)) {
            d.layer("MultiProtocol Label Switching Header", off, 4);
            d.cut(1, off, 4);
            return d.capped(end);
        }
        const std::uint32_t w = d.u32(off);
        const unsigned label = w >> 12, exp = (w >> 9) & 7, bottom = (w >> 8) & 1, ttl = w & 0xff;
        if (d.wantFields()) {
            d.layer(cat("MultiProtocol Label Switching Header, Label: ", label, ", Exp: ", exp,
                        ", S: ", bottom, ", TTL: ", ttl),
                    off, 4);
            d.field(1, bitField(w, 0xfffff000, 32, cat("MPLS Label: ", label)), off, 3);
            d.field(1, bitField(w, 0x00000e00, 32, cat("MPLS Experimental Bits: ", exp)), off + 2,
                    1);
            d.field(1, bitField(w, 0x00000100, 32, cat("MPLS Bottom Of Label Stack: ", bottom)),
                    off + 2, 1);
            d.field(1, cat("MPLS TTL: ", ttl), off + 3, 1);
        }
        off += 4;
        if (bottom)
            break;
    }
    if (!d.have(off, 1))
        return d.capped(end);
    // MPLS does not say what it carries; by convention (RFC 4385) the first nibble does.
    switch (d.u8(off) >> 4) {
    case 4: return dissectIpv4(d, off, end);
    case 6: return dissectIpv6(d, off, end);
    case 0:
        d.layer("PW Ethernet Control Word", off, 4);
        if (d.have(off, 4))
            dissectEthernet(d, off + 4, end);
        return d.capped(end);
    default: dissectData(d, off, end); return d.capped(end);
    }
}

/// ARP and RARP; returns where the message ends, for Ethernet's padding.
std::uint32_t dissectArp(Dissection &d, std::uint32_t off, std::uint32_t end)
{
    if (!d.have(off, 8)) {
        d.layer("Address Resolution Protocol", off, 8);
        d.cut(1, off, 8);
        return d.capped(end);
    }
    const std::uint16_t htype = d.u16(off), ptype = d.u16(off + 2), op = d.u16(off + 6);
    const std::uint8_t hlen = d.u8(off + 4), plen = d.u8(off + 5);
    const std::uint32_t need = 8 + 2u * (hlen + plen);
    const std::string_view opName = arpOpcodeName(op);
    d.layer(cat("Address Resolution Protocol (", opName.empty() ? "unknown" : opName, ')'), off,
            need);
    if (d.wantFields()) {
        d.field(1, cat("Hardware type: ", htype == 1 ? "Ethernet (1)" : cat(htype)), off, 2);
        d.field(1, cat("Protocol type: ", etherTypeText(ptype)), off + 2, 2);
        d.field(1, cat("Hardware size: ", hlen), off + 4, 1);
        d.field(1, cat("Protocol size: ", plen), off + 5, 1);
        d.field(1, cat("Opcode: ", opName.empty() ? "Unknown" : opName, " (", op, ')'), off + 6, 2);
    }
    if (!d.have(off, need)) {
        d.cut(1, off, need);
        return d.capped(end);
    }
    const std::uint32_t sha = off + 8, spa = sha + hlen, tha = spa + plen, tpa = tha + hlen;
    auto addr = [&](std::uint32_t at, unsigned len) {
        return len == 4   ? ipv4Text(d.ptr(at))
               : len == 6 ? macText(d.ptr(at))
                          : hexBytes(d.ptr(at), len);
    };
    if (d.wantFields()) {
        d.field(1, cat("Sender MAC address: ", addr(sha, hlen)), sha, hlen);
        d.field(1, cat("Sender IP address: ", addr(spa, plen)), spa, plen);
        d.field(1, cat("Target MAC address: ", addr(tha, hlen)), tha, hlen);
        d.field(1, cat("Target IP address: ", addr(tpa, plen)), tpa, plen);
    }
    auto zero = [&](std::uint32_t at, unsigned len) {
        return std::all_of(d.ptr(at), d.ptr(at) + len, [](std::uint8_t b) { return b == 0; });
    };
    const bool gratuitous = plen > 0 && std::equal(d.ptr(spa), d.ptr(spa) + plen, d.ptr(tpa));
    if (op == 1 && gratuitous)
        d.setInfo(zero(tha, hlen) ? cat("ARP Announcement for ", addr(spa, plen))
                                  : cat("Gratuitous ARP for ", addr(spa, plen), " (Request)"));
    else if (op == 1 && zero(tha, hlen) && zero(spa, plen))
        d.setInfo(cat("Who has ", addr(tpa, plen), "? (ARP Probe)"));
    else if (op == 1)
        d.setInfo(cat("Who has ", addr(tpa, plen), "? Tell ", addr(spa, plen)));
    else if (op == 2 && gratuitous)
        d.setInfo(cat("Gratuitous ARP for ", addr(spa, plen), " (Reply)"));
    else if (op == 2)
        d.setInfo(cat(addr(spa, plen), " is at ", addr(sha, hlen)));
    else if (op == 3)
        d.setInfo(cat("Who is ", addr(tha, hlen), "? Tell ", addr(sha, hlen)));
    else if (op == 4)
        d.setInfo(cat(addr(tha, hlen), " is at ", addr(tpa, plen)));
    else
        d.setInfo(cat("ARP opcode ", op));
    return d.capped(std::min<std::uint64_t>(end, off + need));
}

void dissectPppoe(Dissection &d, bool session, std::uint32_t off, std::uint32_t end)
{
    const std::string_view name =
        session ? "PPP-over-Ethernet Session" : "PPP-over-Ethernet Discovery";
    d.layer(std::string(name), off, 6);
    if (!d.have(off, 6)) {
        d.cut(1, off, 6);
        return;
    }
    const std::uint8_t code = d.u8(off + 1);
    if (d.wantFields()) {
        d.field(1, bitField(d.u8(off), 0xf0, 8, cat("Version: ", d.u8(off) >> 4)), off, 1);
        d.field(1, bitField(d.u8(off), 0x0f, 8, cat("Type: ", d.u8(off) & 0xf)), off, 1);
        d.field(1, cat("Code: ", hex(code, 2)), off + 1, 1);
        d.field(1, cat("Session ID: ", hex(d.u16(off + 2), 4)), off + 2, 2);
        d.field(1, cat("Payload Length: ", d.u16(off + 4)), off + 4, 2);
    }
    if (session)
        return dissectPpp(d, off + 6, end);
    std::string_view what;
    switch (code) {
    case 0x09: what = "Active Discovery Initiation (PADI)"; break;
    case 0x07: what = "Active Discovery Offer (PADO)"; break;
    case 0x19: what = "Active Discovery Request (PADR)"; break;
    case 0x65: what = "Active Discovery Session-confirmation (PADS)"; break;
    case 0xa7: what = "Active Discovery Terminate (PADT)"; break;
    default: what = "PPPoE Discovery"; break;
    }
    d.setInfo(std::string(what));
}

std::uint32_t etherTypePayload(Dissection &d, std::uint16_t type, std::uint32_t off,
                               std::uint32_t end)
{
    switch (type) {
    case 0x8100:
    case 0x88a8:
    case 0x9100: return dissectVlan(d, type, off, end);
    case 0x0800: return dissectIpv4(d, off, end);
    case 0x86dd: return dissectIpv6(d, off, end);
    case 0x0806:
    case 0x8035: return dissectArp(d, off, end);
    case 0x8847:
    case 0x8848: return dissectMpls(d, off, end);
    case 0x8863:
    case 0x8864: dissectPppoe(d, type == 0x8864, off, end); return d.capped(end);
    case 0x6558: // transparent Ethernet bridging, inside GRE
        return dissectEthernet(d, off, end);
    case 0x880b: // PPP, inside (enhanced) GRE
        dissectPpp(d, off, end);
        return d.capped(end);
    case 0x8909: return dissectCiscoMetaData(d, off, end, false);
    default: {
        const std::string_view name = etherTypeName(type);
        d.setInfo(name.empty() ? cat("Ethernet II, Type ", hex(type, 4)) : std::string(name));
        dissectData(d, off, end);
        return d.capped(end);
    }
    }
}

} // namespace

std::uint32_t dissectCiscoMetaData(Dissection &d, std::uint32_t off, std::uint32_t end,
                                   bool typeFirst)
{
    // A security group tag, then the real EtherType. Over Ethernet the type comes last; inside
    // GRE, Cisco puts it first.
    d.layer("Cisco MetaData", off, 8);
    if (!d.have(off, 8)) {
        d.cut(1, off, 8);
        return d.capped(end);
    }
    const std::uint32_t meta = typeFirst ? off + 2 : off, typeAt = typeFirst ? off : off + 6;
    const std::uint16_t type = d.u16(typeAt);
    if (d.wantFields()) {
        d.field(1, cat("Type: ", etherTypeText(type)), typeAt, 2);
        d.field(1, cat("Version: ", d.u8(meta)), meta, 1);
        d.field(1, cat("Length: ", d.u8(meta + 1)), meta + 1, 1);
        d.field(1, cat("Options: ", hex(d.u16(meta + 2), 4)), meta + 2, 2);
        d.field(1, cat("SGT: ", d.u16(meta + 4)), meta + 4, 2);
    }
    return dissectEtherType(d, type, off + 8, end);
}

std::uint32_t dissectEthernet(Dissection &d, std::uint32_t off, std::uint32_t end)
{
    if (!d.have(off, 14)) {
        d.layer("Ethernet II", off, 14);
        d.cut(1, off, 14);
        return d.capped(end);
    }
    const std::uint16_t type = d.u16(off + 12);
    const bool ieee8023 = type <= 1500; // a length, and an LLC header follows
    if (d.wantFields()) {
        d.layer(cat(ieee8023 ? "IEEE 802.3 Ethernet, Src: " : "Ethernet II, Src: ",
                    macText(d.ptr(off + 6)), ", Dst: ", macText(d.ptr(off))),
                off, 14);
        macField(d, "Destination", off);
        macField(d, "Source", off + 6);
        d.field(1, typeOrLength(type), off + 12, 2);
    }
    const std::size_t trailerAt = d.mark();
    std::uint32_t used;
    if (ieee8023) {
        used = d.capped(std::min<std::uint64_t>(end, off + 14u + type));
        dissectLlc(d, off + 14, used);
    } else {
        used = dissectEtherType(d, type, off + 14, end);
    }
    // Bytes past the payload: padding up to the 60-byte minimum frame, or a trailer.
    const std::uint32_t stop = d.capped(end);
    if (used < stop && d.wantFields()) {
        const bool zero =
            std::all_of(d.ptr(used), d.ptr(stop), [](std::uint8_t b) { return b == 0; });
        d.insertAt(trailerAt, 1,
                   cat(zero ? "Padding: " : "Trailer: ", hexBytes(d.ptr(used), stop - used)), used,
                   stop - used);
    }
    return stop;
}

std::uint32_t dissectEtherType(Dissection &d, std::uint16_t type, std::uint32_t off,
                               std::uint32_t end)
{
    // Tags, labels and tunnels nest through here; enter() bounds the recursion.
    if (!d.enter())
        return d.capped(end);
    const std::uint32_t used = etherTypePayload(d, type, off, end);
    d.leave();
    return used;
}

void dissectPpp(Dissection &d, std::uint32_t off, std::uint32_t end)
{
    std::uint32_t at = off;
    const bool hdlc = d.u8(at) == 0xff && d.u8(at + 1) == 0x03;
    if (hdlc)
        at += 2;
    if (!d.have(at, 1)) {
        d.layer("Point-to-Point Protocol", off, at + 1 - off);
        d.cut(1, at, 1);
        return;
    }
    // Protocol-field compression: an odd first byte is the whole (one-byte) protocol.
    const bool shortProto = d.u8(at) & 1;
    const std::uint16_t proto = shortProto ? d.u8(at) : d.u16(at);
    const std::uint32_t plen = shortProto ? 1 : 2;
    d.layer("Point-to-Point Protocol", off, at + plen - off);
    if (d.wantFields()) {
        if (hdlc) {
            d.field(1, "Address: 0xff", off, 1);
            d.field(1, "Control: 0x03", off + 1, 1);
        }
        std::string_view name;
        switch (proto) {
        case 0x0021: name = "Internet Protocol version 4"; break;
        case 0x0057: name = "Internet Protocol version 6"; break;
        case 0x0281: name = "MPLS"; break;
        case 0xc021: name = "Link Control Protocol"; break;
        case 0x8021: name = "Internet Protocol Control Protocol"; break;
        case 0xc023: name = "Password Authentication Protocol"; break;
        case 0xc223: name = "Challenge Handshake Authentication Protocol"; break;
        default: name = "Unknown"; break;
        }
        d.field(1, cat("Protocol: ", name, " (", hex(proto, 4), ')'), at, plen);
    }
    at += plen;
    switch (proto) {
    case 0x0021: dissectIpv4(d, at, end); return;
    case 0x0057: dissectIpv6(d, at, end); return;
    case 0x0281:
    case 0x0283: dissectEtherType(d, 0x8847, at, end); return;
    case 0xc021: d.setInfo("PPP LCP"); break;
    case 0x8021: d.setInfo("PPP IPCP"); break;
    default: d.setInfo(cat("PPP protocol ", hex(proto, 4))); break;
    }
    dissectData(d, at, end);
}

} // namespace netlens::dissect
