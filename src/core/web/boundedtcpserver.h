// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTcpServer>

namespace netlens {

/**
 * The listening socket under QHttpServer (QAbstractHttpServer::bind), with the bounds Qt
 * HTTP Server does not have: at most maxConnections open at once (past that it stops
 * accepting, so more wait in the kernel's backlog), at most maxRequestBytes read per
 * connection since its last reply (past that: 413 and closed), and an idle timeout per
 * connection. A client that trickles bytes or never reads can hold one slot for at most the
 * idle timeout, and never the server thread.
 */
class BoundedTcpServer final : public QTcpServer {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BoundedTcpServer)

public:
    BoundedTcpServer(int maxConnections, qint64 maxRequestBytes, int idleTimeoutMs,
                     QObject *parent = nullptr);
    /// The object whose socket connections are cut when a request is refused (the HTTP
    /// server), so it never parses the rest.
    void setHttpServer(QObject *server) { m_http = server; }
    int openConnections() const { return m_open; }
    /// Pauses again when at the bound: QTcpServer's own resumes accepting here.
    QTcpSocket *nextPendingConnection() override;

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void refuse(QTcpSocket *socket);
    void released();

    int m_maxConnections;
    qint64 m_maxRequestBytes;
    int m_idleTimeoutMs;
    int m_open = 0;
    QObject *m_http = nullptr;
};

} // namespace netlens
