// SPDX-License-Identifier: GPL-3.0-or-later
#include "history/historysettings.h"

#include <QNetworkInterface>
#include <cstring>

namespace netlens {

std::vector<Address> interfaceAddresses(const QString &name)
{
    std::vector<Address> out;
    const QNetworkInterface iface = QNetworkInterface::interfaceFromName(name);
    if (!iface.isValid())
        return out;
    for (const QNetworkAddressEntry &entry : iface.addressEntries()) {
        const QHostAddress ip = entry.ip();
        Address a;
        if (ip.protocol() == QAbstractSocket::IPv4Protocol) {
            const quint32 v4 = ip.toIPv4Address();
            const std::uint8_t b[4] = {
                static_cast<std::uint8_t>(v4 >> 24), static_cast<std::uint8_t>(v4 >> 16),
                static_cast<std::uint8_t>(v4 >> 8), static_cast<std::uint8_t>(v4)};
            std::memcpy(a.bytes.data(), b, 4);
            a.family = Address::V4;
        } else if (ip.protocol() == QAbstractSocket::IPv6Protocol) {
            const Q_IPV6ADDR v6 = ip.toIPv6Address();
            std::memcpy(a.bytes.data(), v6.c, 16);
            a.family = Address::V6;
        } else {
            continue;
        }
        out.push_back(a);
    }
    return out;
}

} // namespace netlens
