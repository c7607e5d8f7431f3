// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/chunkedarray.h"
#include "store/packetrecord.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <absl/container/flat_hash_map.h>
#include <vector>

namespace netlens {

/// An interned address: IPv4, IPv6 or MAC.
struct Address {
    enum Family : std::uint8_t { None = 0, Mac = 6, V4 = 4, V6 = 16 };
    std::array<std::uint8_t, 16> bytes{};
    Family family = None;

    bool operator==(const Address &) const = default;
    std::string toString() const;
};

struct AddressHash {
    std::size_t operator()(const Address &a) const noexcept;
};

/**
 * Interns every address once and hands out dense 32-bit ids, so records stay small and the
 * per-host statistics can be plain arrays indexed by id. Text is formatted once, when the
 * address is first seen, because exports and the table print the same addresses millions of
 * times.
 *
 * One writer (the engine) interns; other threads may call at() and text() for ids they got
 * from published packet rows (the entries sit in a ChunkedArray and never move).
 */
class AddressTable {
public:
    /// Writer only. Id for the address of `len` bytes (4, 6 or 16) at `bytes`; creates it if new.
    std::uint32_t intern(const std::uint8_t *bytes, std::uint8_t len);
    std::uint32_t size() const { return static_cast<std::uint32_t>(m_entries.size()); }
    const Address &at(std::uint32_t id) const { return m_entries[id].address; }
    /// Text of an id; empty for kNoAddress.
    std::string_view text(std::uint32_t id) const
    {
        if (id >= m_entries.size())
            return {};
        const Entry &e = m_entries[id];
        return std::string_view(e.text, e.textLen);
    }

private:
    struct Entry {
        Address address;
        char text[46]; // INET6_ADDRSTRLEN
        std::uint8_t textLen;
    };
    ChunkedArray<Entry> m_entries;
    absl::flat_hash_map<Address, std::uint32_t, AddressHash> m_ids; // writer only
};

} // namespace netlens
