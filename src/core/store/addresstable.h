#pragma once

#include "store/packetrecord.h"

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
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
 * per-host statistics can be plain arrays indexed by id. Text is formatted once per address
 * and cached, because exports print the same few addresses millions of times.
 */
class AddressTable {
public:
    /// Id for the address of `len` bytes (4, 6 or 16) at `bytes`; creates it if new.
    std::uint32_t intern(const std::uint8_t *bytes, std::uint8_t len);
    std::uint32_t size() const { return static_cast<std::uint32_t>(m_addresses.size()); }
    const Address &at(std::uint32_t id) const { return m_addresses[id]; }
    /// Cached text of an id; empty for kNoAddress.
    const std::string &text(std::uint32_t id) const;

private:
    std::vector<Address> m_addresses;
    mutable std::vector<std::string> m_text;
    std::unordered_map<Address, std::uint32_t, AddressHash> m_ids;
};

} // namespace netlens
