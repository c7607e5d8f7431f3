// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <cstring>

namespace netlens {

// Unaligned loads in a chosen byte order. Capture files come in both orders and packet
// headers are big-endian; memcpy keeps this free of alignment traps and compiles to one load.

inline std::uint16_t loadLe16(const std::uint8_t *p)
{
    return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}
inline std::uint32_t loadLe32(const std::uint8_t *p)
{
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    if constexpr (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__)
        v = __builtin_bswap32(v);
    return v;
}
inline std::uint16_t loadBe16(const std::uint8_t *p)
{
    return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}
inline std::uint32_t loadBe32(const std::uint8_t *p)
{
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    if constexpr (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)
        v = __builtin_bswap32(v);
    return v;
}
inline std::uint16_t load16(const std::uint8_t *p, bool bigEndian)
{
    return bigEndian ? loadBe16(p) : loadLe16(p);
}
inline std::uint32_t load32(const std::uint8_t *p, bool bigEndian)
{
    return bigEndian ? loadBe32(p) : loadLe32(p);
}

} // namespace netlens
