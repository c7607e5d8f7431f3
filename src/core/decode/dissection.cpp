// SPDX-License-Identifier: GPL-3.0-or-later
#include "decode/dissection.h"

#include "decode/dissecttext.h"

#include <algorithm>

namespace netlens::dissect {

namespace {
// Bounds on what a crafted packet can make us build: a 64 KB packet of 8-byte IPv6 extension
// headers or 4-byte SCTP chunks would otherwise ask for tens of thousands of lines.
constexpr std::size_t kMaxFields = 20000;
constexpr std::size_t kMaxInfo = 1024;
constexpr int kMaxNesting = 16;
} // namespace

Dissection::Dissection(const std::uint8_t *data, std::uint32_t capLen, std::uint32_t wireLen,
                       bool wantFields)
    : m_d(data)
    , m_cap(data ? capLen : 0)
    , m_wire(wireLen)
    , m_wantFields(wantFields)
{
}

std::string Dissection::text(std::uint32_t off, std::uint32_t n, std::uint32_t max) const
{
    if (off >= m_cap)
        return {};
    return printable(m_d + off, std::min(n, m_cap - off), max);
}

void Dissection::layer(std::string text, std::uint64_t off, std::uint64_t len)
{
    field(0, std::move(text), off, len);
}

void Dissection::field(int depth, std::string text, std::uint64_t off, std::uint64_t len)
{
    insertAt(m_fields.size(), depth, std::move(text), off, len);
}

void Dissection::insertAt(std::size_t at, int depth, std::string text, std::uint64_t off,
                          std::uint64_t len)
{
    if (!m_wantFields || m_fields.size() >= kMaxFields)
        return;
    // The range promise (offset + length <= capLen) is kept here, whatever the parser asked.
    const std::uint32_t o = static_cast<std::uint32_t>(std::min<std::uint64_t>(off, m_cap));
    const std::uint32_t l = static_cast<std::uint32_t>(std::min<std::uint64_t>(len, m_cap - o));
    DissectedField f{m_baseDepth + depth, std::move(text), o, l};
    m_fields.insert(m_fields.begin() + static_cast<std::ptrdiff_t>(std::min(at, m_fields.size())),
                    std::move(f));
}

bool Dissection::cut(int depth, std::uint64_t off, std::uint64_t need)
{
    if (m_wantFields) {
        const std::uint64_t got = off < m_cap ? m_cap - off : 0;
        if (m_cap < m_wire)
            field(depth,
                  cat("[Packet size limited during capture: ", got, " of ", need,
                      " header bytes captured]"),
                  off, got);
        else
            field(depth,
                  cat("[Malformed packet: header needs ", need, " bytes, ", got, " present]"), off,
                  got);
    }
    return false;
}

void Dissection::setInfo(std::string info)
{
    if (m_embedded)
        return;
    if (info.size() > kMaxInfo) {
        std::size_t n = kMaxInfo;
        while (n > 0 && (static_cast<unsigned char>(info[n]) & 0xc0) == 0x80)
            --n; // cut between UTF-8 characters, not inside one
        info.resize(n);
        info += "…";
    }
    m_info = std::move(info);
}

void Dissection::pushEmbedded()
{
    ++m_baseDepth;
    ++m_embedded;
}

void Dissection::popEmbedded()
{
    --m_baseDepth;
    --m_embedded;
}

bool Dissection::enter()
{
    if (m_nesting >= kMaxNesting) {
        field(1, "[Too many nested layers: not dissected further]", 0, 0);
        return false;
    }
    ++m_nesting;
    return true;
}

} // namespace netlens::dissect
