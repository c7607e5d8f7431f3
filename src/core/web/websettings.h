// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

namespace netlens {

/**
 * Where and how the web dashboard listens. A value type: the window's settings, the CLI's
 * --web/--listen/--token and the tests each build one and pass it in.
 */
struct WebSettings {
    QString address = QStringLiteral("127.0.0.1");
    quint16 port = 5000;
    /// Empty: no credential (allowed only on a loopback address). Else every request needs
    /// it, as "Authorization: Bearer TOKEN", or once as ?token=TOKEN (which sets a cookie).
    QString token;
    int maxConnections = 64;            ///< open connections at once; more wait or are refused
    qint64 maxRequestBytes = 16 * 1024; ///< request line + headers + body
    int idleTimeoutMs = 30000;          ///< a connection that sends nothing for this long closes

    /// "PORT", "ADDR:PORT" or "[V6ADDR]:PORT" into address and port. On a bad value returns
    /// false with a message that names it (the address is kept when only a port is given).
    bool parseListen(const QString &text, QString &error);
    /// "127.0.0.1:5000", "[::1]:5000".
    QString listenText() const;
    /// http://ADDR:PORT/ (a wildcard address is shown as 127.0.0.1).
    QString url() const;
    bool isLoopback() const;
    bool operator==(const WebSettings &) const = default;
};

} // namespace netlens
