// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/cidrset.h"

#include "store/addresstable.h"

#include <QFile>
#include <QHostAddress>
#include <algorithm>

namespace netlens {

namespace {
bool parse(const QString &text, QHostAddress &address, int &prefix)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return false;
    // QHostAddress takes inet_aton's short forms ("10.1" is 10.0.0.1): a list means four parts.
    const QString host = t.section(QLatin1Char('/'), 0, 0);
    if (!host.contains(QLatin1Char(':')) && host.count(QLatin1Char('.')) != 3)
        return false;
    if (!t.contains(QLatin1Char('/'))) {
        if (!address.setAddress(t))
            return false;
        prefix = address.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128;
        return address.protocol() == QAbstractSocket::IPv4Protocol ||
               address.protocol() == QAbstractSocket::IPv6Protocol;
    }
    const auto subnet = QHostAddress::parseSubnet(t);
    if (subnet.second < 0 || subnet.first.isNull())
        return false;
    address = subnet.first;
    prefix = subnet.second;
    return true;
}
} // namespace

bool CidrSet::isValid(const QString &text)
{
    QHostAddress a;
    int prefix = 0;
    return parse(text, a, prefix);
}

bool CidrSet::add(const QString &text, QString &error)
{
    QHostAddress a;
    int prefix = 0;
    if (!parse(text, a, prefix)) {
        error = QStringLiteral("\"%1\" is not an IP address or CIDR").arg(text.trimmed());
        return false;
    }
    m_sorted = false;
    if (a.protocol() == QAbstractSocket::IPv4Protocol) {
        const std::uint32_t v = a.toIPv4Address();
        const std::uint32_t mask = prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix);
        m_v4.push_back({v & mask, (v & mask) | ~mask});
        return true;
    }
    const Q_IPV6ADDR b = a.toIPv6Address();
    U128 v;
    for (int i = 0; i < 8; ++i) {
        v.hi = v.hi << 8 | b[i];
        v.lo = v.lo << 8 | b[i + 8];
    }
    U128 mask;
    mask.hi = prefix >= 64 ? ~0ull : (prefix == 0 ? 0 : ~0ull << (64 - prefix));
    mask.lo = prefix <= 64 ? 0 : (prefix == 128 ? ~0ull : ~0ull << (128 - prefix));
    const U128 lo{v.hi & mask.hi, v.lo & mask.lo};
    m_v6.push_back({lo, {lo.hi | ~mask.hi, lo.lo | ~mask.lo}});
    return true;
}

bool CidrSet::addFile(const QString &path, QString &error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) {
        error = QStringLiteral("%1: cannot read the address list: %2").arg(path, f.errorString());
        return false;
    }
    int line = 0;
    while (!f.atEnd()) {
        ++line;
        QString text = QString::fromUtf8(f.readLine());
        const qsizetype hash = text.indexOf(QLatin1Char('#'));
        if (hash >= 0)
            text.truncate(hash);
        if (text.trimmed().isEmpty())
            continue;
        QString why;
        if (!add(text, why)) {
            error = QStringLiteral("%1:%2: %3").arg(path).arg(line).arg(why);
            return false;
        }
    }
    return true;
}

void CidrSet::normalize() const
{
    if (m_sorted)
        return;
    m_sorted = true;
    // Sorted by start and merged, so at most one range can hold an address.
    const auto merge = [](auto &ranges, auto adjacent) {
        std::sort(ranges.begin(), ranges.end(),
                  [](const auto &a, const auto &b) { return a.lo < b.lo; });
        std::size_t out = 0;
        for (std::size_t i = 0; i < ranges.size(); ++i) {
            if (out > 0 && adjacent(ranges[out - 1].hi, ranges[i].lo)) {
                ranges[out - 1].hi = std::max(ranges[out - 1].hi, ranges[i].hi);
                continue;
            }
            ranges[out++] = ranges[i];
        }
        ranges.resize(out);
    };
    merge(m_v4, [](std::uint32_t hi, std::uint32_t lo) { return lo <= hi; });
    merge(m_v6, [](const U128 &hi, const U128 &lo) { return lo <= hi; });
}

bool CidrSet::contains(const Address &address) const
{
    normalize();
    const auto &b = address.bytes;
    if (address.family == Address::V4) {
        const std::uint32_t v =
            std::uint32_t(b[0]) << 24 | std::uint32_t(b[1]) << 16 | std::uint32_t(b[2]) << 8 | b[3];
        auto it = std::upper_bound(m_v4.begin(), m_v4.end(), v,
                                   [](std::uint32_t x, const Range4 &r) { return x < r.lo; });
        return it != m_v4.begin() && v <= std::prev(it)->hi;
    }
    if (address.family == Address::V6) {
        U128 v;
        for (int i = 0; i < 8; ++i) {
            v.hi = v.hi << 8 | b[static_cast<std::size_t>(i)];
            v.lo = v.lo << 8 | b[static_cast<std::size_t>(i + 8)];
        }
        auto it = std::upper_bound(m_v6.begin(), m_v6.end(), v,
                                   [](const U128 &x, const Range6 &r) { return x < r.lo; });
        return it != m_v6.begin() && v <= std::prev(it)->hi;
    }
    return false;
}

} // namespace netlens
