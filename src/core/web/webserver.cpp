// SPDX-License-Identifier: GPL-3.0-or-later
#include "web/webserver.h"

#include "web/dashboardfeed.h"
#include "web/webserverworker.h"

#include <QThread>

namespace netlens {

WebServer::WebServer(std::shared_ptr<DashboardFeed> feed, const WebSettings &settings,
                     QObject *parent)
    : QObject(parent)
    , m_feed(std::move(feed))
    , m_settings(settings)
{
}

WebServer::~WebServer()
{
    stop();
}

bool WebServer::start(QString &error)
{
    stop();
    if (!m_settings.isLoopback() && m_settings.token.isEmpty()) {
        error = m_settings.listenText() +
                QStringLiteral(": listening on an address other than loopback needs a token "
                               "(--token or NETLENS_WEB_TOKEN)");
        return false;
    }
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("netlens-web"));
    m_worker = new WebServerWorker(m_feed, m_settings);
    m_worker->moveToThread(m_thread);
    m_thread->start();
    bool ok = false;
    quint16 port = 0;
    // The QHttpServer and its sockets are made on the server thread, so they live there.
    QMetaObject::invokeMethod(
        m_worker, [&] { ok = m_worker->listen(error, port); }, Qt::BlockingQueuedConnection);
    if (!ok) {
        stop();
        return false;
    }
    m_port = port;
    return true;
}

void WebServer::stop()
{
    if (!m_thread)
        return;
    WebServerWorker *worker = m_worker;
    // Deleted on its own thread: its sockets must be closed where they live.
    QMetaObject::invokeMethod(
        worker, [worker] { delete worker; }, Qt::BlockingQueuedConnection);
    m_worker = nullptr;
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_port = 0;
}

bool WebServer::isRunning() const
{
    return m_thread != nullptr;
}

quint16 WebServer::port() const
{
    return m_port;
}

QString WebServer::url() const
{
    WebSettings bound = m_settings;
    bound.port = m_port;
    return bound.url();
}

} // namespace netlens
