// SPDX-License-Identifier: GPL-3.0-or-later
#include "decode/dissecttext.h"

#include <algorithm>

namespace netlens::dissect {

namespace {
constexpr char kHexDigits[] = "0123456789abcdef";
} // namespace

std::string hex(std::uint64_t v, int digits)
{
    std::string s = "0x";
    int n = 1;
    while (n < 16 && (v >> (4 * n)) != 0)
        ++n;
    n = std::max(n, digits);
    for (int i = n - 1; i >= 0; --i)
        s += kHexDigits[(v >> (4 * i)) & 0xf];
    return s;
}

std::string hexDec(std::uint32_t v, int digits)
{
    return cat(hex(v, digits), " (", v, ')');
}

std::string ipv4Text(const std::uint8_t *p)
{
    return cat(p[0], '.', p[1], '.', p[2], '.', p[3]);
}

std::string ipv6Text(const std::uint8_t *p)
{
    std::uint16_t w[8];
    for (int i = 0; i < 8; ++i)
        w[i] = static_cast<std::uint16_t>((p[2 * i] << 8) | p[2 * i + 1]);
    // The longest run of two or more zero groups becomes "::" (the first one on a tie).
    int bestAt = -1, bestLen = 0;
    for (int i = 0; i < 8;) {
        if (w[i] != 0) {
            ++i;
            continue;
        }
        int j = i;
        while (j < 8 && w[j] == 0)
            ++j;
        if (j - i > bestLen && j - i >= 2) {
            bestAt = i;
            bestLen = j - i;
        }
        i = j;
    }
    // Embedded IPv4 where inet_ntop writes it: "::ffff:a.b.c.d" and "::a.b.c.d".
    const bool v4 = bestAt == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff) ||
                                    (bestLen == 7 && w[7] != 0x0001));
    std::string s;
    for (int i = 0; i < 8; ++i) {
        if (i == bestAt) {
            s += "::";
            i += bestLen - 1;
            continue;
        }
        if (v4 && i == 6) {
            s += ipv4Text(p + 12);
            break;
        }
        if (!s.empty() && s.back() != ':')
            s += ':';
        bool lead = true;
        for (int k = 3; k >= 0; --k) {
            const unsigned nib = (w[i] >> (4 * k)) & 0xf;
            if (lead && nib == 0 && k > 0)
                continue;
            lead = false;
            s += kHexDigits[nib];
        }
    }
    return s;
}

std::string macText(const std::uint8_t *p)
{
    std::string s;
    for (int i = 0; i < 6; ++i) {
        if (i)
            s += ':';
        s += kHexDigits[p[i] >> 4];
        s += kHexDigits[p[i] & 0xf];
    }
    return s;
}

std::string addressText(const std::uint8_t *p, unsigned len)
{
    if (len == 4)
        return ipv4Text(p);
    if (len == 16)
        return ipv6Text(p);
    if (len == 6)
        return macText(p);
    return hexBytes(p, len);
}

std::string hexBytes(const std::uint8_t *p, std::uint32_t n, std::uint32_t max)
{
    std::string s;
    const std::uint32_t shown = std::min(n, max);
    s.reserve(shown * 2 + 3);
    for (std::uint32_t i = 0; i < shown; ++i) {
        s += kHexDigits[p[i] >> 4];
        s += kHexDigits[p[i] & 0xf];
    }
    if (shown < n)
        s += "…";
    return s;
}

std::string printable(const std::uint8_t *p, std::uint32_t n, std::uint32_t max)
{
    std::string s;
    for (std::uint32_t i = 0; i < n; ++i) {
        if (s.size() >= max) {
            s += "…";
            break;
        }
        const std::uint8_t c = p[i];
        if (c >= 0x20 && c < 0x7f && c != '\\') {
            s += static_cast<char>(c);
        } else if (c == '\\') {
            s += "\\\\";
        } else if (c == '\r') {
            s += "\\r";
        } else if (c == '\n') {
            s += "\\n";
        } else if (c == '\t') {
            s += "\\t";
        } else {
            s += "\\x";
            s += kHexDigits[c >> 4];
            s += kHexDigits[c & 0xf];
        }
    }
    return s;
}

std::string bitPattern(std::uint32_t value, std::uint32_t mask, int bits)
{
    std::string s;
    for (int i = bits - 1; i >= 0; --i) {
        const std::uint32_t bit = 1u << i;
        s += (mask & bit) ? ((value & bit) ? '1' : '0') : '.';
        if (i % 4 == 0 && i != 0)
            s += ' ';
    }
    return s;
}

std::string bitField(std::uint32_t value, std::uint32_t mask, int bits, std::string_view label)
{
    return cat(bitPattern(value, mask, bits), " = ", label);
}

std::string_view setText(bool on)
{
    return on ? "Set" : "Not set";
}

std::string bytesText(std::uint64_t n)
{
    return n == 1 ? std::string("1 byte") : cat(n, " bytes");
}

} // namespace netlens::dissect
