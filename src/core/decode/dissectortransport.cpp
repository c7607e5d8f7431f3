// SPDX-License-Identifier: GPL-3.0-or-later
// TCP, UDP, SCTP and IGMP, and the choice of the application dissector by port and by content.
#include "decode/dissection.h"
#include "decode/dissectnames.h"
#include "decode/dissecttext.h"

#include <algorithm>

namespace netlens::dissect {

namespace {

constexpr int kMaxChunks = 256; // SCTP chunks listed per packet

std::string ports(std::uint16_t src, std::uint16_t dst)
{
    return cat(src, " → ", dst);
}

/// What Info adds when a header runs past the captured bytes.
std::string_view cutNote(const Dissection &d)
{
    return d.capLen() < d.wireLen() ? "[Packet size limited during capture]" : "[Malformed Packet]";
}

/// Ports of a header cut short before its fixed part ends, as far as the bytes go.
void cutTransport(Dissection &d, std::string_view name, std::uint32_t off, std::uint32_t need)
{
    if (d.have(off, 4)) {
        const std::uint16_t sp = d.u16(off), dp = d.u16(off + 2);
        d.layer(cat(name, ", Src Port: ", sp, ", Dst Port: ", dp), off, need);
        d.field(1, cat("Source Port: ", sp), off, 2);
        d.field(1, cat("Destination Port: ", dp), off + 2, 2);
        d.setInfo(cat(ports(sp, dp), ' ', cutNote(d)));
    } else {
        d.layer(std::string(name), off, need);
    }
    d.cut(1, off, need);
}

std::string tcpFlagNames(std::uint16_t flags)
{
    static constexpr std::string_view kNames[] = {"FIN", "SYN", "RST", "PSH", "ACK",
                                                  "URG", "ECE", "CWR", "AE"};
    std::string s;
    for (int i = 0; i < 9; ++i) {
        if (!(flags & (1u << i)))
            continue;
        if (!s.empty())
            s += ", ";
        s += kNames[i];
    }
    if (flags & 0x0e00)
        s += s.empty() ? "Reserved" : ", Reserved";
    return s.empty() ? std::string("<None>") : s;
}

void tcpFlagFields(Dissection &d, std::uint16_t flags, std::uint32_t off)
{
    static constexpr struct {
        std::uint16_t mask;
        std::string_view name;
    } kBits[] = {
        {0x0e00, "Reserved"}, {0x0100, "Accurate ECN"}, {0x0080, "Congestion Window Reduced"},
        {0x0040, "ECN-Echo"}, {0x0020, "Urgent"},       {0x0010, "Acknowledgment"},
        {0x0008, "Push"},     {0x0004, "Reset"},        {0x0002, "Syn"},
        {0x0001, "Fin"}};
    d.field(1, cat("Flags: ", hex(flags, 3), " (", tcpFlagNames(flags), ')'), off, 2);
    for (const auto &b : kBits)
        d.field(2, bitField(flags, b.mask, 12, cat(b.name, ": ", setText(flags & b.mask))), off, 2);
    // Wireshark's one-glance summary: one character per flag, a dot when not set.
    static constexpr char kLetters[] = "RRRACEUAPRSF";
    std::string glance = "[TCP Flags: ";
    for (int i = 11; i >= 0; --i)
        glance += (flags & (1u << i)) ? std::string(1, kLetters[11 - i]) : std::string("·");
    d.field(2, glance + ']', off, 2);
}

/// Options in [off, end) as fields; returns what Wireshark appends to the Info line
/// (" MSS=1460 SACK_PERM"). `cut`: the capture ends at `end`, before the header does.
std::string tcpOptions(Dissection &d, std::uint32_t off, std::uint32_t end, bool cut)
{
    const std::size_t at0 = d.mark();
    std::string info, names;
    for (std::uint32_t at = off; at < end;) {
        const std::uint8_t kind = d.u8(at);
        const std::string_view name = tcpOptionName(kind);
        std::uint32_t len = 1;
        if (kind > 1) {
            const bool haveLen = at + 1 < end;
            len = haveLen ? d.u8(at + 1) : 0;
            if (!haveLen || len < 2 || at + len > end) {
                // Where the capture stops inside an option, it is cut, not malformed.
                const bool cutShort = cut && (!haveLen || (len >= 2 && at + len > end));
                d.field(2,
                        cat("TCP Option - ", name.empty() ? "Unknown" : name,
                            cutShort ? " [cut short]" : " [malformed: bad length]"),
                        at, end - at);
                break;
            }
        }
        std::string text = cat("TCP Option - ", name.empty() ? cat("Unknown (", kind, ')') : name);
        if (kind == 2 && len == 4) {
            text += cat(": ", d.u16(at + 2), " bytes");
            info += cat(" MSS=", d.u16(at + 2));
        } else if (kind == 3 && len == 3) {
            const unsigned shift = d.u8(at + 2);
            text += cat(": ", shift, " (multiply by ", 1u << std::min(shift, 14u), ')');
            info += cat(" WS=", 1u << std::min(shift, 14u));
        } else if (kind == 4 && len == 2) {
            info += " SACK_PERM";
        } else if (kind == 5) {
            for (std::uint32_t b = at + 2; b + 8 <= at + len; b += 8) {
                text += cat(b == at + 2 ? " " : ", ", d.u32(b), '-', d.u32(b + 4));
                info += cat(" SLE=", d.u32(b), " SRE=", d.u32(b + 4));
            }
        } else if (kind == 8 && len == 10) {
            text += cat(": TSval ", d.u32(at + 2), ", TSecr ", d.u32(at + 6));
            info += cat(" TSval=", d.u32(at + 2), " TSecr=", d.u32(at + 6));
        } else if (kind > 1) {
            text += cat(" (", bytesText(len), ')');
        }
        d.field(2, std::move(text), at, len);
        if (!name.empty()) {
            names += names.empty() ? "" : ", ";
            names += name;
        }
        at += len;
        if (kind == 0)
            break; // the rest is padding
    }
    d.insertAt(at0, 1, cat("Options: (", bytesText(end - off), "), ", names), off, end - off);
    return info;
}

void tcpPayload(Dissection &d, std::uint16_t sp, std::uint16_t dp, std::uint32_t off,
                std::uint32_t end)
{
    auto port = [&](std::uint16_t p) { return sp == p || dp == p; };
    if (off >= d.capped(end))
        return;
    if (port(53))
        return dissectDns(d, off, end, true, false);
    if (looksLikeTls(d, off, end))
        return dissectTls(d, off, end);
    // On an HTTP port, a segment that starts inside a body is a continuation; but one the
    // capture cut short may be anything, and its TCP summary says more.
    const bool whole = end <= d.capLen();
    if (looksLikeHttp(d, off, end) || (whole && (port(80) || port(8080) || port(8000))))
        return dissectHttp(d, off, end);
}

void dissectTcp(Dissection &d, std::uint32_t off, std::uint32_t end)
{
    constexpr std::string_view kName = "Transmission Control Protocol";
    if (!d.have(off, 20))
        return cutTransport(d, kName, off, 20);
    const std::uint16_t sp = d.u16(off), dp = d.u16(off + 2);
    const std::uint32_t seq = d.u32(off + 4), ack = d.u32(off + 8);
    const std::uint16_t hf = d.u16(off + 12), win = d.u16(off + 14), urg = d.u16(off + 18);
    const std::uint16_t flags = hf & 0x0fff;
    const std::uint32_t hdr = (hf >> 12) * 4u;
    const bool hasAck = flags & 0x10;
    // Wireshark's Len is what the IP length leaves, even where the capture stopped earlier.
    const std::uint32_t segLen = end > off + hdr ? end - off - hdr : 0;
    if (d.wantFields()) {
        d.layer(cat(kName, ", Src Port: ", sp, ", Dst Port: ", dp, ", Seq: ", seq,
                    hasAck ? cat(", Ack: ", ack) : std::string(), ", Len: ", segLen),
                off, std::max<std::uint32_t>(hdr, 20));
        d.field(1, cat("Source Port: ", sp), off, 2);
        d.field(1, cat("Destination Port: ", dp), off + 2, 2);
        d.field(1, cat("[TCP Segment Len: ", segLen, ']'), off + 12, 0);
        d.field(1, cat("Sequence Number (raw): ", seq), off + 4, 4);
        d.field(1, cat("Acknowledgment Number (raw): ", ack), off + 8, 4);
        d.field(1,
                bitField(hf >> 8, 0xf0, 8,
                         cat("Header Length: ", bytesText(hdr), " (", hf >> 12, ')',
                             hdr < 20 ? " [bogus, must be at least 20]" : "")),
                off + 12, 1);
        tcpFlagFields(d, flags, off + 12);
        d.field(1, cat("Window: ", win), off + 14, 2);
        d.field(1, cat("Checksum: ", hex(d.u16(off + 16), 4), " [unverified]"), off + 16, 2);
        d.field(1, cat("Urgent Pointer: ", urg), off + 18, 2);
    }
    std::string info = cat(ports(sp, dp), " [", tcpFlagNames(flags), "] Seq=", seq);
    if (hasAck)
        info += cat(" Ack=", ack);
    info += cat(" Win=", win);
    if (flags & 0x20)
        info += cat(" Urg=", urg);
    info += cat(" Len=", segLen);
    if (hdr < 20) {
        d.setInfo(info + " [bogus TCP header length]");
        return;
    }
    // Options as far as the capture goes, like Wireshark, even when it cuts them.
    const bool cut = !d.have(off, hdr);
    if (hdr > 20)
        info += tcpOptions(d, off + 20, cut ? d.capLen() : off + hdr, cut);
    if (cut) {
        d.setInfo(cat(info, ' ', cutNote(d)));
        d.cut(1, off, hdr);
        return;
    }
    d.setInfo(std::move(info));
    const std::uint32_t payload = off + hdr, stop = d.capped(end);
    if (payload < stop && d.wantFields())
        d.field(1, cat("TCP payload (", bytesText(stop - payload), ')'), payload, stop - payload);
    tcpPayload(d, sp, dp, payload, end);
}

bool udpApplication(Dissection &d, std::uint16_t port, std::uint32_t off, std::uint32_t end)
{
    switch (port) {
    case 53:
    case 5355: dissectDns(d, off, end, false, false); return true;
    case 5353: dissectDns(d, off, end, false, true); return true;
    case 67:
    case 68: dissectDhcp(d, off, end); return true;
    case 123: dissectNtp(d, off, end); return true;
    case 4789: return dissectVxlan(d, off, end);
    case 3544: return dissectTeredo(d, off, end);
    case 443:
        if (!looksLikeQuic(d, off, end, true))
            return false;
        dissectQuic(d, off, end);
        return true;
    default: return false;
    }
}

void dissectUdp(Dissection &d, std::uint32_t off, std::uint32_t end, bool lite)
{
    const std::string_view kName =
        lite ? "Lightweight User Datagram Protocol" : "User Datagram Protocol";
    if (!d.have(off, 8))
        return cutTransport(d, kName, off, 8);
    const std::uint16_t sp = d.u16(off), dp = d.u16(off + 2), len = d.u16(off + 4);
    const std::uint16_t checksum = d.u16(off + 6);
    // A zero length is a jumbogram's: the IP layer decides then. UDP-Lite's is a coverage.
    const bool lenOk = lite || len >= 8;
    const std::uint32_t udpEnd = lite || len < 8 ? end : std::min<std::uint32_t>(end, off + len);
    const std::uint32_t payload = off + 8, stop = d.capped(udpEnd);
    if (d.wantFields()) {
        d.layer(cat(kName, ", Src Port: ", sp, ", Dst Port: ", dp), off, 8);
        d.field(1, cat("Source Port: ", sp), off, 2);
        d.field(1, cat("Destination Port: ", dp), off + 2, 2);
        d.field(1,
                cat(lite ? "Checksum coverage: " : "Length: ", len,
                    lenOk ? "" : " [bogus, must be at least 8]"),
                off + 4, 2);
        d.field(1,
                cat("Checksum: ", hex(checksum, 4),
                    checksum == 0 ? " [zero-value ignored]" : " [unverified]"),
                off + 6, 2);
        if (payload < stop)
            d.field(1, cat("UDP payload (", bytesText(stop - payload), ')'), payload,
                    stop - payload);
    }
    const std::uint32_t left = udpEnd > payload ? udpEnd - payload : 0;
    d.setInfo(cat(ports(sp, dp), " Len=", len >= 8 && !lite ? len - 8u : left));
    if (payload >= stop)
        return;
    // Like Wireshark, the lower port gets the first try.
    const std::uint16_t lo = std::min(sp, dp), hi = std::max(sp, dp);
    if (udpApplication(d, lo, payload, udpEnd) ||
        (hi != lo && udpApplication(d, hi, payload, udpEnd)))
        return;
    if (looksLikeQuic(d, payload, udpEnd, false))
        dissectQuic(d, payload, udpEnd);
}

void sctpChunk(Dissection &d, std::uint32_t at, std::uint32_t len, std::string &info)
{
    const std::uint8_t type = d.u8(at), flags = d.u8(at + 1);
    const std::string_view name = sctpChunkName(type);
    const std::string shown = name.empty() ? cat("UNKNOWN (", type, ')') : std::string(name);
    std::string detail;
    if ((type == 0 || type == 64) && len >= 16) {
        detail = cat(" (TSN=", d.u32(at + 4), ')');
    } else if (type == 3 && len >= 16) {
        detail = cat(" (Ack=", d.u32(at + 4), ", Arwnd=", d.u32(at + 8), ')');
    }
    info += cat(shown, detail, ' ');
    if (!d.wantFields())
        return;
    d.field(1, cat(shown, " chunk", detail), at, len);
    d.field(2, cat("Chunk type: ", shown, " (", type, ')'), at, 1);
    d.field(2, cat("Chunk flags: ", hex(flags, 2)), at + 1, 1);
    d.field(2, cat("Chunk length: ", len), at + 2, 2);
    if (type == 0 && len >= 16) {
        d.field(2, cat("Transmission sequence number (relative): ", d.u32(at + 4)), at + 4, 4);
        d.field(2, cat("Stream identifier: ", hex(d.u16(at + 8), 4)), at + 8, 2);
        d.field(2, cat("Stream sequence number: ", d.u16(at + 10)), at + 10, 2);
        d.field(2, cat("Payload protocol identifier: ", d.u32(at + 12)), at + 12, 4);
        if (len > 16)
            d.field(2, cat("User data (", bytesText(len - 16), ')'), at + 16, len - 16);
    } else if ((type == 1 || type == 2) && len >= 20) {
        d.field(2, cat("Initiate tag: ", hex(d.u32(at + 4), 8)), at + 4, 4);
        d.field(2, cat("Advertised receiver window credit (a_rwnd): ", d.u32(at + 8)), at + 8, 4);
        d.field(2, cat("Number of outbound streams: ", d.u16(at + 12)), at + 12, 2);
        d.field(2, cat("Number of inbound streams: ", d.u16(at + 14)), at + 14, 2);
        d.field(2, cat("Initial TSN: ", d.u32(at + 16)), at + 16, 4);
    } else if (type == 3 && len >= 16) {
        d.field(2, cat("Cumulative TSN ACK: ", d.u32(at + 4)), at + 4, 4);
        d.field(2, cat("Advertised receiver window credit (a_rwnd): ", d.u32(at + 8)), at + 8, 4);
        d.field(2, cat("Number of gap acknowledgement blocks: ", d.u16(at + 12)), at + 12, 2);
        d.field(2, cat("Number of duplicated TSNs: ", d.u16(at + 14)), at + 14, 2);
    }
}

void dissectSctp(Dissection &d, std::uint32_t off, std::uint32_t end)
{
    constexpr std::string_view kName = "Stream Control Transmission Protocol";
    if (!d.have(off, 12))
        return cutTransport(d, kName, off, 12);
    const std::uint16_t sp = d.u16(off), dp = d.u16(off + 2);
    const std::uint32_t stop = d.capped(end);
    if (d.wantFields()) {
        d.layer(cat(kName, ", Src Port: ", sp, ", Dst Port: ", dp), off, stop - off);
        d.field(1, cat("Source port: ", sp), off, 2);
        d.field(1, cat("Destination port: ", dp), off + 2, 2);
        d.field(1, cat("Verification tag: ", hex(d.u32(off + 4), 8)), off + 4, 4);
        d.field(1, cat("Checksum: ", hex(d.u32(off + 8), 8), " [unverified]"), off + 8, 4);
    }
    std::string info;
    std::uint32_t at = off + 12;
    for (int n = 0; at + 4 <= stop && n < kMaxChunks; ++n) {
        const std::uint32_t len = d.u16(at + 2);
        if (len < 4) {
            d.field(1, "[Malformed chunk: length less than 4]", at, 4);
            break;
        }
        sctpChunk(d, at, len, info);
        at += (len + 3) & ~3u; // chunks are padded to 4 bytes
    }
    if (!info.empty())
        info.pop_back();
    d.setInfo(info.empty() ? cat(ports(sp, dp), " Len=", stop > off + 12 ? stop - off - 12 : 0)
                           : info);
}

void dissectIgmp(Dissection &d, std::uint32_t off, std::uint32_t end)
{
    if (!d.have(off, 8)) {
        d.layer("Internet Group Management Protocol", off, 8);
        d.cut(1, off, 8);
        return;
    }
    const std::uint8_t type = d.u8(off);
    std::string_view name;
    switch (type) {
    case 0x11: name = "Membership Query"; break;
    case 0x12: name = "Membership Report (v1)"; break;
    case 0x16: name = "Membership Report"; break;
    case 0x17: name = "Leave Group"; break;
    case 0x22: name = "Membership Report (v3)"; break;
    default: name = "Unknown"; break;
    }
    d.layer("Internet Group Management Protocol", off, d.capped(end) - off);
    d.field(1, cat("Type: ", name, " (", hex(type, 2), ')'), off, 1);
    d.field(1, cat("Checksum: ", hex(d.u16(off + 2), 4)), off + 2, 2);
    if (type != 0x22)
        d.field(1, cat("Multicast Address: ", ipv4Text(d.ptr(off + 4))), off + 4, 4);
    d.setInfo(type == 0x22 || type == 0x11 ? std::string(name)
                                           : cat(name, " group ", ipv4Text(d.ptr(off + 4))));
}

} // namespace

void dissectTransport(Dissection &d, std::uint8_t proto, std::uint32_t off, std::uint32_t end,
                      const NetContext &net)
{
    switch (proto) {
    case 6: return dissectTcp(d, off, end);
    case 17: return dissectUdp(d, off, end, false);
    case 136: return dissectUdp(d, off, end, true);
    case 132: return dissectSctp(d, off, end);
    case 1: return dissectIcmp(d, off, end, net);
    case 58: return dissectIcmpv6(d, off, end, net);
    case 47: return dissectGre(d, off, end);
    case 50: return dissectEsp(d, off, end);
    case 2: return dissectIgmp(d, off, end);
    case 4: dissectIpv4(d, off, end); return;
    case 41: dissectIpv6(d, off, end); return;
    default: {
        const std::string_view name = ipProtoName(proto);
        d.setInfo(cat(addressText(net.src, net.addrLen), " → ", addressText(net.dst, net.addrLen),
                      ' ', name.empty() ? std::string("IP protocol") : std::string(name), " (",
                      proto, ')'));
        dissectData(d, off, end);
    }
    }
}

} // namespace netlens::dissect
