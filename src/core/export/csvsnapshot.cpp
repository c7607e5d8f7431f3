// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/csvsnapshot.h"

#include "decode/transport.h"
#include "engine/displayexpression.h"
#include "export/csvwriter.h"
#include "stats/flowtable.h"
#include "stats/statistics.h"
#include "store/addresstable.h"
#include "store/packetrecord.h"

#include <absl/container/flat_hash_map.h>
#include <arpa/inet.h>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <vector>

namespace netlens {

namespace {

enum Column {
    ColNumber,
    ColTime,
    ColSrc,
    ColDst,
    ColSrcPort,
    ColDstPort,
    ColTransport,
    ColProtocol,
    ColLength,
    ColCount
};
constexpr const char *kColumnNames[ColCount] = {
    "number", "time", "src", "dst", "src_port", "dst_port", "transport", "protocol", "length"};

/// RFC 4180 fields, one record at a time; quoted fields may hold commas, quotes and line
/// breaks. Tracks the line number for errors.
class CsvCursor {
public:
    explicit CsvCursor(std::string_view text)
        : m_text(text)
    {
    }
    bool atEnd() const { return m_pos >= m_text.size(); }
    std::uint64_t line() const { return m_line; }

    /// Reads one record into `fields`; false with `error` on a bad quote.
    bool next(std::vector<std::string> &fields, std::string &error)
    {
        fields.clear();
        std::string field;
        for (;;) {
            field.clear();
            if (m_pos < m_text.size() && m_text[m_pos] == '"') {
                ++m_pos;
                for (;;) {
                    if (m_pos >= m_text.size()) {
                        error = "a quoted field does not end";
                        return false;
                    }
                    const char c = m_text[m_pos++];
                    if (c == '"') {
                        if (m_pos < m_text.size() && m_text[m_pos] == '"') {
                            field += '"';
                            ++m_pos;
                            continue;
                        }
                        break;
                    }
                    if (c == '\n')
                        ++m_line;
                    field += c;
                }
                if (m_pos < m_text.size() && m_text[m_pos] != ',' && m_text[m_pos] != '\r' &&
                    m_text[m_pos] != '\n') {
                    error = "text after a closing quote";
                    return false;
                }
            } else {
                while (m_pos < m_text.size() && m_text[m_pos] != ',' && m_text[m_pos] != '\r' &&
                       m_text[m_pos] != '\n') {
                    if (m_text[m_pos] == '"') {
                        error = "a quote inside an unquoted field";
                        return false;
                    }
                    field += m_text[m_pos++];
                }
            }
            fields.push_back(field);
            if (m_pos >= m_text.size())
                return true;
            const char c = m_text[m_pos++];
            if (c == ',')
                continue;
            // CRLF, or a bare LF from an editor that rewrote the file.
            if (c == '\r' && m_pos < m_text.size() && m_text[m_pos] == '\n')
                ++m_pos;
            ++m_line;
            return true;
        }
    }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
    std::uint64_t m_line = 1;
};

/// Undoes CsvWriter's guard: it puts "'" before text starting with = + - @ tab or CR only,
/// so only such an apostrophe is removed (a name that starts with "'" itself stays).
std::string unguard(std::string s)
{
    if (s.size() >= 2 && s[0] == '\'' &&
        (s[1] == '=' || s[1] == '+' || s[1] == '-' || s[1] == '@' || s[1] == '\t' || s[1] == '\r'))
        s.erase(0, 1);
    return s;
}

template <typename T> bool parseUnsigned(const std::string &s, T &out)
{
    if (s.empty())
        return false;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size();
}

/// Address text as CsvWriter writes it (inet_ntop or our MAC format) to bytes.
bool parseAddress(const std::string &s, std::array<std::uint8_t, 16> &bytes, std::uint8_t &len)
{
    if (inet_pton(AF_INET, s.c_str(), bytes.data()) == 1) {
        len = 4;
        return true;
    }
    if (s.size() == 17) {
        bool mac = true;
        for (std::size_t i = 0; i < 6 && mac; ++i) {
            const std::string_view pair(s.data() + i * 3, 2);
            mac =
                (i == 5 || s[i * 3 + 2] == ':') &&
                std::from_chars(pair.data(), pair.data() + 2, bytes[i], 16).ptr == pair.data() + 2;
        }
        if (mac) {
            len = 6;
            return true;
        }
    }
    if (inet_pton(AF_INET6, s.c_str(), bytes.data()) == 1) {
        len = 16;
        return true;
    }
    return false;
}

std::uint8_t ipProtoOf(Transport t)
{
    switch (t) {
    case Transport::TCP: return 6;
    case Transport::UDP: return 17;
    case Transport::ICMP: return 1;
    case Transport::ICMPv6: return 58;
    case Transport::SCTP: return 132;
    case Transport::GRE: return 47;
    case Transport::IGMP: return 2;
    case Transport::ESP: return 50;
    case Transport::AH: return 51;
    case Transport::IPIP: return 4;
    case Transport::IPv6in: return 41;
    case Transport::OSPF: return 89;
    case Transport::EIGRP: return 88;
    case Transport::PIM: return 103;
    case Transport::VRRP: return 112;
    case Transport::UDPLite: return 136;
    case Transport::L2TP: return 115;
    default: return 0;
    }
}

/// Protocol names to Statistics labels: a transport's own name is its transport label, any
/// other name an application label of its own (1, 2, ... in order of appearance).
class LabelTable {
public:
    std::uint32_t labelFor(const std::string &protocol, Transport t, std::uint16_t &app)
    {
        app = 0;
        // "Link" rows show their link type's name; the engine counts them under "Link".
        if (t == Transport::Link)
            return Statistics::labelFor(0, t);
        // A row named as its transport is a flow nDPI did not name, except for the transports
        // nDPI names by IP protocol number on a flow's first packet, with the transport's
        // own name: those rows are its application. (A non-first fragment of such a flow,
        // which nDPI never sees, is the one case a CSV cannot tell apart.)
        if (protocol == transportName(t) && t != Transport::ICMP && t != Transport::GRE &&
            t != Transport::SCTP && t != Transport::IGMP)
            return Statistics::labelFor(0, t);
        auto [it, inserted] = m_ids.try_emplace(protocol, 0);
        if (inserted) {
            if (m_names.size() + 1 >= Statistics::kTransportLabelBase)
                return Statistics::labelFor(0, t); // 65535 names: the rest stay transports
            m_names.push_back(protocol);
            it->second = static_cast<std::uint16_t>(m_names.size());
        }
        app = it->second;
        return app ? app : Statistics::labelFor(0, t);
    }
    std::string name(std::uint32_t label) const
    {
        if (label >= Statistics::kTransportLabelBase)
            return std::string(
                transportName(static_cast<Transport>(label - Statistics::kTransportLabelBase)));
        return label >= 1 && label <= m_names.size() ? m_names[label - 1] : std::string("Unknown");
    }

private:
    absl::flat_hash_map<std::string, std::uint16_t> m_ids;
    std::vector<std::string> m_names; // label - 1
};

bool parseTransport(const std::string &s, Transport &t, std::uint8_t &ipProto)
{
    static constexpr std::string_view kOther = "IP proto ";
    if (s.compare(0, kOther.size(), kOther) == 0) {
        if (!parseUnsigned(s.substr(kOther.size()), ipProto))
            return false;
        t = Transport::OtherIP;
        return true;
    }
    for (std::size_t i = 0; i < static_cast<std::size_t>(Transport::Count); ++i)
        if (s == transportName(static_cast<Transport>(i))) {
            t = static_cast<Transport>(i);
            ipProto = ipProtoOf(t);
            return true;
        }
    return false;
}

} // namespace

CsvSnapshotReader::Result CsvSnapshotReader::read(const std::string &path,
                                                  const SnapshotOptions &options)
{
    Result r;
    std::FILE *f = std::fopen(path.c_str(), "rb");
    if (!f) {
        r.error = path + ": cannot open the CSV file: " + std::strerror(errno);
        return r;
    }
    std::string text;
    char buf[1 << 16];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
        text.append(buf, n);
    const bool failed = std::ferror(f);
    std::fclose(f);
    if (failed) {
        r.error = path + ": reading the CSV file failed";
        return r;
    }
    return parse(text, path, options);
}

CsvSnapshotReader::Result CsvSnapshotReader::parse(std::string_view text, const std::string &name,
                                                   const SnapshotOptions &options)
{
    Result r;
    CsvCursor cursor(text);
    std::vector<std::string> fields;
    std::string problem;
    const auto fail = [&](std::uint64_t line, const std::string &what) {
        r.error = name + ":" + std::to_string(line) + ": " + what;
        r.snapshot.reset();
        return r;
    };

    const std::uint64_t headerLine = cursor.line();
    if (cursor.atEnd())
        return fail(headerLine,
                    "empty file, expected the header \"" + std::string(CsvWriter::kHeader) + "\"");
    if (!cursor.next(fields, problem))
        return fail(headerLine, problem);
    std::string header;
    for (std::size_t i = 0; i < fields.size(); ++i)
        header += (i ? "," : "") + fields[i];
    if (header != CsvWriter::kHeader)
        return fail(headerLine, "expected the header \"" + std::string(CsvWriter::kHeader) +
                                    "\", found \"" + header + "\"");

    Statistics stats;
    FlowTable flows;
    AddressTable addresses;
    LabelTable labels;
    while (!cursor.atEnd()) {
        const std::uint64_t line = cursor.line();
        if (!cursor.next(fields, problem))
            return fail(line, problem);
        if (fields.size() == 1 && fields[0].empty())
            continue; // a blank line (the file's last line end is not one)
        if (fields.size() != ColCount)
            return fail(line, std::to_string(fields.size()) + " fields, expected " +
                                  std::to_string(ColCount));
        const auto bad = [&](Column c, const std::string &what) {
            return fail(line, std::string("field ") + kColumnNames[c] + ": " + what + " \"" +
                                  fields[c] + "\"");
        };
        std::uint64_t number = 0;
        if (!parseUnsigned(fields[ColNumber], number))
            return bad(ColNumber, "bad number");
        std::int64_t tsNs = 0;
        if (!parseSecondsNs(fields[ColTime], tsNs) ||
            fields[ColTime].find_first_of(" \t") != std::string::npos)
            return bad(ColTime, "bad time");
        std::array<std::uint8_t, 16> srcBytes{}, dstBytes{};
        std::uint8_t srcLen = 0, dstLen = 0;
        if (!fields[ColSrc].empty() && !parseAddress(fields[ColSrc], srcBytes, srcLen))
            return bad(ColSrc, "bad address");
        if (!fields[ColDst].empty() && !parseAddress(fields[ColDst], dstBytes, dstLen))
            return bad(ColDst, "bad address");
        if (srcLen && dstLen && srcLen != dstLen)
            return bad(ColDst, "address family differs from src's");
        const bool hasPorts = !fields[ColSrcPort].empty() || !fields[ColDstPort].empty();
        std::uint16_t srcPort = 0, dstPort = 0;
        if (hasPorts && !parseUnsigned(fields[ColSrcPort], srcPort))
            return bad(ColSrcPort, "bad port");
        if (hasPorts && !parseUnsigned(fields[ColDstPort], dstPort))
            return bad(ColDstPort, "bad port");
        Transport transport = Transport::None;
        std::uint8_t ipProto = 0;
        if (!parseTransport(unguard(fields[ColTransport]), transport, ipProto))
            return bad(ColTransport, "unknown transport");
        std::uint32_t wireLen = 0;
        if (!parseUnsigned(fields[ColLength], wireLen))
            return bad(ColLength, "bad length");
        const std::string protocol = unguard(fields[ColProtocol]);
        if (protocol.empty())
            return bad(ColProtocol, "empty protocol");
        ++r.rows;

        std::uint16_t app = 0;
        const std::uint32_t label = labels.labelFor(protocol, transport, app);
        // The engine's accounting for a packet with addresses (Engine::process): a flow by
        // canonical key, hosts, and the conversation of the address pair.
        const std::uint8_t addrLen = srcLen ? srcLen : dstLen;
        if (srcLen) {
            FlowKey key;
            key.addrLen = addrLen;
            key.ipProto = ipProto;
            // Non-IP flows are keyed by EtherType, which the CSV does not hold: the transport
            // stands in for it (it is a function of the EtherType).
            key.etherType = isIpTransport(transport) ? 0 : static_cast<std::uint16_t>(transport);
            const int c = std::memcmp(srcBytes.data(), dstBytes.data(), addrLen);
            const bool forward = c < 0 || (c == 0 && srcPort <= dstPort);
            std::memcpy(key.a.data(), (forward ? srcBytes : dstBytes).data(), addrLen);
            std::memcpy(key.b.data(), (forward ? dstBytes : srcBytes).data(), addrLen);
            key.portA = forward ? srcPort : dstPort;
            key.portB = forward ? dstPort : srcPort;
            bool created = false;
            const std::uint32_t id = flows.find(key, created);
            Flow &f = flows.at(id);
            if (created) {
                const std::uint32_t s = addresses.intern(srcBytes.data(), addrLen);
                const std::uint32_t t =
                    dstLen ? addresses.intern(dstBytes.data(), addrLen) : kNoAddress;
                f.addrA = forward ? s : t;
                f.addrB = forward ? t : s;
                f.portA = key.portA;
                f.portB = key.portB;
                f.transport = transport;
                f.ipProto = ipProto;
                f.addrLen = addrLen;
                f.firstNs = f.lastNs = tsNs;
                f.conversation = (s == kNoAddress || t == kNoAddress)
                                     ? kNoFlow
                                     : stats.conversationFor(f.addrA, f.addrB, tsNs);
            }
            // Every row of a flow names the flow's final protocol; the first one decides.
            if (created && app)
                f.app.store(app, std::memory_order_relaxed);
            const std::uint32_t src = forward ? f.addrA : f.addrB;
            const std::uint32_t dst = forward ? f.addrB : f.addrA;
            if (forward) {
                ++f.packetsAB;
                f.bytesAB += wireLen;
            } else {
                ++f.packetsBA;
                f.bytesBA += wireLen;
            }
            f.firstNs = std::min(f.firstNs, tsNs);
            f.lastNs = std::max(f.lastNs, tsNs);
            stats.addHostTraffic(src, dst, wireLen);
            if (f.conversation != kNoFlow)
                stats.addConversationTraffic(f.conversation, src == std::min(f.addrA, f.addrB),
                                             wireLen, tsNs);
        }
        stats.addPacket(tsNs, wireLen, transport, label);
    }
    StatsSnapshotBuilder builder;
    r.snapshot = builder.build(
        stats, flows, addresses, [&labels](std::uint32_t l) { return labels.name(l); }, 0, options);
    return r;
}

} // namespace netlens
