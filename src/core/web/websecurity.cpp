// SPDX-License-Identifier: GPL-3.0-or-later
#include "web/websecurity.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QMessageAuthenticationCode>
#include <QSysInfo>

namespace netlens {

WebSecurity::WebSecurity(const WebSettings &settings, quint16 port)
    : m_token(settings.token.toUtf8())
    , m_portSuffix(':' + QByteArray::number(port))
    , m_machineName(QSysInfo::machineHostName().toLower().toUtf8())
{
    if (!m_token.isEmpty())
        m_session = sessionValue(m_token);
    const QHostAddress a(settings.address);
    if (a == QHostAddress(QHostAddress::AnyIPv4) || a == QHostAddress(QHostAddress::AnyIPv6)) {
        m_wildcard = true;
    } else if (a == QHostAddress(QHostAddress::LocalHost)) {
        m_hosts = {QByteArrayLiteral("127.0.0.1"), QByteArrayLiteral("localhost")};
    } else if (a == QHostAddress(QHostAddress::LocalHostIPv6)) {
        m_hosts = {QByteArrayLiteral("[::1]"), QByteArrayLiteral("localhost")};
    } else {
        const QByteArray text = a.toString().toLower().toUtf8();
        m_hosts = {a.protocol() == QAbstractSocket::IPv6Protocol ? '[' + text + ']' : text};
    }
}

bool WebSecurity::hostAllowed(const QByteArray &hostHeader) const
{
    const QByteArray host = hostHeader.trimmed().toLower();
    if (!host.endsWith(m_portSuffix))
        return false;
    const QByteArray name = host.chopped(m_portSuffix.size());
    if (name.isEmpty())
        return false;
    if (!m_wildcard)
        return m_hosts.contains(name);
    if (!m_machineName.isEmpty() && name == m_machineName)
        return true;
    // Any IP literal: a rebinding attack needs a name, and a literal is no name.
    QByteArray literal = name;
    if (literal.startsWith('[') && literal.endsWith(']'))
        literal = literal.mid(1, literal.size() - 2);
    else if (literal.contains(':'))
        return false; // an IPv6 literal must be bracketed
    QHostAddress parsed;
    if (!parsed.setAddress(QString::fromLatin1(literal)))
        return false;
    // QHostAddress also takes "1" or "127.1"; only the canonical dotted quad counts.
    return parsed.protocol() == QAbstractSocket::IPv6Protocol ||
           parsed.toString().toLatin1() == literal;
}

bool WebSecurity::bearerOk(const QByteArray &authorization) const
{
    const QByteArray a = authorization.trimmed();
    if (!a.left(7).toLower().startsWith("bearer "))
        return false;
    return tokenOk(a.mid(7).trimmed());
}

bool WebSecurity::cookieOk(const QByteArray &cookieHeader) const
{
    if (m_session.isEmpty())
        return false;
    for (const QByteArray &part : cookieHeader.split(';')) {
        const QByteArray p = part.trimmed();
        if (p.startsWith("netlens_session=") && constantTimeEquals(p.mid(16), m_session))
            return true;
    }
    return false;
}

bool WebSecurity::tokenOk(const QByteArray &token) const
{
    return !m_token.isEmpty() && constantTimeEquals(token, m_token);
}

QByteArray WebSecurity::setCookie() const
{
    return "netlens_session=" + m_session + "; HttpOnly; SameSite=Strict; Path=/";
}

QByteArray WebSecurity::sessionValue(const QByteArray &token)
{
    return QMessageAuthenticationCode::hash(QByteArrayLiteral("netlens-session"), token,
                                            QCryptographicHash::Sha256)
        .toHex();
}

bool WebSecurity::constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    // Compared as digests: the same length whatever was sent, so neither the length nor the
    // first differing byte shows in the time taken.
    const QByteArray x = QCryptographicHash::hash(a, QCryptographicHash::Sha256);
    const QByteArray y = QCryptographicHash::hash(b, QCryptographicHash::Sha256);
    unsigned char diff = 0;
    for (qsizetype i = 0; i < x.size(); ++i)
        diff |= static_cast<unsigned char>(x[i] ^ y[i]);
    return diff == 0;
}

} // namespace netlens
