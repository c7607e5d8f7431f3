// SPDX-License-Identifier: GPL-3.0-or-later
#include "web/webrouter.h"

#include "web/dashboardfeed.h"
#include "web/webapi.h"

#include <QUrl>

namespace netlens {

namespace {
QString quoted(const QByteArray &text)
{
    return QLatin1Char('"') + QString::fromUtf8(text.left(200)) + QLatin1Char('"');
}
} // namespace

WebRouter::WebRouter(std::shared_ptr<DashboardFeed> feed, const WebSettings &settings, quint16 port,
                     WebAssets assets)
    : m_feed(std::move(feed))
    , m_security(settings, port)
    , m_assets(std::move(assets))
{
    WebSettings bound = settings;
    bound.port = port;
    m_listen = bound.listenText();
}

WebReply WebRouter::handle(const WebRequest &request) const
{
    // Host first: a page from another site reaching us by a rebound name learns nothing,
    // not even whether a token is needed.
    if (!request.hasHeader("host"))
        return WebReply::error(403, QStringLiteral("Host header missing: ") + m_listen +
                                        QStringLiteral(" answers requests for itself only"));
    if (const QByteArray host = request.header("host"); !m_security.hostAllowed(host))
        return WebReply::error(403, QStringLiteral("Host header ") + quoted(host) +
                                        QStringLiteral(" is not allowed: ") + m_listen +
                                        QStringLiteral(" answers requests for itself only"));
    if (request.method != "GET" && request.method != "HEAD") {
        WebReply r = WebReply::error(405, QStringLiteral("method ") + quoted(request.method) +
                                              QStringLiteral(" is not allowed: the dashboard "
                                                             "is read-only (GET, HEAD)"));
        r.headers.append(qMakePair(QByteArray("Allow"), QByteArray("GET, HEAD")));
        return r;
    }

    QList<QPair<QString, QString>> query;
    QByteArray token;
    bool hasToken = false;
    for (const auto &item : request.query) {
        if (item.first == QLatin1String("token")) {
            hasToken = true;
            token = item.second.toUtf8();
        } else {
            query.append(item);
        }
    }
    if (m_security.tokenRequired()) {
        if (hasToken) {
            if (!m_security.tokenOk(token))
                return WebReply::error(401, QStringLiteral("token: wrong token"));
            // The token leaves the address bar (and the history) at once; the cookie
            // carries the proof from now on.
            QByteArray location = QUrl::toPercentEncoding(QString::fromUtf8(request.path), "/");
            // "//host/x" would be read as another site's address: one leading slash only.
            while (location.startsWith("//"))
                location.remove(0, 1);
            QByteArray rest;
            for (const auto &[k, v] : query)
                rest += (rest.isEmpty() ? "?" : "&") + QUrl::toPercentEncoding(k) + '=' +
                        QUrl::toPercentEncoding(v);
            WebReply r;
            r.status = 303;
            r.headers.append(qMakePair(QByteArray("Location"), QByteArray(location + rest)));
            r.headers.append(
                qMakePair(QByteArray("Set-Cookie"), QByteArray(m_security.setCookie())));
            return r;
        }
        if (!m_security.bearerOk(request.header("authorization")) &&
            !m_security.cookieOk(request.header("cookie")))
            return WebReply::error(401, QStringLiteral("token missing or wrong: send "
                                                       "\"Authorization: Bearer TOKEN\" or open "
                                                       "the page once with ?token=TOKEN"));
    }

    WebReply reply;
    if (webapi::handle(*m_feed, request.path, query, reply))
        return reply;
    const bool page = request.path == "/" || request.path == "/index.html";
    const WebAssets::Asset *asset = page ? nullptr : m_assets.find(request.path);
    if (!page && !asset)
        return WebReply::error(404, quoted(request.path) + QStringLiteral(": no such path"));
    if (!query.isEmpty())
        return WebReply::error(400, query.first().first + QStringLiteral(": unknown parameter"));
    if (asset) {
        reply.contentType = asset->contentType;
        reply.body = asset->body;
    } else {
        reply.contentType = "text/html; charset=utf-8";
        reply.body = m_assets.indexPage(WebAssets::language(request.header("accept-language")));
    }
    return reply;
}

} // namespace netlens
