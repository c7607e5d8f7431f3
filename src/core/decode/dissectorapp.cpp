// SPDX-License-Identifier: GPL-3.0-or-later
// Application protocols without a file of their own: HTTP/1.x, DHCP (BOOTP), NTP and the
// unencrypted part of QUIC. TLS is in dissectortls.cpp, DNS in dissectordns.cpp.
#include "decode/dissection.h"
#include "decode/dissectnames.h"
#include "decode/dissecttext.h"

#include <algorithm>
#include <cstring>

namespace netlens::dissect {

namespace {

constexpr int kMaxHttpLines = 200;
constexpr int kMaxDhcpOptions = 255;
constexpr int kMaxQuicPackets = 8; // coalesced in one datagram

/// Position of the first `c` in [off, stop), or stop.
std::uint32_t findByte(const Dissection &d, std::uint32_t off, std::uint32_t stop, char c)
{
    if (off >= stop)
        return stop;
    const void *hit = std::memchr(d.ptr(off), c, stop - off);
    return hit ? static_cast<std::uint32_t>(static_cast<const std::uint8_t *>(hit) - d.ptr(0))
               : stop;
}

/// `frac` (a binary fraction of `bits` bits) as six decimal digits.
std::string micros(std::uint64_t frac, int bits)
{
    std::string s = cat((frac * 1000000) >> bits);
    s.insert(0, 6 - std::min<std::size_t>(s.size(), 6), '0');
    return s;
}

/// "Jan 02, 2006 15:04:05.123456 UTC" for an NTP timestamp (seconds since 1900).
std::string ntpTime(std::uint32_t sec, std::uint32_t frac)
{
    if (sec == 0 && frac == 0)
        return "(0) NULL";
    // Era 0 ends in 2036; values below 1968 are taken as era 1 (RFC 4330 section 3).
    std::int64_t unix = std::int64_t(sec) - 2208988800LL;
    if (!(sec & 0x80000000u))
        unix += 4294967296LL;
    if (unix < 0) // 1968 and 1969: not worth a calendar
        return cat(sec, '.', micros(frac, 32), " (NTP seconds)");
    const std::int64_t days = unix / 86400, rem = unix % 86400;
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    const std::int64_t z = days + 719468, era = z / 146097, doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    const std::int64_t day = doy - (153 * mp + 2) / 5 + 1, month = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t year = yoe + era * 400 + (month <= 2);
    static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    auto two = [](std::int64_t v) { return cat(v < 10 ? "0" : "", v); };
    return cat(kMonths[month - 1], ' ', two(day), ", ", year, ' ', two(rem / 3600), ':',
               two(rem / 60 % 60), ':', two(rem % 60), '.', micros(frac, 32), " UTC");
}

/// QUIC variable-length integer (RFC 9000 16); false when cut short.
bool varint(const Dissection &d, std::uint32_t &at, std::uint32_t stop, std::uint64_t &v)
{
    if (at >= stop)
        return false;
    const unsigned len = 1u << (d.u8(at) >> 6);
    if (at + len > stop)
        return false;
    v = d.u8(at) & 0x3f;
    for (unsigned i = 1; i < len; ++i)
        v = (v << 8) | d.u8(at + i);
    at += len;
    return true;
}

void dhcpOption(Dissection &d, std::uint8_t code, std::uint32_t at, std::uint32_t len)
{
    const std::string_view name = dhcpOptionName(code);
    const std::uint32_t v = at + 2;
    std::string value;
    switch (code) {
    case 1:
    case 3:
    case 6:
    case 28:
    case 50:
    case 54:
        for (std::uint32_t i = 0; i + 4 <= len; i += 4)
            value += cat(i ? ", " : "", ipv4Text(d.ptr(v + i)));
        break;
    case 12:
    case 15:
    case 60:
    case 66:
    case 67: value = d.text(v, len, 128); break;
    case 51:
    case 58:
    case 59:
        if (len == 4)
            value = cat(d.u32(v), " s");
        break;
    case 53:
        if (len == 1) {
            const std::string_view t = dhcpMessageTypeName(d.u8(v));
            value = t.empty() ? cat(d.u8(v)) : std::string(t);
        }
        break;
    case 57:
        if (len == 2)
            value = cat(d.u16(v));
        break;
    default: break;
    }
    d.field(1,
            cat("Option: (", code, ") ", name.empty() ? "Unknown" : name, value.empty() ? "" : " (",
                value, value.empty() ? "" : ")"),
            at, 2 + len);
    d.field(2, cat("Length: ", len), at + 1, 1);
    if (code == 55)
        for (std::uint32_t i = 0; i < len; ++i) {
            const std::string_view item = dhcpOptionName(d.u8(v + i));
            d.field(2,
                    cat("Parameter Request List Item: (", d.u8(v + i), ") ",
                        item.empty() ? "Unknown" : item),
                    v + i, 1);
        }
    else if (len > 0)
        d.field(2, value.empty() ? cat("Value: ", hexBytes(d.ptr(v), len)) : cat("Value: ", value),
                v, len);
}

} // namespace

bool looksLikeHttp(const Dissection &d, std::uint32_t off, std::uint32_t end)
{
    static constexpr std::string_view kStarts[] = {
        "GET ",     "POST ",  "HEAD ",   "PUT ",    "DELETE ", "OPTIONS ", "PATCH ",
        "CONNECT ", "TRACE ", "HTTP/1.", "HTTP/2 ", "NOTIFY ", "M-SEARCH "};
    const std::uint32_t stop = d.capped(end);
    for (std::string_view s : kStarts)
        if (off + s.size() <= stop && std::memcmp(d.ptr(off), s.data(), s.size()) == 0)
            return true;
    return false;
}

void dissectHttp(Dissection &d, std::uint32_t off, std::uint32_t end)
{
    const std::uint32_t stop = d.capped(end);
    d.layer("Hypertext Transfer Protocol", off, stop - std::min(off, stop));
    if (!looksLikeHttp(d, off, end)) {
        // A segment inside a body: without reassembly there is no header to read.
        d.field(1, cat("Continuation data (", bytesText(stop - std::min(off, stop)), ')'), off,
                stop - std::min(off, stop));
        d.setInfo("Continuation");
        return;
    }
    std::uint32_t at = off;
    bool headersDone = false;
    for (int line = 0; at < stop && line < kMaxHttpLines; ++line) {
        const std::uint32_t nl = findByte(d, at, stop, '\n');
        const std::uint32_t next = nl < stop ? nl + 1 : stop;
        std::uint32_t len = nl - at;
        if (len > 0 && d.u8(at + len - 1) == '\r')
            --len;
        if (len == 0 && nl < stop) {
            d.field(1, "\\r\\n", at, next - at);
            at = next;
            headersDone = true;
            break;
        }
        if (nl >= stop)
            len = stop - at; // a line the segment cuts: show what there is, "\r" included
        if (line == 0) {
            d.setInfo(d.text(at, len, 200));
            if (!d.wantFields())
                return;
        }
        d.field(1, cat(d.text(at, len, 200), nl < stop ? "\\r\\n" : ""), at, next - at);
        if (line == 0) {
            // Request: method, URI, version. Status line: version, code, phrase.
            const std::uint32_t sp1 = findByte(d, at, at + len, ' ');
            const std::uint32_t sp2 = findByte(d, std::min(sp1 + 1, at + len), at + len, ' ');
            const bool response = d.u8(at) == 'H' && d.u8(at + 1) == 'T';
            const std::uint32_t a = sp1 + 1, b = std::min(sp2 + 1, at + len);
            static constexpr std::string_view kRequest[] = {
                "Request Method: ", "Request URI: ", "Request Version: "};
            static constexpr std::string_view kResponse[] = {
                "Response Version: ", "Status Code: ", "Response Phrase: "};
            const auto &names = response ? kResponse : kRequest;
            d.field(2, cat(names[0], d.text(at, sp1 - at)), at, sp1 - at);
            if (sp1 < at + len)
                d.field(2, cat(names[1], d.text(a, sp2 - a, 200)), a, sp2 - a);
            if (sp2 < at + len)
                d.field(2, cat(names[2], d.text(b, at + len - b)), b, at + len - b);
        }
        at = next;
    }
    if (headersDone && at < stop)
        d.field(1, cat("File Data: ", bytesText(stop - at)), at, stop - at);
}

void dissectDhcp(Dissection &d, std::uint32_t off, std::uint32_t end)
{
    if (!d.have(off, 240)) {
        d.layer("Dynamic Host Configuration Protocol", off, 240);
        d.cut(1, off, 240);
        return;
    }
    const std::uint32_t stop = d.capped(end);
    const std::uint8_t op = d.u8(off), hlen = d.u8(off + 2);
    const std::uint32_t xid = d.u32(off + 4);
    const bool dhcp = d.u32(off + 236) == 0x63825363;
    // The message type, wherever it sits among the options.
    std::uint8_t msgType = 0;
    for (std::uint32_t at = off + 240; dhcp && at + 1 < stop;) {
        const std::uint8_t code = d.u8(at);
        if (code == 255)
            break;
        if (code == 0) {
            ++at;
            continue;
        }
        if (code == 53 && d.u8(at + 1) == 1)
            msgType = d.u8(at + 2);
        at += 2 + d.u8(at + 1);
    }
    const std::string_view typeName = dhcpMessageTypeName(msgType);
    const std::string macOrHex = hlen == 6
                                     ? macText(d.ptr(off + 28))
                                     : hexBytes(d.ptr(off + 28), std::min<std::uint8_t>(hlen, 16));
    if (msgType != 0)
        d.setInfo(cat("DHCP ",
                      typeName.empty() ? cat("Unknown (", msgType, ')') : std::string(typeName),
                      " - Transaction ID ", hex(xid, 1)));
    else
        d.setInfo(op == 1 ? cat("Boot Request from ", macOrHex) : std::string("Boot Reply"));
    if (!d.wantFields())
        return;
    d.layer(msgType ? cat("Dynamic Host Configuration Protocol (",
                          typeName.empty() ? std::string_view("Unknown") : typeName, ')')
                    : cat("Bootstrap Protocol (", op == 1 ? "Request" : "Reply", ')'),
            off, stop - off);
    d.field(1, cat("Message type: Boot ", op == 1 ? "Request" : "Reply", " (", op, ')'), off, 1);
    d.field(1,
            cat("Hardware type: ", d.u8(off + 1) == 1 ? "Ethernet" : "Unknown", " (",
                hex(d.u8(off + 1), 2), ')'),
            off + 1, 1);
    d.field(1, cat("Hardware address length: ", hlen), off + 2, 1);
    d.field(1, cat("Hops: ", d.u8(off + 3)), off + 3, 1);
    d.field(1, cat("Transaction ID: ", hex(xid, 8)), off + 4, 4);
    d.field(1, cat("Seconds elapsed: ", d.u16(off + 8)), off + 8, 2);
    const std::uint16_t flags = d.u16(off + 10);
    d.field(1, cat("Bootp flags: ", hex(flags, 4), flags & 0x8000 ? " (Broadcast)" : " (Unicast)"),
            off + 10, 2);
    static constexpr std::string_view kAddrs[] = {
        "Client IP address: ", "Your (client) IP address: ", "Next server IP address: ",
        "Relay agent IP address: "};
    for (std::uint32_t i = 0; i < 4; ++i)
        d.field(1, cat(kAddrs[i], ipv4Text(d.ptr(off + 12 + 4 * i))), off + 12 + 4 * i, 4);
    d.field(1, cat("Client MAC address: ", macOrHex), off + 28, std::min<std::uint8_t>(hlen, 16));
    d.field(1,
            d.u8(off + 44)
                ? cat("Server host name: ",
                      d.text(off + 44,
                             std::uint32_t(findByte(d, off + 44, off + 108, '\0') - off - 44)))
                : std::string("Server host name not given"),
            off + 44, 64);
    d.field(1,
            d.u8(off + 108)
                ? cat("Boot file name: ",
                      d.text(off + 108,
                             std::uint32_t(findByte(d, off + 108, off + 236, '\0') - off - 108)))
                : std::string("Boot file name not given"),
            off + 108, 128);
    d.field(1,
            dhcp ? std::string("Magic cookie: DHCP")
                 : cat("Magic cookie: ", hex(d.u32(off + 236), 8)),
            off + 236, 4);
    if (!dhcp)
        return;
    std::uint32_t at = off + 240;
    for (int n = 0; at < stop && n < kMaxDhcpOptions; ++n) {
        const std::uint8_t code = d.u8(at);
        if (code == 0 || code == 255) {
            d.field(1, cat("Option: (", code, ") ", code ? "End" : "Padding"), at, 1);
            ++at;
            if (code == 255)
                break;
            continue;
        }
        const std::uint32_t len = d.u8(at + 1);
        if (at + 2 + len > stop) {
            d.field(1, "[Option cut short]", at, stop - at);
            break;
        }
        dhcpOption(d, code, at, len);
        at += 2 + len;
    }
    if (at < stop)
        d.field(1, cat("Padding: ", hexBytes(d.ptr(at), stop - at)), at, stop - at);
}

void dissectNtp(Dissection &d, std::uint32_t off, std::uint32_t end)
{
    static constexpr std::string_view kModes[] = {
        "reserved", "symmetric active", "symmetric passive",   "client",
        "server",   "broadcast",        "NTP control message", "reserved for private use"};
    static constexpr std::string_view kLeap[] = {
        "no warning", "last minute of the day has 61 seconds",
        "last minute of the day has 59 seconds", "unknown (clock unsynchronized)"};
    if (!d.have(off, 1))
        return;
    const std::uint8_t flags = d.u8(off);
    const unsigned li = flags >> 6, vn = (flags >> 3) & 7, mode = flags & 7;
    const std::string summary = cat("NTP Version ", vn, ", ", kModes[mode]);
    d.setInfo(summary);
    const bool control = mode == 6 || mode == 7; // shorter messages of another layout
    const std::uint32_t len = control ? std::min<std::uint32_t>(d.capped(end) - off, 12) : 48;
    d.layer(cat("Network Time Protocol (", summary, ')'), off, len);
    if (!d.wantFields())
        return;
    d.field(1,
            cat("Flags: ", hex(flags, 2), ", Leap Indicator: ", kLeap[li], ", Version number: ",
                summary.substr(0, summary.find(',')), ", Mode: ", kModes[mode]),
            off, 1);
    d.field(2, bitField(flags, 0xc0, 8, cat("Leap Indicator: ", kLeap[li], " (", li, ')')), off, 1);
    d.field(2, bitField(flags, 0x38, 8, cat("Version number: NTP Version ", vn, " (", vn, ')')),
            off, 1);
    d.field(2, bitField(flags, 0x07, 8, cat("Mode: ", kModes[mode], " (", mode, ')')), off, 1);
    if (control)
        return;
    if (!d.have(off, 48)) {
        d.cut(1, off, 48);
        return;
    }
    const std::uint8_t stratum = d.u8(off + 1);
    const auto poll = static_cast<std::int8_t>(d.u8(off + 2));
    const auto precision = static_cast<std::int8_t>(d.u8(off + 3));
    d.field(1,
            cat("Peer Clock Stratum: ",
                stratum == 0   ? "unspecified or invalid"
                : stratum == 1 ? "primary reference"
                               : "secondary reference",
                " (", stratum, ')'),
            off + 1, 1);
    d.field(1,
            cat("Peer Polling Interval: ", poll,
                poll >= 0 && poll < 32 ? cat(" (", 1ull << poll, " seconds)") : std::string()),
            off + 2, 1);
    d.field(1, cat("Peer Clock Precision: ", precision), off + 3, 1);
    d.field(1, cat("Root Delay: ", d.u16(off + 4), '.', micros(d.u16(off + 6), 16), " seconds"),
            off + 4, 4);
    d.field(1,
            cat("Root Dispersion: ", d.u16(off + 8), '.', micros(d.u16(off + 10), 16), " seconds"),
            off + 8, 4);
    // The reference is a 4-character source name for strata 0 and 1, else an IPv4 address.
    d.field(1,
            cat("Reference ID: ", stratum <= 1 ? d.text(off + 12, 4) : ipv4Text(d.ptr(off + 12))),
            off + 12, 4);
    static constexpr std::string_view kStamps[] = {"Reference Timestamp: ", "Origin Timestamp: ",
                                                   "Receive Timestamp: ", "Transmit Timestamp: "};
    for (std::uint32_t i = 0; i < 4; ++i) {
        const std::uint32_t at = off + 16 + 8 * i;
        d.field(1, cat(kStamps[i], ntpTime(d.u32(at), d.u32(at + 4))), at, 8);
    }
}

bool looksLikeQuic(const Dissection &d, std::uint32_t off, std::uint32_t end, bool quicPort)
{
    const std::uint32_t stop = d.capped(end);
    if (off + 1 > stop)
        return false;
    const std::uint8_t first = d.u8(off);
    if (!(first & 0x80))
        return quicPort && (first & 0x40) && off + 20 < stop;
    if (off + 7 > stop || d.u8(off + 5) > 20)
        return false;
    const std::uint32_t version = d.u32(off + 1);
    const bool known =
        version == 1 || version == 0x6b3343cf || version == 0 || (version >> 8) == 0xff0000;
    return known || (quicPort && (first & 0x40));
}

void dissectQuic(Dissection &d, std::uint32_t off, std::uint32_t end)
{
    const std::uint32_t stop = d.capped(end);
    std::string info = "QUIC";
    std::uint32_t at = off;
    for (int n = 0; n < kMaxQuicPackets && at < stop; ++n) {
        const std::uint8_t first = d.u8(at);
        if (!(first & 0x80)) {
            d.layer("QUIC IETF", at, stop - at);
            d.field(1, "Header Form: Short Header (0)", at, 1);
            d.field(1, cat("Protected Payload (", bytesText(stop - at - 1), ')'), at + 1,
                    stop - at - 1);
            info += n ? ", Protected Payload" : " Protected Payload";
            break;
        }
        if (!d.have(at, 7)) {
            d.layer("QUIC IETF", at, 7);
            d.cut(1, at, 7);
            break;
        }
        const std::uint32_t version = d.u32(at + 1);
        const std::uint8_t dcil = d.u8(at + 5);
        const std::uint32_t dcid = at + 6, scilAt = dcid + dcil;
        const std::uint8_t scil = d.u8(scilAt);
        const std::uint32_t scid = scilAt + 1;
        if (scid + scil > stop) {
            d.layer("QUIC IETF", at, scid + scil - at);
            d.cut(1, at, scid + scil - at);
            break;
        }
        // QUIC v2 (RFC 9369) renumbered the long-header types.
        static constexpr std::string_view kV1[] = {"Initial", "0-RTT", "Handshake", "Retry"};
        static constexpr std::string_view kV2[] = {"Retry", "Initial", "0-RTT", "Handshake"};
        const unsigned t = (first >> 4) & 3;
        const std::string_view type = version == 0            ? "Version Negotiation"
                                      : version == 0x6b3343cf ? kV2[t]
                                                              : kV1[t];
        if (n == 0) {
            info += cat(' ', type);
            if (dcil)
                info += cat(", DCID=", hexBytes(d.ptr(dcid), dcil, 20));
            if (scil)
                info += cat(", SCID=", hexBytes(d.ptr(scid), scil, 20));
        } else {
            info += cat(", ", type);
        }
        std::uint32_t p = scid + scil;
        std::uint64_t token = 0, length = 0;
        const bool initial = type == "Initial";
        bool ok = version != 0 && type != "Retry";
        const std::uint32_t tokenAt = p;
        if (ok && initial) {
            ok = varint(d, p, stop, token) && token <= stop - p;
            if (ok)
                p += static_cast<std::uint32_t>(token);
        }
        const std::uint32_t lengthAt = p;
        if (ok)
            ok = varint(d, p, stop, length);
        const std::uint32_t pktEnd =
            ok ? static_cast<std::uint32_t>(std::min<std::uint64_t>(p + length, stop)) : stop;
        d.layer("QUIC IETF", at, pktEnd - at);
        if (d.wantFields()) {
            d.field(1, "Header Form: Long Header (1)", at, 1);
            d.field(1, cat("Fixed Bit: ", first & 0x40 ? "True" : "False"), at, 1);
            d.field(1, cat("Packet Type: ", type, " (", t, ')'), at, 1);
            d.field(
                1,
                cat("Version: ", version == 1 ? "1" : hex(version, 8), " (", hex(version, 8), ')'),
                at + 1, 4);
            d.field(1, cat("Destination Connection ID Length: ", dcil), at + 5, 1);
            if (dcil)
                d.field(1, cat("Destination Connection ID: ", hexBytes(d.ptr(dcid), dcil, 20)),
                        dcid, dcil);
            d.field(1, cat("Source Connection ID Length: ", scil), scilAt, 1);
            if (scil)
                d.field(1, cat("Source Connection ID: ", hexBytes(d.ptr(scid), scil, 20)), scid,
                        scil);
            if (ok && initial)
                d.field(1, cat("Token Length: ", token), tokenAt, lengthAt - tokenAt - token);
            if (ok)
                d.field(1, cat("Length: ", length), lengthAt, p - lengthAt);
            if (p < pktEnd)
                d.field(1,
                        cat(version == 0 ? "Supported Versions (" : "Protected Payload (",
                            bytesText(pktEnd - p), ')'),
                        p, pktEnd - p);
        }
        if (!ok)
            break;
        at = pktEnd;
    }
    d.setInfo(std::move(info));
}

} // namespace netlens::dissect
