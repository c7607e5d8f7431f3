// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "web/websettings.h"

#include <QObject>
#include <memory>

class QThread;

namespace netlens {

class DashboardFeed;
class WebServerWorker;

/**
 * The dashboard's HTTP server (Qt HTTP Server) on a thread of its own, so neither a slow
 * client nor a burst of requests can stall the capture or the UI. It reads only the feed.
 * Read-only: nothing it serves starts or stops anything.
 */
class WebServer final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebServer)

public:
    WebServer(std::shared_ptr<DashboardFeed> feed, const WebSettings &settings,
              QObject *parent = nullptr);
    ~WebServer() override; ///< stops and joins the thread

    /// Binds and listens; blocks until the server thread says whether it could. On failure
    /// returns false with a message naming the address and port ("127.0.0.1:5000: the port
    /// is in use"), or why a non-loopback address is refused (no token).
    bool start(QString &error);
    void stop();
    bool isRunning() const;
    /// The port actually bound (port 0 in the settings picks a free one).
    quint16 port() const;
    QString url() const; ///< http://127.0.0.1:PORT/
    const WebSettings &settings() const { return m_settings; }

private:
    std::shared_ptr<DashboardFeed> m_feed;
    WebSettings m_settings;
    QThread *m_thread = nullptr;
    WebServerWorker *m_worker = nullptr;
    quint16 m_port = 0;
};

} // namespace netlens
