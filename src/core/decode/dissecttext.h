// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Text helpers for the dissector (internal). GCC 12 has no <format>, and iostreams would cost
// more than the dissection itself, so fields are built by plain concatenation.

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>

namespace netlens::dissect {

namespace detail {
inline void append(std::string &s, std::string_view v)
{
    s += v;
}
inline void append(std::string &s, const char *v)
{
    s += v;
}
inline void append(std::string &s, char c)
{
    s += c;
}
template <std::integral T>
requires(!std::same_as<T, char> && !std::same_as<T, bool>) void append(std::string &s, T v)
{
    s += std::to_string(v);
}
} // namespace detail

/// Concatenates strings, characters and integers (std::uint8_t prints as a number).
template <typename... A> std::string cat(const A &...a)
{
    std::string s;
    (detail::append(s, a), ...);
    return s;
}

/// "0x" and `digits` lowercase hex digits, e.g. hex(0x800, 4) = "0x0800".
std::string hex(std::uint64_t v, int digits);
/// "0x1234 (4660)".
std::string hexDec(std::uint32_t v, int digits);
std::string ipv4Text(const std::uint8_t *p);
/// RFC 5952 text, like inet_ntop: "2001:db8::1", "::ffff:10.0.0.1".
std::string ipv6Text(const std::uint8_t *p);
std::string macText(const std::uint8_t *p);
/// An address of 4 or 16 bytes (IPv4 or IPv6); anything else as MAC or hex.
std::string addressText(const std::uint8_t *p, unsigned len);
/// Lowercase hex of up to `max` bytes, with "…" when there were more.
std::string hexBytes(const std::uint8_t *p, std::uint32_t n, std::uint32_t max = 24);
/// Bytes as text, non-printables as \xNN, cut to `max` characters with "…".
std::string printable(const std::uint8_t *p, std::uint32_t n, std::uint32_t max = 256);
/// Wireshark's bit picture of a field in a `bits`-wide word: mask 0xf0 of 0x45 in 8 bits gives
/// "0100 ....".
std::string bitPattern(std::uint32_t value, std::uint32_t mask, int bits);
/// bitPattern(...) + " = " + label.
std::string bitField(std::uint32_t value, std::uint32_t mask, int bits, std::string_view label);
/// "Set" or "Not set".
std::string_view setText(bool on);
/// "1 byte" or "N bytes".
std::string bytesText(std::uint64_t n);

} // namespace netlens::dissect
