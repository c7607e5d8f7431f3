// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/addresstable.h"

#include <arpa/inet.h>
#include <cstdio>
#include <algorithm>
#include <cstring>

namespace netlens {

std::string Address::toString() const
{
    char buf[INET6_ADDRSTRLEN] = "";
    switch (family) {
    case V4:
        ::inet_ntop(AF_INET, bytes.data(), buf, sizeof buf);
        return buf;
    case V6:
        ::inet_ntop(AF_INET6, bytes.data(), buf, sizeof buf);
        return buf;
    case Mac:
        std::snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x", bytes[0], bytes[1],
                      bytes[2], bytes[3], bytes[4], bytes[5]);
        return buf;
    case None:
        break;
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
    auto [it, inserted] = m_ids.try_emplace(a, size());
    if (inserted) {
        Entry e;
        e.address = a;
        const std::string t = a.toString();
        e.textLen = static_cast<std::uint8_t>(std::min(t.size(), sizeof e.text));
        std::memcpy(e.text, t.data(), e.textLen);
        m_entries.emplaceBack(e);
    }
    return it->second;
}

} // namespace netlens
