// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "web/websettings.h"

#include <QObject>
#include <QPointer>
#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QTcpSocket;

namespace netlens {

class BoundedTcpServer;
class DashboardFeed;
class WebRouter;

/**
 * The part of WebServer that lives on the server thread: the QHttpServer, its bounded
 * listening socket and the router. Created, used and destroyed on that thread only.
 */
class WebServerWorker final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebServerWorker)

public:
    WebServerWorker(std::shared_ptr<DashboardFeed> feed, const WebSettings &settings);
    ~WebServerWorker() override;

    /// Binds; on failure false with the message naming ADDR:PORT.
    bool listen(QString &error, quint16 &port);
    /// Closes the listening socket and every connection.
    void shutdown();

private:
    void answer(const QHttpServerRequest &request, QTcpSocket *socket);

    std::shared_ptr<DashboardFeed> m_feed;
    WebSettings m_settings;
    // Guarded: QAbstractHttpServer::bind() may take the listening socket as its child.
    QPointer<QHttpServer> m_http;
    QPointer<BoundedTcpServer> m_tcp;
    std::unique_ptr<WebRouter> m_router;
};

} // namespace netlens
