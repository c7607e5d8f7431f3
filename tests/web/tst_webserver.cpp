// SPDX-License-Identifier: GPL-3.0-or-later
// The dashboard server's gates and bounds, on real servers on free loopback ports: the Host
// check against DNS rebinding, the token (bearer, ?token= -> 303 + HttpOnly cookie), the
// refusal of a non-loopback address without a token, a port in use, the security headers on
// every reply, the request size, connection and idle bounds; and netlens-cli serve as a
// process.

#include "web/websecurity.h"
#include "web/webserver.h"
#include "webtesthelpers.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QSysInfo>
#include <QTcpServer>
#include <QTemporaryDir>
#include <csignal>

using namespace netlens;
using namespace netlens::test;

namespace {
std::unique_ptr<WebServer> startServer(const std::shared_ptr<DashboardFeed> &feed,
                                       WebSettings settings, QString *error = nullptr)
{
    auto server = std::make_unique<WebServer>(feed, settings);
    QString why;
    if (!server->start(why)) {
        if (error)
            *error = why;
        return nullptr;
    }
    return server;
}
QByteArray hostOf(quint16 port, const char *name = "127.0.0.1")
{
    return QByteArray(name) + ':' + QByteArray::number(port);
}
} // namespace

class TestWebServer : public QObject {
    Q_OBJECT

private:
    LoadedFeed m_loaded;
    WebSettings m_local; ///< 127.0.0.1, a free port

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_loaded.load(corpus("zeek__smtp.pcap")));
        m_local.port = 0;
    }

    void listenParsing_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("address"); // empty: refused
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("error");
        QTest::newRow("port") << "8080"
                              << "127.0.0.1" << 8080 << "";
        QTest::newRow("v4") << "0.0.0.0:80"
                            << "0.0.0.0" << 80 << "";
        QTest::newRow("v6") << "[::1]:5001"
                            << "::1" << 5001 << "";
        QTest::newRow("localhost") << "localhost:0"
                                   << "127.0.0.1" << 0 << "";
        QTest::newRow("big port") << "127.0.0.1:70000"
                                  << "" << 0
                                  << "\"127.0.0.1:70000\": the port must be a number from 0 to "
                                     "65535, not \"70000\"";
        QTest::newRow("name") << "example.org:80"
                              << "" << 0
                              << "\"example.org:80\": \"example.org\" is not an IP address";
        QTest::newRow("short v4") << "1.2.3:80"
                                  << "" << 0 << "\"1.2.3:80\": \"1.2.3\" is not an IP address";
        QTest::newRow("bare v6") << "::1:80"
                                 << "" << 0
                                 << "\"::1:80\": an IPv6 address is written [ADDRESS]:PORT";
    }
    void listenParsing()
    {
        QFETCH(QString, text);
        QFETCH(QString, address);
        QFETCH(int, port);
        QFETCH(QString, error);
        WebSettings s;
        QString why;
        QCOMPARE(s.parseListen(text, why), !address.isEmpty());
        QCOMPARE(why, error);
        if (address.isEmpty())
            return;
        QCOMPARE(s.address, address);
        QCOMPARE(int(s.port), port);
        QCOMPARE(s.isLoopback(), address != QLatin1String("0.0.0.0"));
        QCOMPARE(s.url(), address == QLatin1String("::1")
                              ? QStringLiteral("http://[::1]:%1/").arg(port)
                              : QStringLiteral("http://127.0.0.1:%1/").arg(port));
    }

    void hostCheck()
    {
        const auto server = startServer(m_loaded.feed, m_local);
        QVERIFY(server);
        const quint16 port = server->port();
        for (const QByteArray &good :
             {hostOf(port), hostOf(port, "localhost"), hostOf(port, "LocalHost")}) {
            const HttpReply r = request(port, "/api/v1/status", good);
            QVERIFY2(r.status == 200, good.constData());
        }
        // A rebound name, another port, no port, another loopback form, and none at all.
        for (const QByteArray &bad :
             {hostOf(port, "attacker.example"), hostOf(port, "127.0.0.1.nip.io"),
              hostOf(static_cast<quint16>(port + 1)), QByteArray("127.0.0.1"),
              hostOf(port, "[::1]"), hostOf(port, "127.1"), QByteArray()}) {
            const HttpReply r = request(port, "/api/v1/summary", bad);
            QVERIFY2(r.status == 403, bad.constData());
            QVERIFY(r.errorMessage().contains(QStringLiteral("Host header")));
            QCOMPARE(missingSecurityHeader(r), QByteArray());
            QVERIFY(!r.body.contains("\"packets\""));
        }
    }

    void wildcardAddress()
    {
        WebSettings settings;
        settings.address = QStringLiteral("0.0.0.0");
        settings.port = 0;
        settings.token = QStringLiteral("wild-token");
        const auto server = startServer(m_loaded.feed, settings);
        QVERIFY(server);
        const quint16 port = server->port();
        QCOMPARE(server->url(), QStringLiteral("http://127.0.0.1:%1/").arg(port));
        const QByteArray auth = "Authorization: Bearer wild-token";
        const QByteArray machine = QSysInfo::machineHostName().toUtf8();
        for (const QByteArray &good : {hostOf(port), hostOf(port, "10.1.2.3"),
                                       QByteArray(machine + ':' + QByteArray::number(port))})
            QVERIFY2(request(port, "/api/v1/status", good, {auth}).status == 200, good.constData());
        for (const QByteArray &bad : {hostOf(port, "attacker.example"), hostOf(port, "10.1.2")})
            QVERIFY2(request(port, "/api/v1/status", bad, {auth}).status == 403, bad.constData());
    }

    void nonLoopbackNeedsToken()
    {
        for (const char *address : {"0.0.0.0", "::", "192.0.2.1"}) {
            WebSettings settings;
            settings.address = QLatin1String(address);
            settings.port = 5000;
            QString error;
            QVERIFY(!startServer(m_loaded.feed, settings, &error));
            QCOMPARE(error, settings.listenText() +
                                QStringLiteral(": listening on an address other than loopback "
                                               "needs a token (--token or NETLENS_WEB_TOKEN)"));
        }
    }

    void portInUse()
    {
        QTcpServer holder;
        QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
        WebSettings settings;
        settings.port = holder.serverPort();
        QString error;
        QVERIFY(!startServer(m_loaded.feed, settings, &error));
        QCOMPARE(error, QStringLiteral("127.0.0.1:%1: cannot listen: the port is in use or the "
                                       "address is not available")
                            .arg(holder.serverPort()));
    }

    void token()
    {
        WebSettings settings = m_local;
        settings.token = QStringLiteral("s3cret-T0ken");
        const auto server = startServer(m_loaded.feed, settings);
        QVERIFY(server);
        const quint16 port = server->port();
        const QByteArray target = "/api/v1/talkers?n=2";
        const HttpReply none = get(port, target);
        QCOMPARE(none.status, 401);
        QCOMPARE(missingSecurityHeader(none), QByteArray());
        QCOMPARE(get(port, target, {"Authorization: Bearer wrong"}).status, 401);
        QCOMPARE(get(port, target, {"Authorization: Bearer s3cret-T0ke"}).status, 401);
        QCOMPARE(get(port, target, {"Cookie: netlens_session=s3cret-T0ken"}).status, 401);
        const HttpReply bearer = get(port, target, {"Authorization: Bearer s3cret-T0ken"});
        QCOMPARE(bearer.status, 200);
        QCOMPARE(bearer.json().value(QLatin1String("talkers")).toArray().size(), 2);

        QCOMPARE(get(port, target + "&token=nope").status, 401);
        const HttpReply once = get(port, target + "&token=s3cret-T0ken");
        QCOMPARE(once.status, 303);
        QCOMPARE(once.header("location"), QByteArray("/api/v1/talkers?n=2"));
        QCOMPARE(missingSecurityHeader(once), QByteArray());
        const QByteArray session =
            QMessageAuthenticationCode::hash("netlens-session", "s3cret-T0ken",
                                             QCryptographicHash::Sha256)
                .toHex();
        QCOMPARE(once.header("set-cookie"),
                 "netlens_session=" + session + "; HttpOnly; SameSite=Strict; Path=/");
        QCOMPARE(get(port, target, {"Cookie: a=b; netlens_session=" + session}).status, 200);
        // No open redirect: the 303 stays on this server, whatever the path looks like.
        const HttpReply sneaky = get(port, "//attacker.example/x?token=s3cret-T0ken");
        QCOMPARE(sneaky.status, 303);
        QVERIFY2(!sneaky.header("location").startsWith("//"),
                 sneaky.header("location").constData());
        QCOMPARE(get(port, target, {"Cookie: netlens_session=" + session.left(63) + "0"}).status,
                 401);

        // A browser's way: QNetworkAccessManager follows the 303 and keeps the cookie.
        QNetworkAccessManager nam;
        QNetworkReply *reply = nam.get(QNetworkRequest(
            QUrl(server->url() + QStringLiteral("api/v1/status?token=s3cret-T0ken"))));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->url().toString(), server->url() + QStringLiteral("api/v1/status"));
        QCOMPARE(QJsonDocument::fromJson(reply->readAll())
                     .object()
                     .value(QLatin1String("state"))
                     .toString(),
                 QStringLiteral("finished"));
        reply->deleteLater();
        QNetworkReply *second = nam.get(QNetworkRequest(QUrl(server->url())));
        QSignalSpy secondDone(second, &QNetworkReply::finished);
        QVERIFY(secondDone.wait(5000));
        QCOMPARE(second->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        second->deleteLater();
    }

    void oversizeRequest()
    {
        WebSettings settings = m_local;
        settings.maxRequestBytes = 4096;
        const auto server = startServer(m_loaded.feed, settings);
        QVERIFY(server);
        const quint16 port = server->port();
        for (const QByteArray &extra :
             {QByteArray("X-Pad: " + QByteArray(8000, 'a') + "\r\n"),
              QByteArray("Content-Length: 20000\r\n\r\n" + QByteArray(20000, 'b'))}) {
            QTcpSocket socket;
            socket.connectToHost(QStringLiteral("127.0.0.1"), port);
            QVERIFY(socket.waitForConnected(3000));
            QByteArray req =
                "GET /api/v1/status HTTP/1.1\r\nHost: " + hostOf(port) + "\r\n" + extra;
            if (!extra.startsWith("Content-Length"))
                req += "\r\n";
            socket.write(req);
            const HttpReply r = readReply(socket);
            QCOMPARE(r.status, 413);
            QVERIFY(r.errorMessage().contains(QStringLiteral("4096")));
            QCOMPARE(missingSecurityHeader(r), QByteArray());
            QVERIFY(socket.state() == QAbstractSocket::UnconnectedState ||
                    socket.waitForDisconnected(3000));
        }
        // Just under the bound is fine, and the server still answers.
        const HttpReply ok = get(port, "/api/v1/status", {"X-Pad: " + QByteArray(3000, 'c')});
        QCOMPARE(ok.status, 200);
    }

    void connectionBound()
    {
        WebSettings settings = m_local;
        settings.maxConnections = 2;
        const auto server = startServer(m_loaded.feed, settings);
        QVERIFY(server);
        const quint16 port = server->port();
        auto first = std::make_unique<QTcpSocket>();
        QTcpSocket second;
        for (QTcpSocket *s : {first.get(), &second}) {
            s->connectToHost(QStringLiteral("127.0.0.1"), port);
            QVERIFY(s->waitForConnected(3000));
        }
        // Both are served (keep-alive: two requests each on one connection).
        const QByteArray req = "GET /api/v1/status HTTP/1.1\r\nHost: " + hostOf(port) + "\r\n\r\n";
        for (QTcpSocket *s : {first.get(), &second})
            for (int i = 0; i < 2; ++i) {
                s->write(req);
                QCOMPARE(readReply(*s).status, 200);
            }
        // A third waits (the kernel accepts it, the server does not take it) ...
        QTcpSocket third;
        third.connectToHost(QStringLiteral("127.0.0.1"), port);
        QVERIFY(third.waitForConnected(3000));
        third.write(req);
        QCOMPARE(readReply(third, false, 700).status, 0);
        // ... until one of the two leaves.
        first->disconnectFromHost();
        first.reset();
        QCOMPARE(readReply(third, false, 5000).status, 200);
    }

    void idleTimeout()
    {
        WebSettings settings = m_local;
        settings.idleTimeoutMs = 300;
        const auto server = startServer(m_loaded.feed, settings);
        QVERIFY(server);
        QTcpSocket quiet;
        quiet.connectToHost(QStringLiteral("127.0.0.1"), server->port());
        QVERIFY(quiet.waitForConnected(3000));
        QElapsedTimer clock;
        clock.start();
        QVERIFY(quiet.waitForDisconnected(5000));
        QVERIFY(clock.elapsed() >= 200);
        // A half-sent request is no activity that lasts: it is cut too.
        QTcpSocket slow;
        slow.connectToHost(QStringLiteral("127.0.0.1"), server->port());
        QVERIFY(slow.waitForConnected(3000));
        slow.write("GET /api/v1/status HTTP/1.1\r\n");
        QVERIFY(slow.waitForDisconnected(5000));
        // Nor is a request trickled a byte at a time, each within the idle timeout.
        QTcpSocket trickle;
        trickle.connectToHost(QStringLiteral("127.0.0.1"), server->port());
        QVERIFY(trickle.waitForConnected(3000));
        const QByteArray req = "GET /api/v1/status HTTP/1.1\r\nX-Slow: " + QByteArray(200, 'x');
        clock.restart();
        qsizetype sent = 0;
        while (trickle.state() == QAbstractSocket::ConnectedState && sent < req.size() &&
               clock.elapsed() < 5000) {
            trickle.write(req.mid(sent++, 1));
            trickle.waitForBytesWritten(100);
            if (trickle.waitForDisconnected(100))
                break;
        }
        QVERIFY(trickle.state() != QAbstractSocket::ConnectedState ||
                trickle.waitForDisconnected(2000));
        QVERIFY2(clock.elapsed() < 2500, "a trickled request held its connection");
        QVERIFY(sent < req.size());
    }

    void serveCommand()
    {
        const QString file = corpus("zeek__smtp.pcap");
        QProcess serve;
        serve.start(QStringLiteral(NETLENS_CLI),
                    {QStringLiteral("serve"), file, QStringLiteral("--listen"),
                     QStringLiteral("127.0.0.1:0"), QStringLiteral("--quiet")});
        QVERIFY(serve.waitForStarted(5000));
        QTRY_VERIFY_WITH_TIMEOUT(serve.canReadLine(), 10000);
        const QByteArray line = serve.readLine().trimmed();
        QVERIFY2(line.startsWith("Serving http://127.0.0.1:"), line.constData());
        const QUrl url(QString::fromUtf8(line.mid(8)));
        const auto port = static_cast<quint16>(url.port());
        QVERIFY(port > 0);
        QCOMPARE(url.path(), QStringLiteral("/"));
        QTRY_COMPARE_WITH_TIMEOUT(
            get(port, "/api/v1/status").json().value(QLatin1String("state")).toString(),
            QStringLiteral("finished"), 10000);
        const QByteArray summary = get(port, "/api/v1/summary").body;
        // The page and Chart.js are in the binary's resources.
        const HttpReply page = get(port, "/");
        QCOMPARE(page.status, 200);
        QVERIFY(page.body.contains("/static/app.js"));
        QFile chart(QStringLiteral("/usr/share/javascript/chart.js/chart.min.js"));
        QVERIFY(chart.open(QIODevice::ReadOnly));
        QCOMPARE(get(port, "/static/chart.min.js").body, chart.readAll());
        QTemporaryDir dir;
        const QByteArray expected = analyzeJsonText(file, dir.path());
        QVERIFY(expected.size() > 100);
        QCOMPARE(summary, expected);

        // A second serve on the same port: the error names it, exit 2.
        QProcess clash;
        clash.start(QStringLiteral(NETLENS_CLI),
                    {QStringLiteral("serve"), file, QStringLiteral("--listen"),
                     QStringLiteral("127.0.0.1:%1").arg(port)});
        QVERIFY(clash.waitForFinished(10000));
        const QByteArray clashError = clash.readAllStandardError();
        QVERIFY2(clash.exitCode() == 2, clashError.constData());
        QVERIFY2(clashError.contains(
                     QByteArray("127.0.0.1:" + QByteArray::number(port) + ": cannot listen")),
                 clashError.constData());

        ::kill(static_cast<pid_t>(serve.processId()), SIGTERM);
        QVERIFY(serve.waitForFinished(10000));
        QCOMPARE(serve.exitStatus(), QProcess::NormalExit);
        QCOMPARE(serve.exitCode(), 0);
    }

    void serveNeedsTokenOffLoopback()
    {
        QProcess serve;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("NETLENS_WEB_TOKEN"));
        serve.setProcessEnvironment(env);
        serve.start(QStringLiteral(NETLENS_CLI),
                    {QStringLiteral("serve"), corpus("zeek__smtp.pcap"), QStringLiteral("--listen"),
                     QStringLiteral("0.0.0.0:0")});
        QVERIFY(serve.waitForFinished(10000));
        QCOMPARE(serve.exitCode(), 2);
        QVERIFY(
            serve.readAllStandardError().contains("needs a token (--token or NETLENS_WEB_TOKEN)"));
    }
};

QTEST_GUILESS_MAIN(TestWebServer)
#include "tst_webserver.moc"
