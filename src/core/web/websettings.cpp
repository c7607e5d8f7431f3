// SPDX-License-Identifier: GPL-3.0-or-later
#include "web/websettings.h"

#include <QHostAddress>

namespace netlens {

namespace {
QString hostPart(const QString &address)
{
    return address.contains(QLatin1Char(':')) ? QLatin1Char('[') + address + QLatin1Char(']')
                                              : address;
}
} // namespace

bool WebSettings::parseListen(const QString &text, QString &error)
{
    const QString t = text.trimmed();
    QString addr;
    QString portText;
    if (t.startsWith(QLatin1Char('['))) {
        const qsizetype close = t.indexOf(QLatin1String("]:"));
        if (close < 0) {
            error = QStringLiteral("\"") + text +
                    QStringLiteral("\": an IPv6 address is written [ADDRESS]:PORT");
            return false;
        }
        addr = t.mid(1, close - 1);
        portText = t.mid(close + 2);
    } else if (const qsizetype colon = t.lastIndexOf(QLatin1Char(':')); colon >= 0) {
        if (t.indexOf(QLatin1Char(':')) != colon) {
            error = QStringLiteral("\"") + text +
                    QStringLiteral("\": an IPv6 address is written [ADDRESS]:PORT");
            return false;
        }
        addr = t.left(colon);
        portText = t.mid(colon + 1);
    } else {
        portText = t;
    }
    bool ok = false;
    const uint p = portText.toUInt(&ok);
    if (!ok || p > 65535) {
        error = QStringLiteral("\"") + text +
                QStringLiteral("\": the port must be a number from 0 to 65535, not \"") + portText +
                QStringLiteral("\"");
        return false;
    }
    if (!addr.isNull()) {
        if (addr.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
            addr = QStringLiteral("127.0.0.1");
        QHostAddress parsed;
        // IPv4 in four parts only: QHostAddress also takes "1.2.3" or "127.1".
        const bool v4 = !addr.contains(QLatin1Char(':'));
        if (addr.isEmpty() || !parsed.setAddress(addr) || !parsed.scopeId().isEmpty() ||
            (v4 && parsed.toString() != addr)) {
            error = QStringLiteral("\"") + text + QStringLiteral("\": \"") + addr +
                    QStringLiteral("\" is not an IP address");
            return false;
        }
        address = parsed.toString();
    }
    port = static_cast<quint16>(p);
    return true;
}

QString WebSettings::listenText() const
{
    return hostPart(address) + QLatin1Char(':') + QString::number(port);
}

QString WebSettings::url() const
{
    const QHostAddress a(address);
    const bool wildcard =
        a == QHostAddress(QHostAddress::AnyIPv4) || a == QHostAddress(QHostAddress::AnyIPv6);
    const QString host = wildcard ? QStringLiteral("127.0.0.1") : hostPart(address);
    return QStringLiteral("http://") + host + QLatin1Char(':') + QString::number(port) +
           QLatin1Char('/');
}

bool WebSettings::isLoopback() const
{
    if (address.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    return QHostAddress(address).isLoopback();
}

} // namespace netlens
