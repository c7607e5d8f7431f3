// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/addresstable.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cstdio>
#include <cstring>

namespace netlens {

std::string Address::toString() const
{
    char buf[INET6_ADDRSTRLEN] = "";
    switch (family) {
    case V4: ::inet_ntop(AF_INET, bytes.data(), buf, sizeof buf); return buf;
    case V6: ::inet_ntop(AF_INET6, bytes.data(), buf, sizeof buf); return buf;
    case Mac:
        std::snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x", bytes[0], bytes[1],
                      bytes[2], bytes[3], bytes[4], bytes[5]);
        return buf;
    case None: break;
    }
    return {};
}

std::size_t AddressHash::operator()(const Address &a) const noexcept
{
    std::uint64_t lo, hi;
    std::memcpy(&lo, a.bytes.data(), 8);
    std::memcpy(&hi, a.bytes.data() + 8, 8);
    std::uint64_t h = (lo ^ (hi * 0x9e3779b97f4a7c15ull) ^ a.family) * 0xff51afd7ed558ccdull;
    return static_cast<std::size_t>(h ^ (h >> 32));
}

std::uint32_t AddressTable::intern(const std::uint8_t *bytes, std::uint8_t len)
{
    if (!bytes || (len != 4 && len != 6 && len != 16))
        return kNoAddress;
    Address a;
    std::memcpy(a.bytes.data(), bytes, len);
    a.family = static_cast<Address::Family>(len);
    const std::uint32_t next = m_free.empty() ? size() : m_free.back();
    auto [it, inserted] = m_ids.try_emplace(a, next);
    if (inserted) {
        Entry e;
        e.address = a;
        const std::string t = a.toString();
        e.textLen = static_cast<std::uint8_t>(std::min(t.size(), sizeof e.text));
        std::memcpy(e.text, t.data(), e.textLen);
        if (next == size()) {
            m_entries.emplaceBack(e);
        } else {
            // A reclaimed slot: no row in memory names it, so no reader looks at it.
            m_free.pop_back();
            m_entries[next] = e;
        }
        if (m_tracking) {
            if (m_use.size() <= next)
                m_use.resize(std::max<std::size_t>(next + 1, m_use.size() * 2));
            m_use[next] = Use{};
            m_use[next].tracked = true;
            m_use[next].queued = true;
            m_candidates.push_back(next);
        }
    }
    return it->second;
}

void AddressTable::unpin(std::uint32_t id)
{
    if (id >= m_use.size() || m_use[id].pins == 0)
        return;
    Use &u = m_use[id];
    if (--u.pins == 0 && u.tracked && !u.queued) {
        u.queued = true;
        m_candidates.push_back(id);
    }
}

void AddressTable::release(std::uint32_t id)
{
    m_ids.erase(m_entries[id].address);
    m_use[id].tracked = false;
    m_free.push_back(id);
    ++m_reclaimed;
}

} // namespace netlens
