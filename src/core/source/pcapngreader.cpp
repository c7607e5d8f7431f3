// SPDX-License-Identifier: GPL-3.0-or-later
#include "source/pcapngreader.h"

#include "source/byteorder.h"

#include <algorithm>
#include <cstdio>

namespace netlens {

namespace {
constexpr std::uint32_t kShb = 0x0A0D0D0A;
constexpr std::uint32_t kIdb = 1;
constexpr std::uint32_t kOpb = 2; // obsolete packet block, still written by old tools
constexpr std::uint32_t kSpb = 3;
constexpr std::uint32_t kEpb = 6;
constexpr std::uint32_t kByteOrderMagic = 0x1A2B3C4D;
constexpr std::uint32_t kMaxBlock = 64u * 1024 * 1024;
constexpr std::uint32_t kMaxCapLen = 16u * 1024 * 1024;

// 128-bit arithmetic keeps ticks * 1e9 from overflowing for any if_tsresol.
__extension__ typedef unsigned __int128 U128;

std::string hex32(std::uint32_t v)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08x", v);
    return buf;
}
} // namespace

PcapngReader::PcapngReader(const std::uint8_t *data, std::size_t size)
    : CaptureReader(data, size)
{
}

bool PcapngReader::hasMagic(const std::uint8_t *data, std::size_t size)
{
    return size >= 4 && loadLe32(data) == kShb;
}

std::string PcapngReader::formatName() const
{
    return "pcapng (" + std::to_string(m_sections) + (m_sections == 1 ? " section, " : " sections, ") +
           std::to_string(m_interfaces.size()) + " interfaces)";
}

bool PcapngReader::checkOptions(const std::uint8_t *opt, std::uint32_t len, const char *block)
{
    std::uint32_t at = 0;
    while (at + 4 <= len) {
        const std::uint16_t code = load16(opt + at, m_bigEndian);
        const std::uint16_t olen = load16(opt + at + 2, m_bigEndian);
        if (code == 0)
            return true; // opt_endofopt
        const std::uint32_t padded = (olen + 3u) & ~3u;
        if (padded > len - at - 4)
            return fail(State::Error, std::string("pcapng: ") + block + " option " +
                                          std::to_string(code) + " of length " +
                                          std::to_string(olen) + " overruns its block (corrupt file)");
        at += 4 + padded;
    }
    return true;
}

bool PcapngReader::readSectionHeader(std::uint64_t avail)
{
    // The byte-order magic decides how to read the block length, so check it first.
    if (avail < 28)
        return fail(State::Truncated, "cut short inside a section header block at byte offset " +
                                          std::to_string(m_pos));
    const std::uint8_t *b = m_data + m_pos;
    const std::uint32_t bom = loadLe32(b + 8);
    if (bom == kByteOrderMagic)
        m_bigEndian = false;
    else if (__builtin_bswap32(bom) == kByteOrderMagic)
        m_bigEndian = true;
    else
        return fail(State::Error, "pcapng: section header at byte offset " + std::to_string(m_pos) +
                                      " has a bad byte-order magic " + hex32(bom));
    const std::uint32_t len = load32(b + 4, m_bigEndian);
    const std::uint16_t major = load16(b + 12, m_bigEndian);
    if (major != 1)
        return fail(State::Error, "pcapng: unsupported version " + std::to_string(major) +
                                      " in the section header at byte offset " +
                                      std::to_string(m_pos));
    if (len < 28 || len % 4 != 0 || len > kMaxBlock)
        return fail(State::Error, "pcapng: section header at byte offset " + std::to_string(m_pos) +
                                      " has an invalid length " + std::to_string(len));
    if (len > avail)
        return fail(State::Truncated, "cut short inside a section header block at byte offset " +
                                          std::to_string(m_pos));
    if (load32(b + len - 4, m_bigEndian) != len)
        return fail(State::Error, "pcapng: section header at byte offset " + std::to_string(m_pos) +
                                      " has mismatched leading and trailing lengths");
    if (!checkOptions(b + 24, len - 28, "section header"))
        return false;
    m_interfaces.clear(); // interface ids restart in every section
    m_seenSection = true;
    ++m_sections;
    m_pos += len;
    return true;
}

bool PcapngReader::readInterface(const std::uint8_t *body, std::uint32_t bodyLen)
{
    if (bodyLen < 8)
        return fail(State::Error, "pcapng: interface description block at byte offset " +
                                      std::to_string(m_pos) + " is too short");
    Interface ifc;
    ifc.linkType = load16(body, m_bigEndian);
    ifc.snapLen = load32(body + 4, m_bigEndian);
    if (!checkOptions(body + 8, bodyLen - 8, "interface description"))
        return false;
    // Walk the options again for the two that change timestamps.
    std::uint32_t at = 8;
    while (at + 4 <= bodyLen) {
        const std::uint16_t code = load16(body + at, m_bigEndian);
        const std::uint16_t olen = load16(body + at + 2, m_bigEndian);
        if (code == 0)
            break;
        const std::uint8_t *v = body + at + 4;
        if (code == 9 && olen >= 1) { // if_tsresol
            const std::uint8_t r = v[0];
            const unsigned exp = r & 0x7f;
            if (r & 0x80) { // negative power of two
                if (exp > 63)
                    return fail(State::Error, "pcapng: if_tsresol 2^-" + std::to_string(exp) +
                                                  " is out of range");
                ifc.mul = 1000000000ull;
                ifc.div = 1ull << exp;
            } else {
                if (exp > 19)
                    return fail(State::Error, "pcapng: if_tsresol 10^-" + std::to_string(exp) +
                                                  " is out of range");
                std::uint64_t p = 1;
                for (unsigned i = 0; i < (exp > 9 ? exp - 9 : 9 - exp); ++i)
                    p *= 10;
                ifc.mul = exp <= 9 ? p : 1;
                ifc.div = exp <= 9 ? 1 : p;
            }
            // Finer than a microsecond per unit counts as nanosecond resolution.
            ifc.nano = static_cast<U128>(ifc.mul) <
                       static_cast<U128>(ifc.div) * 1000;
        } else if (code == 14 && olen >= 8) { // if_tsoffset, signed seconds
            std::uint64_t hi = load32(v, m_bigEndian), lo = load32(v + 4, m_bigEndian);
            ifc.tsOffsetSec = static_cast<std::int64_t>(m_bigEndian ? (hi << 32 | lo) : (lo << 32 | hi));
        }
        at += 4 + ((olen + 3u) & ~3u);
    }
    m_interfaces.push_back(ifc);
    return true;
}

std::int64_t PcapngReader::toNs(const Interface &ifc, std::uint64_t ts) const
{
    const U128 ns = static_cast<U128>(ts) * ifc.mul / ifc.div;
    // Modulo 2^64 (unsigned arithmetic): a hostile if_tsoffset must not overflow a signed
    // integer, which is undefined behaviour (UBSan: tst_readers, fuzz_capture).
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(ns) +
                                     static_cast<std::uint64_t>(ifc.tsOffsetSec) * 1000000000u);
}

bool PcapngReader::next(RawPacket &out)
{
    while (m_state == State::Reading) {
        if (m_pos == m_size) {
            m_state = State::End;
            return false;
        }
        const std::uint64_t avail = m_size - m_pos;
        if (avail < 12)
            return fail(State::Truncated,
                        "cut short inside a block header at byte offset " + std::to_string(m_pos));
        const std::uint8_t *b = m_data + m_pos;
        if (loadLe32(b) == kShb) {
            if (!readSectionHeader(avail))
                return false;
            continue;
        }
        if (!m_seenSection)
            return fail(State::Error, "pcapng: the file does not start with a section header");
        const std::uint32_t type = load32(b, m_bigEndian);
        const std::uint32_t len = load32(b + 4, m_bigEndian);
        if (len < 12 || len % 4 != 0 || len > kMaxBlock)
            return fail(State::Error, "pcapng: block " + hex32(type) + " at byte offset " +
                                          std::to_string(m_pos) + " has an invalid length " +
                                          std::to_string(len) + " (corrupt file)");
        if (len > avail)
            return fail(State::Truncated, "cut short in the middle of a block at byte offset " +
                                              std::to_string(m_pos));
        if (load32(b + len - 4, m_bigEndian) != len)
            return fail(State::Error, "pcapng: block " + hex32(type) + " at byte offset " +
                                          std::to_string(m_pos) +
                                          " has mismatched leading and trailing lengths");
        const std::uint8_t *body = b + 8;
        const std::uint32_t bodyLen = len - 12;
        ++m_blocks;
        if (type == kIdb) {
            if (!readInterface(body, bodyLen))
                return false;
        } else if (type == kEpb || type == kOpb || type == kSpb) {
            std::uint32_t ifId = 0, capLen = 0, wireLen = 0, hdr = 0;
            std::uint64_t ts = 0;
            if (type == kSpb) {
                if (bodyLen < 4)
                    return fail(State::Error, "pcapng: simple packet block at byte offset " +
                                                  std::to_string(m_pos) + " is too short");
                wireLen = load32(body, m_bigEndian);
                hdr = 4;
                capLen = std::min(wireLen, bodyLen - 4);
            } else {
                if (bodyLen < 20)
                    return fail(State::Error, "pcapng: packet block at byte offset " +
                                                  std::to_string(m_pos) + " is too short");
                ifId = type == kEpb ? load32(body, m_bigEndian) : load16(body, m_bigEndian);
                ts = (static_cast<std::uint64_t>(load32(body + 4, m_bigEndian)) << 32) |
                     load32(body + 8, m_bigEndian);
                capLen = load32(body + 12, m_bigEndian);
                wireLen = load32(body + 16, m_bigEndian);
                hdr = 20;
                if (capLen > kMaxCapLen || capLen > bodyLen - 20)
                    return fail(State::Error, "pcapng: packet block at byte offset " +
                                                  std::to_string(m_pos) + " claims " +
                                                  std::to_string(capLen) +
                                                  " captured bytes, more than the block holds");
            }
            if (ifId >= m_interfaces.size())
                return fail(State::Error, "pcapng: packet block at byte offset " +
                                              std::to_string(m_pos) + " names interface " +
                                              std::to_string(ifId) + ", which was not described");
            const Interface &ifc = m_interfaces[ifId];
            if (type == kSpb && ifc.snapLen)
                capLen = std::min(capLen, ifc.snapLen);
            out.data = body + hdr;
            out.capLen = capLen;
            out.wireLen = wireLen < capLen ? capLen : wireLen;
            out.tsNs = type == kSpb ? 0 : toNs(ifc, ts);
            out.fileOffset = m_pos + 8 + hdr;
            out.interfaceId = ifId;
            out.linkType = ifc.linkType;
            out.nanoResolution = ifc.nano;
            m_pos += len;
            releaseConsumed();
            return true;
        }
        // Statistics, name resolution, custom and unknown blocks carry no packets.
        m_pos += len;
    }
    return false;
}

} // namespace netlens
