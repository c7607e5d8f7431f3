// SPDX-License-Identifier: GPL-3.0-or-later
#include "web/boundedtcpserver.h"

#include "web/webreply.h"

#include <QTcpSocket>
#include <QTimer>
#include <memory>

namespace netlens {

BoundedTcpServer::BoundedTcpServer(int maxConnections, qint64 maxRequestBytes, int idleTimeoutMs,
                                   QObject *parent)
    : QTcpServer(parent)
    , m_maxConnections(std::max(1, maxConnections))
    , m_maxRequestBytes(std::max<qint64>(1024, maxRequestBytes))
    , m_idleTimeoutMs(std::max(100, idleTimeoutMs))
{
}

void BoundedTcpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    ++m_open;
    connect(socket, &QObject::destroyed, this, &BoundedTcpServer::released);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);

    // Small replies to polls: no waiting for an ACK before the last segment goes out.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    auto *idle = new QTimer(socket);
    idle->setSingleShot(true);
    idle->setInterval(m_idleTimeoutMs);
    connect(idle, &QTimer::timeout, socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });
    idle->start();
    // A request must be complete within the idle timeout of its first byte: a client that
    // trickles a byte now and then keeps the idle timer running but not this one.
    auto *deadline = new QTimer(socket);
    deadline->setSingleShot(true);
    deadline->setInterval(m_idleTimeoutMs);
    connect(deadline, &QTimer::timeout, socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });

    // Connected before the HTTP server's own readyRead handler (it connects when it takes
    // the socket below), so the bytes are counted before it parses them.
    auto requestBytes = std::make_shared<qint64>(0);
    auto refused = std::make_shared<bool>(false);
    connect(socket, &QTcpSocket::readyRead, this,
            [this, socket, idle, deadline, requestBytes, refused] {
                idle->start();
                if (*requestBytes == 0 && !deadline->isActive())
                    deadline->start();
                if (*refused) {
                    socket->readAll(); // nobody parses it any more
                    return;
                }
                *requestBytes += socket->bytesAvailable();
                if (*requestBytes > m_maxRequestBytes) {
                    *refused = true;
                    refuse(socket);
                }
            });
    connect(socket, &QTcpSocket::bytesWritten, this, [idle, deadline, requestBytes] {
        idle->start();
        deadline->stop();
        *requestBytes = 0; // a reply went out: the next request starts counting afresh
    });
    addPendingConnection(socket); // QTcpServer emits newConnection() after this returns
}

QTcpSocket *BoundedTcpServer::nextPendingConnection()
{
    QTcpSocket *socket = QTcpServer::nextPendingConnection();
    // The rest wait in the kernel's backlog until a connection closes (released()).
    if (m_open >= m_maxConnections)
        pauseAccepting();
    return socket;
}

void BoundedTcpServer::refuse(QTcpSocket *socket)
{
    if (m_http)
        disconnect(socket, nullptr, m_http, nullptr);
    if (socket->isTransactionStarted())
        socket->commitTransaction();
    socket->readAll();
    WebReply r = WebReply::error(
        413, QStringLiteral("request too large: more than ") + QString::number(m_maxRequestBytes) +
                 QStringLiteral(" bytes of request line, headers and body"));
    r.headers.append(qMakePair(QByteArray("Connection"), QByteArray("close")));
    socket->write(r.serialize(false));
    socket->disconnectFromHost();
}

void BoundedTcpServer::released()
{
    if (--m_open < m_maxConnections)
        resumeAccepting();
}

} // namespace netlens
