// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Building packets and files byte by byte, for the unit tests.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <vector>

namespace netlens::test {

using Bytes = std::vector<std::uint8_t>;

inline Bytes cat(std::initializer_list<Bytes> parts)
{
    Bytes out;
    for (const Bytes &p : parts)
        out.insert(out.end(), p.begin(), p.end());
    return out;
}
inline Bytes be16(unsigned v)
{
    return {static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}
inline Bytes be32(std::uint32_t v)
{
    return cat({be16(v >> 16), be16(v & 0xffff)});
}
inline Bytes le32(std::uint32_t v)
{
    return {static_cast<std::uint8_t>(v), static_cast<std::uint8_t>(v >> 8),
            static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 24)};
}
inline Bytes zeros(std::size_t n)
{
    return Bytes(n, 0);
}

} // namespace netlens::test
