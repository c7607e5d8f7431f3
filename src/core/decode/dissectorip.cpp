// SPDX-License-Identifier: GPL-3.0-or-later
// IPv4 and IPv6 with their options and extension headers.
#include "decode/dissection.h"
#include "decode/dissectnames.h"
#include "decode/dissecttext.h"

#include <algorithm>

namespace netlens::dissect {

namespace {

std::string protoText(std::uint8_t proto)
{
    const std::string_view name = ipProtoName(proto);
    return cat(name.empty() ? std::string_view("Unknown") : name, " (", proto, ')');
}

std::string dsText(std::uint8_t ds)
{
    const std::string_view dscp = dscpName(ds >> 2);
    return cat(hex(ds, 2), " (DSCP: ", dscp.empty() ? cat(ds >> 2) : std::string(dscp),
               ", ECN: ", ecnName(ds), ')');
}

std::string_view ipv4OptionName(std::uint8_t type)
{
    switch (type) {
    case 0: return "End of Options List (EOL)";
    case 1: return "No Operation (NOP)";
    case 7: return "Record Route";
    case 25: return "Quick-Start";
    case 68: return "Time Stamp";
    case 82: return "Traceroute";
    case 130: return "Security";
    case 131: return "Loose Source Route";
    case 133: return "Extended Security";
    case 134: return "Commercial IP Security Option";
    case 136: return "Stream ID";
    case 137: return "Strict Source Route";
    case 148: return "Router Alert";
    default: return "Unknown";
    }
}

void ipv4Options(Dissection &d, std::uint32_t off, std::uint32_t end)
{
    const std::size_t at0 = d.mark();
    std::string names;
    for (std::uint32_t at = off; at < end;) {
        const std::uint8_t type = d.u8(at);
        std::uint32_t len = 1;
        if (type > 1) {
            len = at + 1 < end ? d.u8(at + 1) : 0;
            if (len < 2 || at + len > end) {
                d.field(2, "[Malformed IP option: bad length]", at, end - at);
                break;
            }
        }
        const std::string_view name = ipv4OptionName(type);
        d.field(2, cat("IP Option - ", name, " (", bytesText(len), ')'), at, len);
        names += names.empty() ? "" : ", ";
        names += name;
        at += len;
        if (type == 0)
            break; // the rest is padding
    }
    d.insertAt(at0, 1, cat("Options: (", bytesText(end - off), "), ", names), off, end - off);
}

/// AH (RFC 4302): authenticates what follows without hiding it, so the walk goes on behind it.
/// Returns its length, or 0 when it is cut short.
std::uint32_t authHeader(Dissection &d, std::uint32_t at, int depth)
{
    if (!d.have(at, 12)) {
        d.field(depth, "Authentication Header", at, 12);
        return d.cut(depth + 1, at, 12);
    }
    const std::uint32_t len = (d.u8(at + 1) + 2u) * 4;
    if (d.wantFields()) {
        d.field(depth, "Authentication Header", at, len);
        d.field(depth + 1, cat("Next header: ", protoText(d.u8(at))), at, 1);
        d.field(depth + 1, cat("Length: ", d.u8(at + 1), " (", bytesText(len), ')'), at + 1, 1);
        d.field(depth + 1, cat("AH SPI: ", hex(d.u32(at + 4), 8)), at + 4, 4);
        d.field(depth + 1, cat("AH Sequence: ", d.u32(at + 8)), at + 8, 4);
        if (len > 12)
            d.field(depth + 1,
                    cat("AH ICV: ", hexBytes(d.ptr(at + 12), std::min(len, d.capLen() - at) - 12)),
                    at + 12, len - 12);
    }
    return len;
}

std::uint32_t ipv4(Dissection &d, std::uint32_t off, std::uint32_t end)
{
    constexpr std::string_view kName = "Internet Protocol Version 4";
    if (!d.have(off, 20)) {
        d.layer(std::string(kName), off, 20);
        d.cut(1, off, 20);
        return d.capped(end);
    }
    const std::uint8_t vhl = d.u8(off), tos = d.u8(off + 1), ttl = d.u8(off + 8);
    const std::uint8_t proto = d.u8(off + 9);
    const std::uint32_t ihl = (vhl & 0x0f) * 4u;
    const std::uint16_t totalLen = d.u16(off + 2), id = d.u16(off + 4), frag = d.u16(off + 6);
    const std::uint16_t checksum = d.u16(off + 10);
    const std::uint32_t fragOff = (frag & 0x1fffu) * 8;
    const bool bad = (vhl >> 4) != 4 || ihl < 20;
    if (d.wantFields()) {
        d.layer(
            cat(kName, ", Src: ", ipv4Text(d.ptr(off + 12)), ", Dst: ", ipv4Text(d.ptr(off + 16))),
            off, std::max<std::uint32_t>(ihl, 20));
        d.field(1, bitField(vhl, 0xf0, 8, cat("Version: ", vhl >> 4)), off, 1);
        d.field(1,
                bitField(vhl, 0x0f, 8,
                         cat("Header Length: ", bytesText(ihl), " (", vhl & 0x0f, ')',
                             ihl < 20 ? " [bogus, must be at least 20]" : "")),
                off, 1);
        d.field(1, cat("Differentiated Services Field: ", dsText(tos)), off + 1, 1);
        d.field(2, bitField(tos, 0xfc, 8, cat("Differentiated Services Codepoint: ", tos >> 2)),
                off + 1, 1);
        d.field(2, bitField(tos, 0x03, 8, cat("Explicit Congestion Notification: ", ecnName(tos))),
                off + 1, 1);
        d.field(1,
                cat("Total Length: ", totalLen,
                    totalLen != 0 && totalLen < ihl ? " [bogus, less than the header]" : ""),
                off + 2, 2);
        d.field(1, cat("Identification: ", hexDec(id, 4)), off + 4, 2);
        std::string flags = cat("Flags: ", hex(frag >> 13, 1));
        if (frag & 0x4000)
            flags += ", Don't fragment";
        if (frag & 0x2000)
            flags += ", More fragments";
        d.field(1, bitField(frag >> 8, 0xe0, 8, flags), off + 6, 1);
        d.field(2, bitField(frag >> 8, 0x80, 8, cat("Reserved bit: ", setText(frag & 0x8000))),
                off + 6, 1);
        d.field(2, bitField(frag >> 8, 0x40, 8, cat("Don't fragment: ", setText(frag & 0x4000))),
                off + 6, 1);
        d.field(2, bitField(frag >> 8, 0x20, 8, cat("More fragments: ", setText(frag & 0x2000))),
                off + 6, 1);
        d.field(1, bitField(frag, 0x1fff, 16, cat("Fragment Offset: ", fragOff)), off + 6, 2);
        d.field(1, cat("Time to Live: ", ttl), off + 8, 1);
        d.field(1, cat("Protocol: ", protoText(proto)), off + 9, 1);
        std::string sum = cat("Header Checksum: ", hex(checksum, 4));
        if (!bad && d.have(off, ihl)) {
            std::uint32_t acc = 0;
            for (std::uint32_t i = 0; i < ihl; i += 2)
                acc += i == 10 ? 0 : d.u16(off + i);
            while (acc >> 16)
                acc = (acc & 0xffff) + (acc >> 16);
            const std::uint16_t want = static_cast<std::uint16_t>(~acc);
            sum +=
                want == checksum ? " [correct]" : cat(" [incorrect, should be ", hex(want, 4), ']');
        }
        d.field(1, sum, off + 10, 2);
        d.field(1, cat("Source Address: ", ipv4Text(d.ptr(off + 12))), off + 12, 4);
        d.field(1, cat("Destination Address: ", ipv4Text(d.ptr(off + 16))), off + 16, 4);
    }
    if (bad) {
        d.field(1, "[Malformed packet: not a valid IPv4 header]", off, 1);
        return d.capped(end);
    }
    if (!d.have(off, ihl)) {
        d.cut(1, off, ihl);
        return d.capped(end);
    }
    if (ihl > 20 && d.wantFields())
        ipv4Options(d, off + 20, off + ihl);
    // A zero total length appears with TCP segmentation offload: the capture decides then.
    std::uint32_t ipEnd = end;
    if (totalLen >= ihl)
        ipEnd =
            static_cast<std::uint32_t>(std::min<std::uint64_t>(end, std::uint64_t(off) + totalLen));
    else if (totalLen != 0)
        ipEnd = off + ihl;
    if (fragOff != 0) {
        const std::string_view name = ipProtoName(proto);
        d.setInfo(cat("Fragmented IP protocol (proto=", name.empty() ? "Unknown" : name, ' ', proto,
                      ", off=", fragOff, ", ID=", hex(id, 4).substr(2), ')'));
        dissectData(d, off + ihl, ipEnd);
        return d.capped(ipEnd);
    }
    const NetContext net{d.ptr(off + 12), d.ptr(off + 16), 4, ttl, 4, off + 12, off + 16};
    std::uint8_t next = proto;
    std::uint32_t at = off + ihl;
    while (next == 51 && at < d.capped(ipEnd)) {
        const std::uint32_t len = authHeader(d, at, 1);
        if (len == 0)
            return d.capped(ipEnd);
        next = d.u8(at);
        at += len;
    }
    dissectTransport(d, next, at, std::max(at, ipEnd), net);
    return d.capped(ipEnd);
}

void ipv6Options(Dissection &d, std::uint32_t off, std::uint32_t end)
{
    for (std::uint32_t at = off; at < end;) {
        const std::uint8_t type = d.u8(at);
        if (type == 0) {
            d.field(3, "Pad1", at, 1);
            ++at;
            continue;
        }
        const std::uint32_t len = 2u + (at + 1 < end ? d.u8(at + 1) : 0);
        if (at + len > end) {
            d.field(3, "[Malformed IPv6 option: bad length]", at, end - at);
            return;
        }
        std::string text;
        switch (type) {
        case 1: text = cat("PadN (", bytesText(len), ')'); break;
        case 5: text = cat("Router Alert: ", d.u16(at + 2)); break;
        case 0xc2: text = cat("Jumbo Payload: ", d.u32(at + 2)); break;
        case 0xc9: text = "Home Address"; break;
        default: text = cat("Unknown IPv6 Option (", hex(type, 2), ")"); break;
        }
        d.field(3, std::move(text), at, len);
        at += len;
    }
}

std::uint32_t ipv6(Dissection &d, std::uint32_t off, std::uint32_t end)
{
    constexpr std::string_view kName = "Internet Protocol Version 6";
    if (!d.have(off, 40)) {
        d.layer(std::string(kName), off, 40);
        d.cut(1, off, 40);
        return d.capped(end);
    }
    const std::uint32_t vtf = d.u32(off);
    const std::uint8_t tc = (vtf >> 20) & 0xff, hlim = d.u8(off + 7);
    const std::uint16_t plen = d.u16(off + 4);
    std::uint8_t next = d.u8(off + 6);
    if (d.wantFields()) {
        d.layer(
            cat(kName, ", Src: ", ipv6Text(d.ptr(off + 8)), ", Dst: ", ipv6Text(d.ptr(off + 24))),
            off, 40);
        d.field(1, bitField(vtf >> 24, 0xf0, 8, cat("Version: ", vtf >> 28)), off, 1);
        d.field(1, cat("Traffic Class: ", dsText(tc)), off, 2);
        d.field(1, cat("Flow Label: ", hex(vtf & 0xfffff, 5)), off + 1, 3);
        d.field(1, cat("Payload Length: ", plen), off + 4, 2);
        d.field(1, cat("Next Header: ", protoText(next)), off + 6, 1);
        d.field(1, cat("Hop Limit: ", hlim), off + 7, 1);
        d.field(1, cat("Source Address: ", ipv6Text(d.ptr(off + 8))), off + 8, 16);
        d.field(1, cat("Destination Address: ", ipv6Text(d.ptr(off + 24))), off + 24, 16);
    }
    if ((vtf >> 28) != 6) {
        d.field(1, "[Malformed packet: not a valid IPv6 header]", off, 1);
        return d.capped(end);
    }
    // Jumbograms and offloaded captures have a zero payload length: the capture decides then.
    const std::uint32_t ipEnd =
        plen == 0 ? end
                  : static_cast<std::uint32_t>(std::min<std::uint64_t>(end, off + 40ull + plen));
    const NetContext net{d.ptr(off + 8), d.ptr(off + 24), 16, hlim, 6, off + 8, off + 24};
    std::uint32_t at = off + 40;
    // Each extension header takes at least 8 bytes, so the capture's end bounds this walk.
    for (;;) {
        std::string_view name;
        switch (next) {
        case 0: name = "IPv6 Hop-by-Hop Option"; break;
        case 43: name = "Routing Header for IPv6"; break;
        case 60: name = "Destination Options for IPv6"; break;
        case 135: name = "Mobility Header for IPv6"; break;
        case 139: name = "Host Identity Protocol"; break;
        case 140: name = "Shim6 Protocol"; break;
        default: break;
        }
        if (!name.empty()) {
            if (!d.have(at, 8)) {
                d.field(1, std::string(name), at, 8);
                d.cut(2, at, 8);
                return d.capped(ipEnd);
            }
            const std::uint32_t len = (d.u8(at + 1) + 1u) * 8;
            if (d.wantFields()) {
                std::string title(name);
                if (next == 43)
                    title += cat(" (Type ", d.u8(at + 2), ')');
                d.field(1, std::move(title), at, len);
                d.field(2, cat("Next Header: ", protoText(d.u8(at))), at, 1);
                d.field(2, cat("Length: ", d.u8(at + 1), " (", bytesText(len), ')'), at + 1, 1);
                const std::uint32_t stop = std::min(at + len, d.capLen());
                if (next == 0 || next == 60) {
                    ipv6Options(d, at + 2, stop);
                } else if (next == 43) {
                    const std::uint8_t type = d.u8(at + 2);
                    d.field(2, cat("Type: ", type), at + 2, 1);
                    d.field(2, cat("Segments Left: ", d.u8(at + 3)), at + 3, 1);
                    // Types 0 (source route) and 4 (segment routing) list addresses from byte 8.
                    if (type == 0 || type == 4 || type == 2)
                        for (std::uint32_t a = at + 8, i = 0; a + 16 <= stop; a += 16, ++i)
                            d.field(2, cat("Address[", i, "]: ", ipv6Text(d.ptr(a))), a, 16);
                }
            }
            if (!d.have(at, len)) {
                d.cut(2, at, len);
                return d.capped(ipEnd);
            }
            next = d.u8(at);
            at += len;
            continue;
        }
        if (next == 44) {
            if (!d.have(at, 8)) {
                d.field(1, "Fragment Header for IPv6", at, 8);
                d.cut(2, at, 8);
                return d.capped(ipEnd);
            }
            const std::uint16_t fo = d.u16(at + 2);
            const std::uint32_t ident = d.u32(at + 4);
            const std::uint8_t inner = d.u8(at);
            if (d.wantFields()) {
                d.field(1, "Fragment Header for IPv6", at, 8);
                d.field(2, cat("Next header: ", protoText(inner)), at, 1);
                d.field(2,
                        bitField(fo, 0xfff8, 16,
                                 cat("Offset: ", fo >> 3, " (", bytesText(fo & 0xfff8), ')')),
                        at + 2, 2);
                d.field(2, bitField(fo, 0x0001, 16, cat("More Fragments: ", fo & 1 ? "Yes" : "No")),
                        at + 2, 2);
                d.field(2, cat("Identification: ", hex(ident, 8)), at + 4, 4);
            }
            if (fo & 0xfff8) {
                d.setInfo(cat("IPv6 fragment (off=", fo & 0xfff8, " more=", fo & 1 ? 'y' : 'n',
                              " ident=", hex(ident, 8), " nxt=", inner, ')'));
                dissectData(d, at + 8, ipEnd);
                return d.capped(ipEnd);
            }
            next = inner;
            at += 8;
            continue;
        }
        if (next == 51) {
            const std::uint32_t len = authHeader(d, at, 1);
            if (len == 0)
                return d.capped(ipEnd);
            next = d.u8(at);
            at += len;
            continue;
        }
        break;
    }
    if (next == 59) {
        d.setInfo("IPv6 no next header");
        return d.capped(ipEnd);
    }
    dissectTransport(d, next, at, std::max(at, ipEnd), net);
    return d.capped(ipEnd);
}

} // namespace

std::uint32_t dissectIpv4(Dissection &d, std::uint32_t off, std::uint32_t end)
{
    // IP in IP, GRE and UDP tunnels come back here: enter() bounds the recursion.
    if (!d.enter())
        return d.capped(end);
    const std::uint32_t used = ipv4(d, off, end);
    d.leave();
    return used;
}

std::uint32_t dissectIpv6(Dissection &d, std::uint32_t off, std::uint32_t end)
{
    if (!d.enter())
        return d.capped(end);
    const std::uint32_t used = ipv6(d, off, end);
    d.leave();
    return used;
}

} // namespace netlens::dissect
