// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/csvwriter.h"

#include "decode/decodedpacket.h"
#include "engine/engine.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <future>

namespace netlens {

namespace {
void appendUint(std::string &out, std::uint64_t v)
{
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, end);
}

void appendTime(std::string &out, std::int64_t ns, bool nano)
{
    // Sign and magnitude, in unsigned arithmetic: the magnitude of INT64_MIN has no int64.
    std::uint64_t magnitude = static_cast<std::uint64_t>(ns);
    if (ns < 0) {
        out += '-'; // rare: pre-1970 pcapng offsets
        magnitude = 0 - magnitude;
    }
    appendUint(out, magnitude / 1000000000);
    const int digits = nano ? 9 : 6;
    std::uint64_t f = magnitude % 1000000000 / (nano ? 1 : 1000);
    char buf[9];
    for (int i = digits - 1; i >= 0; --i) {
        buf[i] = static_cast<char>('0' + f % 10);
        f /= 10;
    }
    out += '.';
    out.append(buf, static_cast<std::size_t>(digits));
}
} // namespace

void CsvWriter::appendField(std::string &out, std::string_view field)
{
    const bool formula =
        !field.empty() && (field[0] == '=' || field[0] == '+' || field[0] == '-' ||
                           field[0] == '@' || field[0] == '\t' || field[0] == '\r');
    bool quote = false;
    for (char c :
         field) // a plain loop: fields are short, and find_first_of's memchr calls cost more
        quote |= c == ',' || c == '"' || c == '\r' || c == '\n';
    if (!formula && !quote) {
        out += field;
        return;
    }
    if (quote)
        out += '"';
    if (formula)
        out += '\'';
    for (char c : field) {
        if (c == '"')
            out += '"';
        out += c;
    }
    if (quote)
        out += '"';
}

void CsvWriter::appendRow(std::string &out, const Engine &engine, const PacketRecord &r)
{
    const AddressTable &addr = engine.addresses();
    appendUint(out, r.frameNumber());
    out += ',';
    appendTime(out, r.tsNs, r.flags & pktflag::Nanosecond);
    out += ',';
    // Address text comes from inet_ntop or our MAC formatting: hex digits, '.' and ':' only,
    // never anything to quote or guard, so it is copied as is.
    out += addr.text(r.src);
    out += ',';
    out += addr.text(r.dst);
    out += ',';
    if (r.flags & pktflag::HasPorts) {
        appendUint(out, r.srcPort);
        out += ',';
        appendUint(out, r.dstPort);
    } else {
        out += ',';
    }
    out += ',';
    if (r.transport == Transport::OtherIP) {
        out += "IP proto ";
        appendUint(out, r.ipProto);
    } else {
        appendField(out, transportName(r.transport));
    }
    out += ',';
    appendField(out, engine.protocolName(r));
    out += ',';
    appendUint(out, r.wireLen);
    out += "\r\n";
}

bool CsvWriter::write(const std::string &path, const Engine &engine, std::string &error,
                      const RowList *rows)
{
    std::error_code ec;
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty())
        std::filesystem::create_directories(parent, ec);
    std::FILE *f = std::fopen(path.c_str(), "wb");
    if (!f) {
        error = path + ": cannot write the CSV file: " + std::strerror(errno);
        return false;
    }
    // Rows are formatted in blocks on other threads (the engine is only read, which is safe
    // from several threads) and written here in order.
    constexpr std::size_t kBlockRows = 65536;
    // Positions [0, n): store rows first + i, or rows[i] for a selection.
    const PacketStore &store = engine.store();
    const RowId first = store.firstRow();
    const std::size_t n = rows ? rows->size() : static_cast<std::size_t>(store.size() - first);
    const auto format = [&](std::size_t from) {
        std::string block;
        block.reserve(kBlockRows * 96);
        for (std::size_t i = from; i < std::min(n, from + kBlockRows); ++i)
            // find(): a live capture at its cap may have retired the row since.
            if (const PacketRecord *r = store.find(rows ? (*rows)[i] : first + i))
                appendRow(block, engine, *r);
        return block;
    };
    std::string header = std::string(kHeader) + "\r\n";
    bool ok = std::fwrite(header.data(), 1, header.size(), f) == header.size();
    // A pipeline: up to kAhead blocks format on pool threads while this thread writes the
    // oldest one, so formatting uses both cores and overlaps the copying into the file.
    constexpr std::size_t kAhead = 3;
    std::deque<std::future<std::string>> pending;
    std::size_t nextBlock = 0;
    const auto launch = [&] {
        if (nextBlock < n) {
            pending.push_back(std::async(std::launch::async, format, nextBlock));
            nextBlock += kBlockRows;
        }
    };
    for (std::size_t i = 0; i < kAhead; ++i)
        launch();
    while (!pending.empty()) {
        const std::string block = pending.front().get();
        pending.pop_front();
        launch();
        ok = ok && std::fwrite(block.data(), 1, block.size(), f) == block.size();
    }
    if (std::fclose(f) != 0)
        ok = false;
    if (!ok)
        error = path + ": writing the CSV file failed: " + std::strerror(errno);
    return ok;
}

} // namespace netlens
