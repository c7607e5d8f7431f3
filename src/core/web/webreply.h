// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace netlens {

/// One HTTP request as the router sees it: method, decoded path and query, raw headers.
struct WebRequest {
    QByteArray method;
    QByteArray path;
    QList<QPair<QString, QString>> query; ///< fully decoded, in order
    QList<QPair<QByteArray, QByteArray>> headers;
    /// The first header of that name (case-insensitive); null when absent.
    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
};

/// One reply: status, type, body and extra headers; serialize() adds the security headers
/// every reply carries, so no path (an error included) can go out without them.
struct WebReply {
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    /// {"error":{"status":N,"message":"..."}}
    static WebReply error(int status, const QString &message);
    static WebReply json(QByteArray body);
    /// The bytes on the wire; `head`: headers only (Content-Length still of the body).
    QByteArray serialize(bool head) const;
    static QByteArray reasonPhrase(int status);
};

} // namespace netlens
