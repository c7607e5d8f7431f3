// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace netlens {

struct Address;

/**
 * A set of IPv4/IPv6 addresses and networks ("10.0.0.5", "10.0.0.0/8", "2001:db8::/32"),
 * as sorted, merged ranges: a lookup is a binary search, so a blacklist of many thousand
 * entries costs little per address (and each address is classified once anyway).
 */
class CidrSet {
public:
    /// Adds one entry; false with a message on text that is not an address or CIDR.
    bool add(const QString &text, QString &error);
    /// Reads `path`: one address or CIDR a line, '#' starts a comment, blank lines allowed.
    /// False with "path:line: ..." on the first bad line or an unreadable file.
    bool addFile(const QString &path, QString &error);
    bool contains(const Address &address) const;
    bool isEmpty() const { return m_v4.empty() && m_v6.empty(); }
    /// True if `text` is an address or CIDR.
    static bool isValid(const QString &text);

private:
    struct U128 {
        std::uint64_t hi = 0;
        std::uint64_t lo = 0;
        auto operator<=>(const U128 &) const = default;
    };
    struct Range4 {
        std::uint32_t lo, hi;
    };
    struct Range6 {
        U128 lo, hi;
    };
    void normalize() const;

    mutable std::vector<Range4> m_v4;
    mutable std::vector<Range6> m_v6;
    mutable bool m_sorted = true;
};

} // namespace netlens
