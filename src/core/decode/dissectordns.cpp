// SPDX-License-Identifier: GPL-3.0-or-later
// DNS, mDNS and LLMNR, over UDP and TCP.
#include "decode/dissection.h"
#include "decode/dissectnames.h"
#include "decode/dissecttext.h"

#include <algorithm>

namespace netlens::dissect {

namespace {

// A compression pointer may point anywhere, including at itself: the jump count, and the
// 255-byte limit on a name, keep a crafted loop from running forever or growing a string.
constexpr int kMaxJumps = 64;
constexpr std::uint32_t kMaxNameOctets = 255;
constexpr std::uint32_t kMaxRecords = 500; // per section, in the tree
constexpr std::size_t kMaxInfo = 2048;     // beyond this, records add nothing to Info

struct DnsName {
    std::string text;
    std::uint32_t end = 0; ///< first byte after the name where it sits (not where it jumps)
    bool ok = false;
};

/// The message a name lives in: compression pointers count from its first byte.
struct DnsMessage {
    const Dissection &d;
    std::uint32_t start;
    std::uint32_t end; ///< captured end of the message

    DnsName name(std::uint32_t at) const
    {
        DnsName n;
        bool jumped = false;
        std::uint32_t octets = 0;
        for (int jumps = 0;;) {
            if (at >= end)
                return n; // runs off the message
            const std::uint8_t len = d.u8(at);
            if (len == 0) {
                if (!jumped)
                    n.end = at + 1;
                break;
            }
            if ((len & 0xc0) == 0xc0) {
                if (at + 1 >= end || ++jumps > kMaxJumps)
                    return n;
                if (!jumped)
                    n.end = at + 2;
                jumped = true;
                at = start + (((len & 0x3f) << 8) | d.u8(at + 1));
                continue;
            }
            if ((len & 0xc0) != 0 || at + 1 + len > end)
                return n; // extended label types are obsolete: give up
            octets += len + 1;
            if (octets > kMaxNameOctets)
                return n;
            if (!n.text.empty())
                n.text += '.';
            for (std::uint32_t i = 0; i < len; ++i) {
                const std::uint8_t c = d.u8(at + 1 + i);
                if (c == '.' || c == '\\')
                    n.text += cat('\\', static_cast<char>(c));
                else if (c > 0x20 && c < 0x7f)
                    n.text += static_cast<char>(c);
                else
                    n.text += cat('\\', c / 100, (c / 10) % 10, c % 10); // RFC 1035 \DDD
            }
            at += 1 + len;
        }
        if (n.text.empty())
            n.text = "<Root>";
        n.ok = true;
        return n;
    }
};

std::string typeName(std::uint16_t type)
{
    const std::string_view name = dnsTypeName(type);
    return name.empty() ? cat("Unknown (", type, ')') : std::string(name);
}

std::string className(std::uint16_t cls)
{
    const std::string_view name = dnsClassName(cls);
    return name.empty() ? hex(cls, 4) : std::string(name);
}

/// One resource record: its tree line, its sub-fields and its Info words. Returns where the
/// next record starts, or 0 when this one is cut short or malformed.
std::uint32_t record(Dissection &d, const DnsMessage &m, std::uint32_t at, bool question, bool mdns,
                     std::string &info)
{
    // A crafted message could make Info megabytes long; the column shows far less anyway.
    std::string scratch;
    std::string &out = info.size() < kMaxInfo ? info : scratch;
    const DnsName name = m.name(at);
    if (!name.ok || name.end + (question ? 4 : 10) > m.end) {
        d.field(2, "[Malformed or truncated record]", at, m.end - std::min(at, m.end));
        return 0;
    }
    const std::uint32_t p = name.end;
    const std::uint16_t type = d.u16(p), rawClass = d.u16(p + 2);
    // mDNS uses the class's top bit: "unicast response wanted" in questions, "cache flush" in
    // answers. OPT puts the UDP payload size there instead of a class.
    const bool topBit = mdns && type != 41 && (rawClass & 0x8000);
    const std::uint16_t cls = mdns && type != 41 ? rawClass & 0x7fff : rawClass;
    const std::string tname = typeName(type);
    if (question) {
        out += cat(' ', tname, ' ', name.text);
        if (mdns)
            out += topBit ? ", \"QU\" question" : ", \"QM\" question";
        if (d.wantFields()) {
            d.field(2, cat(name.text, ": type ", tname, ", class ", className(cls)), at,
                    p + 4 - at);
            d.field(3, cat("Name: ", name.text), at, name.end - at);
            d.field(3, cat("Type: ", tname, " (", type, ')'), p, 2);
            d.field(3, cat("Class: ", className(cls), " (", hex(cls, 4), ')'), p + 2, 2);
        }
        return p + 4;
    }
    const std::uint32_t ttl = d.u32(p + 4);
    const std::uint16_t rdlen = d.u16(p + 8);
    const std::uint32_t rd = p + 10, next = rd + rdlen;
    // data: for the record's line ("addr 1.2.3.4"); label: its own field ("Address: ...");
    // infoData: what the Info column shows after the type.
    std::string data, label, infoData;
    auto named = [&](std::string_view shortName, std::string_view longName, std::string value) {
        data = cat(shortName, ' ', value);
        label = cat(longName, ": ", value);
        infoData = std::move(value);
    };
    auto nameAt = [&](std::uint32_t off) {
        const DnsName n = m.name(off);
        return n.ok ? n.text : std::string("<malformed name>");
    };
    const bool whole = next <= m.end;
    if (whole) {
        switch (type) {
        case 1:
            if (rdlen == 4)
                named("addr", "Address", ipv4Text(d.ptr(rd)));
            break;
        case 28:
            if (rdlen == 16)
                named("addr", "AAAA Address", ipv6Text(d.ptr(rd)));
            break;
        case 2: named("ns", "Name Server", nameAt(rd)); break;
        case 5: named("cname", "CNAME", nameAt(rd)); break;
        case 12: named("domain name", "Domain Name", nameAt(rd)); break;
        case 39: named("dname", "DNAME", nameAt(rd)); break;
        case 47: named("next domain name", "Next Domain Name", nameAt(rd)); break;
        case 6: named("mname", "Primary name server", nameAt(rd)); break;
        case 15:
            if (rdlen >= 3) {
                named("mx", "Mail Exchange", nameAt(rd + 2));
                data = cat("preference ", d.u16(rd), ", ", data);
                infoData = cat(d.u16(rd), ' ', infoData);
            }
            break;
        case 33:
            if (rdlen >= 7) {
                named("target", "Target", nameAt(rd + 6));
                data = cat("priority ", d.u16(rd), ", weight ", d.u16(rd + 2), ", port ",
                           d.u16(rd + 4), ", ", data);
                infoData = cat(d.u16(rd), ' ', d.u16(rd + 2), ' ', d.u16(rd + 4), ' ', infoData);
            }
            break;
        default: break;
        }
    }
    out += cat(' ', tname);
    if (topBit)
        out += ", cache flush";
    if (!infoData.empty())
        out += cat(' ', infoData);
    if (d.wantFields()) {
        std::string line = cat(name.text, ": type ", tname);
        line += type == 41 ? cat(", UDP payload size ", rawClass) : cat(", class ", className(cls));
        if (topBit)
            line += ", cache flush";
        if (!data.empty())
            line += cat(", ", data);
        d.field(2, std::move(line), at, next - at);
        d.field(3, cat("Name: ", name.text), at, name.end - at);
        d.field(3, cat("Type: ", tname, " (", type, ')'), p, 2);
        d.field(3,
                type == 41 ? cat("UDP payload size: ", rawClass)
                           : cat("Class: ", className(cls), " (", hex(cls, 4), ')'),
                p + 2, 2);
        d.field(3, cat("Time to live: ", ttl), p + 4, 4);
        d.field(3, cat("Data length: ", rdlen), p + 8, 2);
        if (!label.empty())
            d.field(3, std::move(label), rd, rdlen);
        else if (rdlen > 0)
            d.field(3, cat("Data (", bytesText(rdlen), ')'), rd, rdlen);
    }
    if (!whole) {
        d.field(2, "[Record data cut short]", rd, m.end - std::min(rd, m.end));
        return 0;
    }
    return next;
}

} // namespace

void dissectDns(Dissection &d, std::uint32_t off, std::uint32_t end, bool overTcp, bool mdns)
{
    const std::string_view kName = mdns ? "Multicast Domain Name System" : "Domain Name System";
    std::uint32_t msg = off;
    std::uint32_t msgEnd = d.capped(end);
    std::uint16_t tcpLen = 0;
    if (overTcp) {
        if (!d.have(off, 2))
            return;
        tcpLen = d.u16(off);
        msg = off + 2;
        msgEnd = std::min<std::uint32_t>(msgEnd, msg + tcpLen);
    }
    if (msg + 12 > msgEnd) {
        d.layer(std::string(kName), off, 12);
        d.cut(1, msg, 12);
        return;
    }
    const std::uint16_t id = d.u16(msg), flags = d.u16(msg + 2);
    const bool response = flags & 0x8000;
    const unsigned opcode = (flags >> 11) & 0xf, rcode = flags & 0xf;
    const std::uint16_t counts[4] = {d.u16(msg + 4), d.u16(msg + 6), d.u16(msg + 8),
                                     d.u16(msg + 10)};
    const std::string_view opName = dnsOpcodeName(opcode), rcName = dnsRcodeName(rcode);
    std::string info =
        cat(opName.empty() ? cat("Unknown operation (", opcode, ')') : std::string(opName),
            response ? " response " : " ", hex(id, 4));
    if (response && rcode != 0)
        info += cat(' ', rcName.empty() ? cat("Unknown error (", rcode, ')') : std::string(rcName));
    if (d.wantFields()) {
        d.layer(cat(kName, response ? " (response)" : " (query)"), off, msgEnd - off);
        if (overTcp)
            d.field(1, cat("Length: ", tcpLen), off, 2);
        d.field(1, cat("Transaction ID: ", hex(id, 4)), msg, 2);
        d.field(1,
                cat("Flags: ", hex(flags, 4), ' ', opName, response ? " response" : "",
                    response ? cat(", ", rcName) : std::string()),
                msg + 2, 2);
        d.field(
            2,
            bitField(flags, 0x8000, 16,
                     response ? "Response: Message is a response" : "Response: Message is a query"),
            msg + 2, 2);
        d.field(2, bitField(flags, 0x7800, 16, cat("Opcode: ", opName, " (", opcode, ')')), msg + 2,
                2);
        if (response)
            d.field(2, bitField(flags, 0x0400, 16, cat("Authoritative: ", setText(flags & 0x0400))),
                    msg + 2, 2);
        d.field(2, bitField(flags, 0x0200, 16, cat("Truncated: ", setText(flags & 0x0200))),
                msg + 2, 2);
        d.field(2, bitField(flags, 0x0100, 16, cat("Recursion desired: ", setText(flags & 0x0100))),
                msg + 2, 2);
        if (response)
            d.field(
                2,
                bitField(flags, 0x0080, 16, cat("Recursion available: ", setText(flags & 0x0080))),
                msg + 2, 2);
        d.field(2, bitField(flags, 0x0040, 16, "Z: reserved"), msg + 2, 2);
        d.field(2,
                bitField(flags, 0x0020, 16, cat("Answer authenticated: ", setText(flags & 0x0020))),
                msg + 2, 2);
        d.field(
            2,
            bitField(flags, 0x0010, 16, cat("Non-authenticated data: ", setText(flags & 0x0010))),
            msg + 2, 2);
        if (response)
            d.field(2, bitField(flags, 0x000f, 16, cat("Reply code: ", rcName, " (", rcode, ')')),
                    msg + 2, 2);
        d.field(1, cat("Questions: ", counts[0]), msg + 4, 2);
        d.field(1, cat("Answer RRs: ", counts[1]), msg + 6, 2);
        d.field(1, cat("Authority RRs: ", counts[2]), msg + 8, 2);
        d.field(1, cat("Additional RRs: ", counts[3]), msg + 10, 2);
    }
    static constexpr std::string_view kSections[] = {
        "Queries", "Answers", "Authoritative nameservers", "Additional records"};
    const DnsMessage m{d, msg, msgEnd};
    std::uint32_t at = msg + 12;
    for (int s = 0; s < 4 && at != 0; ++s) {
        if (counts[s] == 0)
            continue;
        const std::size_t head = d.mark();
        const std::uint32_t first = at;
        for (std::uint32_t i = 0; i < counts[s] && at != 0; ++i) {
            if (i == kMaxRecords) {
                d.field(2, cat("[", counts[s] - i, " more records not shown]"), at, 0);
                at = 0;
                break;
            }
            at = record(d, m, at, s == 0, mdns, info);
        }
        const std::uint32_t last = at == 0 ? msgEnd : at;
        d.insertAt(head, 1, std::string(kSections[s]), first, last - first);
    }
    d.setInfo(std::move(info));
}

} // namespace netlens::dissect
