// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "web/websettings.h"

#include <QByteArray>
#include <QStringList>

namespace netlens {

/**
 * The dashboard's two gates: the Host header (a page on another site must not reach the
 * server through a DNS name rebound to 127.0.0.1) and the token (any address but loopback).
 * A value built once per listening server; every check is a pure function of the request's
 * header values.
 */
class WebSecurity {
public:
    WebSecurity(const WebSettings &settings, quint16 port);

    /// The Host header names the listening address and port (empty: refused).
    bool hostAllowed(const QByteArray &host) const;
    bool tokenRequired() const { return !m_token.isEmpty(); }
    /// `Authorization: Bearer TOKEN`.
    bool bearerOk(const QByteArray &authorization) const;
    /// A Cookie header holding netlens_session=<the session value>.
    bool cookieOk(const QByteArray &cookieHeader) const;
    bool tokenOk(const QByteArray &token) const;
    /// The Set-Cookie value sent after a right ?token=.
    QByteArray setCookie() const;

    /// Hex HMAC-SHA256(token, "netlens-session"): the cookie proves the token without being it.
    static QByteArray sessionValue(const QByteArray &token);
    /// Equal without an early exit, so timing does not tell how much of a guess was right.
    static bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

private:
    QByteArray m_token;
    QByteArray m_session;
    QByteArray m_portSuffix;   ///< ":PORT"
    QList<QByteArray> m_hosts; ///< allowed host parts (lowercase); empty with m_wildcard
    bool m_wildcard = false;
    QByteArray m_machineName;
};

} // namespace netlens
