// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A raw HTTP/1.1 client over QTcpSocket (the tests need to send any Host header, or none,
// and to see exactly what comes back), and a feed loaded from a corpus capture through the
// same CaptureSession and SessionFeed the window and `serve` use.

#include "session/capturesession.h"
#include "web/dashboardfeed.h"
#include "web/sessionfeed.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <memory>

namespace netlens::test {

inline QString corpus(const char *name)
{
    return QStringLiteral(NETLENS_CORPUS_DIR "/") + QLatin1String(name);
}

struct HttpReply {
    int status = 0; ///< 0: no reply (timeout or closed before one)
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[k, v] : headers)
            if (k.compare(name, Qt::CaseInsensitive) == 0)
                return v;
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString errorMessage() const
    {
        return json()
            .value(QLatin1String("error"))
            .toObject()
            .value(QLatin1String("message"))
            .toString();
    }
};

/// Reads one reply from `socket` (headers, then Content-Length bytes unless `head`).
inline HttpReply readReply(QTcpSocket &socket, bool head = false, int timeoutMs = 5000)
{
    HttpReply r;
    QByteArray buffer;
    QElapsedTimer clock;
    clock.start();
    qsizetype headerEnd = -1;
    qint64 length = -1;
    while (clock.elapsed() < timeoutMs) {
        if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(50)) {
            if (socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0)
                break;
            continue;
        }
        buffer += socket.readAll();
        if (headerEnd < 0 && (headerEnd = buffer.indexOf("\r\n\r\n")) >= 0) {
            const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
            r.status = lines.value(0).split(' ').value(1).toInt();
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines[i].trimmed();
                const qsizetype colon = line.indexOf(':');
                if (colon > 0)
                    r.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
            }
            length = head ? 0 : r.header("content-length").toLongLong();
        }
        if (headerEnd >= 0 && buffer.size() - headerEnd - 4 >= length) {
            r.body = buffer.mid(headerEnd + 4, length);
            break;
        }
    }
    if (headerEnd < 0)
        r.status = 0;
    return r;
}

/// One request on a new connection. `host`: the Host header (null: none sent).
inline HttpReply request(quint16 port, const QByteArray &target, const QByteArray &host,
                         const QList<QByteArray> &extraHeaders = {},
                         const QByteArray &method = "GET")
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(3000))
        return {};
    QByteArray req = method + ' ' + target + " HTTP/1.1\r\n";
    if (!host.isNull())
        req += "Host: " + host + "\r\n";
    for (const QByteArray &h : extraHeaders)
        req += h + "\r\n";
    req += "\r\n";
    socket.write(req);
    return readReply(socket, method == "HEAD");
}

inline HttpReply get(quint16 port, const QByteArray &target, const QList<QByteArray> &headers = {})
{
    return request(port, target, "127.0.0.1:" + QByteArray::number(port), headers);
}

/// The security headers every reply must carry; empty when all are there, else the first
/// one missing.
inline QByteArray missingSecurityHeader(const HttpReply &r)
{
    const QList<QPair<QByteArray, QByteArray>> expected = {
        {"Content-Security-Policy", "default-src 'self'"},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"X-Frame-Options", "DENY"},
        {"Cache-Control", "no-store"}};
    for (const auto &[k, v] : expected)
        if (r.header(k) != v)
            return k;
    return {};
}

/// A feed filled from `file` by a real CaptureSession, waited for until it finished.
struct LoadedFeed {
    std::shared_ptr<DashboardFeed> feed = std::make_shared<DashboardFeed>();
    std::unique_ptr<CaptureSession> session;
    std::unique_ptr<SessionFeed> follower;

    bool load(const QString &file, const AlertSettings &alerts = {})
    {
        session.reset(CaptureSession::openFiles({file}, nullptr, 0, alerts));
        follower = std::make_unique<SessionFeed>(feed);
        follower->follow(session.get());
        QSignalSpy done(session.get(), &CaptureSession::finished);
        return done.wait(30000);
    }
};

/// `netlens-cli ARGS`; stdout, or empty on failure.
inline QByteArray runCli(const QStringList &args, int *exitCode = nullptr)
{
    QProcess p;
    p.start(QStringLiteral(NETLENS_CLI), args);
    if (!p.waitForFinished(60000))
        return {};
    if (exitCode)
        *exitCode = p.exitCode();
    return p.readAllStandardOutput();
}

/// The text `netlens-cli analyze --json` writes for `file` (into `dir`); empty on failure.
inline QByteArray analyzeJsonText(const QString &file, const QString &dir, int *exitCode = nullptr)
{
    const QString json = QDir(dir).filePath(QFileInfo(file).fileName() + QStringLiteral(".json"));
    runCli({QStringLiteral("analyze"), QStringLiteral("--quiet"), QStringLiteral("--no-csv"),
            QStringLiteral("--json"), json, file},
           exitCode);
    QFile f(json);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace netlens::test
