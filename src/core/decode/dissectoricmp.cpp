// SPDX-License-Identifier: GPL-3.0-or-later
// ICMP and ICMPv6, with the datagram an error message quotes and IPv6 neighbour discovery.
#include "decode/dissection.h"
#include "decode/dissectnames.h"
#include "decode/dissecttext.h"

#include <algorithm>
#include <utility>

namespace netlens::dissect {

namespace {

std::uint32_t sumWords(const Dissection &d, std::uint32_t off, std::uint32_t end,
                       std::uint32_t skip)
{
    std::uint32_t acc = 0;
    for (std::uint32_t at = off; at < end; at += 2) {
        if (at == skip)
            continue;
        acc += at + 1 < end ? d.u16(at) : std::uint32_t(d.u8(at)) << 8;
    }
    return acc;
}

/// One's-complement sum folded into 16 bits (not yet complemented).
std::uint16_t foldSum(std::uint64_t acc)
{
    while (acc >> 16)
        acc = (acc & 0xffff) + (acc >> 16);
    return static_cast<std::uint16_t>(acc);
}

/// "Checksum: 0x1234 [correct]", verified only when the whole message was captured.
void checksumField(Dissection &d, std::uint32_t off, std::uint32_t end, std::uint32_t pseudo,
                   bool canVerify)
{
    const std::uint16_t have = d.u16(off + 2);
    std::string text = cat("Checksum: ", hex(have, 4));
    if (canVerify && end <= d.capLen()) {
        const std::uint16_t want = static_cast<std::uint16_t>(
            ~foldSum(std::uint64_t(pseudo) + sumWords(d, off, end, off + 2)));
        text += want == have ? " [correct]" : cat(" [incorrect, should be ", hex(want, 4), ']');
    } else {
        text += " [unverified]";
    }
    d.field(1, std::move(text), off + 2, 2);
}

std::string typeText(std::uint8_t type, std::string_view name)
{
    return name.empty() ? cat(type, " (Unknown)") : cat(type, " (", name, ')');
}

/// The quoted datagram of an error message, nested under the ICMP layer.
void quoted(Dissection &d, std::uint32_t off, std::uint32_t end, bool v6)
{
    if (off >= d.capped(end))
        return;
    d.pushEmbedded();
    if (v6)
        dissectIpv6(d, off, end);
    else
        dissectIp(d, off, end);
    d.popEmbedded();
}

std::uint16_t swap16(std::uint16_t v)
{
    return static_cast<std::uint16_t>((v << 8) | (v >> 8));
}

/// Neighbour discovery options; returns the link-layer address they carry, if any.
std::string ndpOptions(Dissection &d, std::uint32_t off, std::uint32_t stop)
{
    std::string mac;
    for (int n = 0; off + 2 <= stop && n < 64; ++n) {
        const std::uint8_t type = d.u8(off);
        const std::uint32_t len = d.u8(off + 1) * 8u;
        if (len == 0 || off + len > stop) {
            d.field(1, "[Malformed ICMPv6 option: bad length]", off, stop - off);
            break;
        }
        std::string_view name;
        switch (type) {
        case 1: name = "Source link-layer address"; break;
        case 2: name = "Target link-layer address"; break;
        case 3: name = "Prefix information"; break;
        case 4: name = "Redirected header"; break;
        case 5: name = "MTU"; break;
        case 14: name = "Nonce"; break;
        case 24: name = "Route Information"; break;
        case 25: name = "Recursive DNS Server"; break;
        case 31: name = "DNS Search List"; break;
        default: name = "Unknown"; break;
        }
        std::string value;
        if ((type == 1 || type == 2) && len == 8) {
            value = macText(d.ptr(off + 2));
            mac = value;
        } else if (type == 3 && len == 32) {
            value = cat(ipv6Text(d.ptr(off + 16)), '/', d.u8(off + 2));
        } else if (type == 5 && len == 8) {
            value = cat(d.u32(off + 4));
        }
        if (d.wantFields()) {
            d.field(1, cat("ICMPv6 Option (", name, value.empty() ? "" : " : ", value, ')'), off,
                    len);
            d.field(2, cat("Type: ", name, " (", type, ')'), off, 1);
            d.field(2, cat("Length: ", d.u8(off + 1), " (", bytesText(len), ')'), off + 1, 1);
            if (type == 25)
                for (std::uint32_t a = off + 8; a + 16 <= off + len; a += 16)
                    d.field(2, cat("Recursive DNS Servers: ", ipv6Text(d.ptr(a))), a, 16);
        }
        off += len;
    }
    return mac;
}

// ICMP and ICMPv6 open alike. icmpComplete: false (the cut marked) when the 4-byte header is
// not all there. icmpHeader: the layer line and its Type and Code fields.
void icmpHeader(Dissection &d, std::string_view layerName, std::uint32_t off, std::uint32_t stop,
                const std::string &typeLine, std::uint8_t code, std::string_view codeName)
{
    d.layer(std::string(layerName), off, stop - off);
    d.field(1, typeLine, off, 1);
    d.field(1, codeName.empty() ? cat("Code: ", code) : cat("Code: ", code, " (", codeName, ')'),
            off + 1, 1);
}

bool icmpComplete(Dissection &d, std::string_view layerName, std::uint32_t off)
{
    if (d.have(off, 4))
        return true;
    d.layer(std::string(layerName), off, 4);
    d.cut(1, off, 4);
    return false;
}

} // namespace

void dissectIcmp(Dissection &d, std::uint32_t off, std::uint32_t end, const NetContext &net)
{
    constexpr std::string_view kName = "Internet Control Message Protocol";
    if (!icmpComplete(d, kName, off))
        return;
    const std::uint32_t stop = d.capped(end);
    const std::uint8_t type = d.u8(off), code = d.u8(off + 1);
    const std::string_view name = icmpTypeName(type), codeName = icmpCodeName(type, code);
    if (d.wantFields()) {
        icmpHeader(d, kName, off, stop, cat("Type: ", typeText(type, name)), code, codeName);
        checksumField(d, off, end, 0, true);
    }
    std::string info = name.empty() ? cat("Unknown ICMP (type ", type, ')') : std::string(name);
    switch (type) {
    case 0:
    case 8:
    case 13:
    case 14:
    case 15:
    case 16:
    case 17:
    case 18: {
        if (!d.have(off, 8)) {
            d.setInfo(std::move(info));
            d.cut(1, off, 8);
            return;
        }
        const std::uint16_t id = d.u16(off + 4), seq = d.u16(off + 6);
        if (d.wantFields()) {
            d.field(1, cat("Identifier (BE): ", id, " (", hex(id, 4), ')'), off + 4, 2);
            d.field(1, cat("Identifier (LE): ", swap16(id), " (", hex(swap16(id), 4), ')'), off + 4,
                    2);
            d.field(1, cat("Sequence Number (BE): ", seq, " (", hex(seq, 4), ')'), off + 6, 2);
            d.field(1, cat("Sequence Number (LE): ", swap16(seq), " (", hex(swap16(seq), 4), ')'),
                    off + 6, 2);
            if ((type == 13 || type == 14) && d.have(off, 20)) {
                d.field(1, cat("Originate timestamp: ", d.u32(off + 8), " ms after midnight UTC"),
                        off + 8, 4);
                d.field(1, cat("Receive timestamp: ", d.u32(off + 12), " ms after midnight UTC"),
                        off + 12, 4);
                d.field(1, cat("Transmit timestamp: ", d.u32(off + 16), " ms after midnight UTC"),
                        off + 16, 4);
            } else if ((type == 17 || type == 18) && d.have(off, 12)) {
                d.field(1, cat("Address Mask: ", ipv4Text(d.ptr(off + 8))), off + 8, 4);
            } else if (off + 8 < stop) {
                d.field(1, cat("Data (", bytesText(stop - off - 8), ')'), off + 8, stop - off - 8);
            }
        }
        d.setInfo(
            cat(info, " id=", hex(id, 4), ", seq=", seq, '/', swap16(seq), ", ttl=", net.ttl));
        return;
    }
    case 3:
    case 4:
    case 5:
    case 11:
    case 12:
        if (!codeName.empty())
            info += cat(" (", codeName, ')');
        d.setInfo(std::move(info));
        if (!d.have(off, 8)) {
            d.cut(1, off, 8);
            return;
        }
        if (d.wantFields()) {
            if (type == 3 && code == 4)
                d.field(1, cat("MTU of next hop: ", d.u16(off + 6)), off + 6, 2);
            else if (type == 5)
                d.field(1, cat("Gateway Address: ", ipv4Text(d.ptr(off + 4))), off + 4, 4);
            else if (type == 12)
                d.field(1, cat("Pointer: ", d.u8(off + 4)), off + 4, 1);
            else
                d.field(1, cat("Unused: ", hex(d.u32(off + 4), 8)), off + 4, 4);
        }
        quoted(d, off + 8, end, false);
        return;
    case 9: {
        if (!codeName.empty())
            info += cat(" (", codeName, ')');
        d.setInfo(std::move(info));
        if (!d.have(off, 8) || !d.wantFields())
            return;
        const std::uint8_t count = d.u8(off + 4), size = d.u8(off + 5);
        d.field(1, cat("Number of addresses: ", count), off + 4, 1);
        d.field(1, cat("Address entry size: ", size), off + 5, 1);
        d.field(1, cat("Lifetime: ", d.u16(off + 6), " seconds"), off + 6, 2);
        for (std::uint32_t i = 0, at = off + 8; i < count && size >= 2 && d.have(at, 8); ++i) {
            d.field(1,
                    cat("Router address: ", ipv4Text(d.ptr(at)), ", preference level ",
                        static_cast<std::int32_t>(d.u32(at + 4))),
                    at, 8);
            at += size * 4u;
        }
        return;
    }
    default:
        d.setInfo(std::move(info));
        if (off + 4 < stop && d.wantFields())
            d.field(1, cat("Data (", bytesText(stop - off - 4), ')'), off + 4, stop - off - 4);
        return;
    }
}

void dissectIcmpv6(Dissection &d, std::uint32_t off, std::uint32_t end, const NetContext &net)
{
    constexpr std::string_view kName = "Internet Control Message Protocol v6";
    if (!icmpComplete(d, kName, off))
        return;
    const std::uint32_t stop = d.capped(end);
    const std::uint8_t type = d.u8(off), code = d.u8(off + 1);
    const std::string_view name = icmpv6TypeName(type), codeName = icmpv6CodeName(type, code);
    if (d.wantFields()) {
        icmpHeader(d, kName, off, stop,
                   cat("Type: ", name.empty() ? "Unknown" : name, " (", type, ')'), code, codeName);
        // The checksum covers a pseudo-header: addresses, upper-layer length and next header.
        const bool v6 = net.addrLen == 16;
        std::uint64_t pseudo = 0;
        if (v6)
            pseudo = std::uint64_t(sumWords(d, net.srcOff, net.srcOff + 16, ~0u)) +
                     sumWords(d, net.dstOff, net.dstOff + 16, ~0u) + ((end - off) >> 16) +
                     ((end - off) & 0xffff) + 58;
        checksumField(d, off, end, foldSum(pseudo), v6);
    }
    std::string info = name.empty() ? cat("Unknown ICMPv6 (type ", type, ')') : std::string(name);
    auto target = [&](std::uint32_t at) {
        return d.have(at, 16) ? ipv6Text(d.ptr(at)) : std::string("?");
    };
    switch (type) {
    case 1:
    case 2:
    case 3:
    case 4:
        if (!codeName.empty())
            info += cat(" (", codeName, ')');
        d.setInfo(std::move(info));
        if (!d.have(off, 8))
            return void(d.cut(1, off, 8));
        if (d.wantFields() && type == 2)
            d.field(1, cat("MTU: ", d.u32(off + 4)), off + 4, 4);
        else if (d.wantFields() && type == 4)
            d.field(1, cat("Pointer: ", d.u32(off + 4)), off + 4, 4);
        quoted(d, off + 8, end, true);
        return;
    case 128:
    case 129: {
        if (!d.have(off, 8)) {
            d.setInfo(std::move(info));
            return void(d.cut(1, off, 8));
        }
        const std::uint16_t id = d.u16(off + 4), seq = d.u16(off + 6);
        if (d.wantFields()) {
            d.field(1, cat("Identifier: ", hex(id, 4)), off + 4, 2);
            d.field(1, cat("Sequence: ", seq), off + 6, 2);
            if (off + 8 < stop)
                d.field(1, cat("Data (", bytesText(stop - off - 8), ')'), off + 8, stop - off - 8);
        }
        d.setInfo(cat(info, " id=", hex(id, 4), ", seq=", seq, ", hop limit=", net.ttl));
        return;
    }
    case 133:
    case 134: {
        const std::uint32_t opts = off + (type == 133 ? 8 : 16);
        if (type == 134 && d.have(off, 16) && d.wantFields()) {
            d.field(1, cat("Cur hop limit: ", d.u8(off + 4)), off + 4, 1);
            d.field(1, cat("Flags: ", hex(d.u8(off + 5), 2)), off + 5, 1);
            d.field(1, cat("Router lifetime (s): ", d.u16(off + 6)), off + 6, 2);
            d.field(1, cat("Reachable time (ms): ", d.u32(off + 8)), off + 8, 4);
            d.field(1, cat("Retrans timer (ms): ", d.u32(off + 12)), off + 12, 4);
        }
        const std::string mac = ndpOptions(d, opts, stop);
        d.setInfo(mac.empty() ? info : cat(info, " from ", mac));
        return;
    }
    case 135:
    case 136:
    case 137: {
        if (d.wantFields()) {
            if (type == 136)
                d.field(1, cat("Flags: ", hex(d.u32(off + 4), 8)), off + 4, 4);
            d.field(1, cat("Target Address: ", target(off + 8)), off + 8, 16);
            if (type == 137)
                d.field(1, cat("Destination Address: ", target(off + 24)), off + 24, 16);
        }
        const std::string mac = ndpOptions(d, off + (type == 137 ? 40 : 24), stop);
        if (type == 135) {
            info += cat(" for ", target(off + 8));
            if (!mac.empty())
                info += cat(" from ", mac);
        } else if (type == 136) {
            const std::uint8_t f = d.u8(off + 4);
            std::string flags;
            static constexpr std::pair<std::uint8_t, std::string_view> kFlags[] = {
                {0x80, "rtr"}, {0x40, "sol"}, {0x20, "ovr"}};
            for (const auto &[bit, word] : kFlags)
                if (f & bit)
                    flags += cat(flags.empty() ? "" : ", ", word);
            info += cat(' ', target(off + 8), " (", flags, ')');
            if (!mac.empty())
                info += cat(" is at ", mac);
        }
        d.setInfo(std::move(info));
        return;
    }
    case 143: {
        d.setInfo(std::move(info));
        if (!d.have(off, 8) || !d.wantFields())
            return;
        const std::uint16_t records = d.u16(off + 6);
        d.field(1, cat("Number of Multicast Address Records: ", records), off + 6, 2);
        std::uint32_t at = off + 8;
        for (std::uint32_t i = 0; i < records && d.have(at, 20); ++i) {
            const std::uint32_t len = 20 + d.u16(at + 2) * 16u + d.u8(at + 1) * 4u;
            d.field(1,
                    cat("Multicast Address Record ", ipv6Text(d.ptr(at + 4)), ": record type ",
                        d.u8(at), ", ", d.u16(at + 2), " sources"),
                    at, len);
            at += len;
        }
        return;
    }
    case 130:
    case 131:
    case 132:
        if (d.have(off, 24) && d.wantFields())
            d.field(1, cat("Multicast Address: ", ipv6Text(d.ptr(off + 8))), off + 8, 16);
        d.setInfo(std::move(info));
        return;
    default: d.setInfo(std::move(info)); return;
    }
}

} // namespace netlens::dissect
