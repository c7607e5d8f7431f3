// SPDX-License-Identifier: GPL-3.0-or-later
#include "web/webserverworker.h"

#include "web/boundedtcpserver.h"
#include "web/dashboardfeed.h"
#include "web/webrouter.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpSocket>
#include <QUrl>
#include <QUrlQuery>

namespace netlens {

namespace {
QByteArray methodName(QHttpServerRequest::Method method)
{
    using M = QHttpServerRequest::Method;
    switch (method) {
    case M::Get: return "GET";
    case M::Head: return "HEAD";
    case M::Post: return "POST";
    case M::Put: return "PUT";
    case M::Delete: return "DELETE";
    case M::Options: return "OPTIONS";
    case M::Patch: return "PATCH";
    case M::Connect: return "CONNECT";
    case M::Trace: return "TRACE";
    default: return "UNKNOWN";
    }
}
} // namespace

WebServerWorker::WebServerWorker(std::shared_ptr<DashboardFeed> feed, const WebSettings &settings)
    : m_feed(std::move(feed))
    , m_settings(settings)
{
}

WebServerWorker::~WebServerWorker()
{
    shutdown();
}

bool WebServerWorker::listen(QString &error, quint16 &port)
{
    WebAssets assets;
    if (!assets.load(error))
        return false;
    QHostAddress address(m_settings.address);
    if (address == QHostAddress(QHostAddress::AnyIPv6))
        address = QHostAddress::Any; // "::" means both families, as people expect
    m_http = new QHttpServer(this);
    m_tcp = new BoundedTcpServer(m_settings.maxConnections, m_settings.maxRequestBytes,
                                 m_settings.idleTimeoutMs, this);
    m_tcp->setHttpServer(m_http.data());
    if (address.isNull() || !m_tcp->listen(address, m_settings.port)) {
        error =
            m_settings.listenText() +
            QStringLiteral(": cannot listen: the port is in use or the address is not available");
        shutdown();
        return false;
    }
    port = m_tcp->serverPort();
    m_router = std::make_unique<WebRouter>(m_feed, m_settings, port, std::move(assets));
    // No routes: every request reaches the missing handler, where the router decides the
    // status and every header (Qt's routes would answer 404 for a wrong method, and skip
    // afterRequest hooks on such replies).
    m_http->setMissingHandler(
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            answer(request, responder.socket());
        });
    m_http->bind(m_tcp.data());
    return true;
}

void WebServerWorker::shutdown()
{
    m_router.reset();
    delete m_http.data(); // before the sockets it watches
    delete m_tcp.data();  // closes the listening socket; its connections are its children
}

void WebServerWorker::answer(const QHttpServerRequest &request, QTcpSocket *socket)
{
    if (!m_router || !socket)
        return;
    WebRequest req;
    req.method = methodName(request.method());
    const QUrl url = request.url();
    req.path = url.path(QUrl::FullyDecoded).toUtf8();
    if (req.path.isEmpty())
        req.path = "/";
    req.query = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    req.headers = request.headers();
    WebReply reply = m_router->handle(req);
    const bool close = req.header("connection").trimmed().toLower() == "close";
    if (close)
        reply.headers.append(qMakePair(QByteArray("Connection"), QByteArray("close")));
    socket->write(reply.serialize(req.method == "HEAD"));
    if (close)
        socket->disconnectFromHost();
}

} // namespace netlens
