// SPDX-License-Identifier: GPL-3.0-or-later
#include "web/webreply.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace netlens {

QByteArray WebRequest::header(const QByteArray &name) const
{
    for (const auto &[k, v] : headers)
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}

bool WebRequest::hasHeader(const QByteArray &name) const
{
    for (const auto &h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

WebReply WebReply::error(int status, const QString &message)
{
    WebReply r;
    r.status = status;
    r.contentType = "application/json; charset=utf-8";
    r.body = QJsonDocument(QJsonObject{{QStringLiteral("error"),
                                        QJsonObject{{QStringLiteral("status"), status},
                                                    {QStringLiteral("message"), message}}}})
                 .toJson(QJsonDocument::Compact);
    return r;
}

WebReply WebReply::json(QByteArray body)
{
    WebReply r;
    r.contentType = "application/json; charset=utf-8";
    r.body = std::move(body);
    return r;
}

QByteArray WebReply::reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 303: return "See Other";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Payload Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    }
    return "Unknown";
}

QByteArray WebReply::serialize(bool head) const
{
    QByteArray out;
    out.reserve(body.size() + 512);
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    if (!contentType.isEmpty())
        out += "Content-Type: " + contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "Content-Security-Policy: default-src 'self'\r\n"
           "X-Content-Type-Options: nosniff\r\n"
           "Referrer-Policy: no-referrer\r\n"
           "X-Frame-Options: DENY\r\n"
           "Cache-Control: no-store\r\n";
    for (const auto &[k, v] : headers)
        out += k + ": " + v + "\r\n";
    out += "\r\n";
    if (!head)
        out += body;
    return out;
}

} // namespace netlens
