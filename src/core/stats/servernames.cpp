// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats/servernames.h"

#include <QString>

namespace netlens {

namespace {
/// Heap bytes of a string beyond its object (none while it fits the small buffer).
std::size_t heapOf(const std::string &s)
{
    return s.capacity() > std::string().capacity() ? s.capacity() + 1 : 0;
}

bool isValidUtf8(std::string_view s)
{
    // Structural check per RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF.
    const auto *p = reinterpret_cast<const unsigned char *>(s.data());
    const auto *end = p + s.size();
    while (p < end) {
        const unsigned char c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int n = 0;
        unsigned char lo = 0x80, hi = 0xbf;
        if (c >= 0xc2 && c <= 0xdf)
            n = 1;
        else if (c >= 0xe0 && c <= 0xef) {
            n = 2;
            lo = c == 0xe0 ? 0xa0 : 0x80;
            hi = c == 0xed ? 0x9f : 0xbf;
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 3;
            lo = c == 0xf0 ? 0x90 : 0x80;
            hi = c == 0xf4 ? 0x8f : 0xbf;
        } else
            return false;
        if (end - p <= n || p[1] < lo || p[1] > hi)
            return false;
        for (int i = 2; i <= n; ++i)
            if ((p[i] & 0xc0) != 0x80)
                return false;
        p += n + 1;
    }
    return true;
}
} // namespace

ServerNames::ServerNames()
{
    m_names.emplace_back();
}

std::string ServerNames::toValidUtf8(std::string_view raw)
{
    if (isValidUtf8(raw))
        return std::string(raw);
    // Rare (hostile or binary names): Qt's decoder does the replacing.
    return QString::fromUtf8(raw.data(), static_cast<qsizetype>(raw.size())).toStdString();
}

std::uint32_t ServerNames::intern(std::string_view raw)
{
    if (raw.empty())
        return kNone;
    if (const auto it = m_ids.find(raw); it != m_ids.end())
        return it->second;
    const auto id = static_cast<std::uint32_t>(m_names.size());
    std::string text = toValidUtf8(raw);
    std::string_view key;
    if (text.size() == raw.size() && std::string_view(text) == raw) {
        m_names.push_back(std::move(text));
        key = m_names.back();
    } else {
        m_names.push_back(std::move(text));
        m_raw.emplace_back(raw);
        key = m_raw.back();
        m_heapBytes += sizeof(std::string) + heapOf(m_raw.back());
    }
    m_heapBytes += sizeof(std::string) + heapOf(m_names.back());
    m_ids.emplace(key, id);
    return id;
}

const std::string &ServerNames::text(std::uint32_t id) const
{
    return id < m_names.size() ? m_names[id] : m_names.front();
}

std::size_t ServerNames::memoryBytes() const
{
    // The index: one slot (view and id) plus one control byte per bucket.
    using Slot = std::pair<std::string_view, std::uint32_t>;
    return m_heapBytes + sizeof(std::string) + m_ids.capacity() * (sizeof(Slot) + 1);
}

} // namespace netlens
