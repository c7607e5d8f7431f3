// SPDX-License-Identifier: GPL-3.0-or-later
// netlens-cli alert with delivery: a port scan written as a pcap, sent by e-mail through a
// real aiosmtpd (STARTTLS, AUTH, the test CA) and by webhook to a real http.server (Slack
// format, signed), each exactly once, with the exit status 3 only after they were delivered;
// a server that stays down gives up after --delivery-timeout with exit status 2 and the
// failure named; bad delivery options are refused naming the option.

#include "smtpfixture.h"

#include <QJsonArray>
#include <QProcessEnvironment>
#include <QTest>
#include <pcap/pcap.h>

using namespace netlens;
using namespace notifytest;

namespace {

struct CliRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

CliRun runCli(const QStringList &args, const QString &workDir,
              const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setWorkingDirectory(workDir);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(NETLENS_CLI), args);
    CliRun r;
    if (!p.waitForFinished(90000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

/// 300 SYNs from 10.0.0.3 to 300 ports of 10.0.0.5 in 3 s: one port scan for the defaults.
bool writeScan(const QString &path)
{
    pcap_t *dead = pcap_open_dead(DLT_EN10MB, 65535);
    pcap_dumper_t *dumper = pcap_dump_open(dead, qPrintable(path));
    if (!dumper) {
        pcap_close(dead);
        return false;
    }
    for (int i = 0; i < 300; ++i) {
        std::uint8_t f[54] = {};
        const std::uint8_t head[] = {0,    1,    2, 3,  4,  5, 0,    1, 2,  3, 4, 6,
                                     0x08, 0x00,                                     // Ethernet
                                     0x45, 0,    0, 40, 0,  1, 0x40, 0, 64, 6, 0, 0, // IPv4
                                     10,   0,    0, 3,  10, 0, 0,    5};
        std::memcpy(f, head, sizeof head);
        const int dport = 1 + i;
        const std::uint8_t tcp[] = {0xee,
                                    0x48,
                                    std::uint8_t(dport >> 8),
                                    std::uint8_t(dport),
                                    0,
                                    0,
                                    0,
                                    1,
                                    0,
                                    0,
                                    0,
                                    0,
                                    0x50,
                                    0x02,
                                    0x04,
                                    0x00};
        std::memcpy(f + 34, tcp, sizeof tcp);
        pcap_pkthdr h{};
        h.ts.tv_sec = 1764000000 + i / 100;
        h.ts.tv_usec = (i % 100) * 10000;
        h.caplen = h.len = sizeof f;
        pcap_dump(reinterpret_cast<u_char *>(dumper), &h, f);
    }
    pcap_dump_close(dumper);
    pcap_close(dead);
    return true;
}

} // namespace

class TestAlertCliDelivery : public SmtpFixture {
    Q_OBJECT

    QString m_pcap;

private Q_SLOTS:
    void initTestCase()
    {
        setUpFixture();
        m_pcap = m_tmp.filePath(QStringLiteral("scan.pcap"));
        QVERIFY(writeScan(m_pcap));
    }

    void emailOverStartTlsWithAuth()
    {
        const quint16 port = freePort();
        const QString dir = newMailDir();
        Server server;
        QVERIFY(startServer(server, port, dir, QStringLiteral("starttls"), true));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NETLENS_SMTP_PASSWORD"), QStringLiteral("s3cret pass"));
        const CliRun r = runCli({QStringLiteral("alert"), m_pcap, QStringLiteral("--json"),
                                 QStringLiteral("--quiet"), QStringLiteral("--email-to"),
                                 QStringLiteral("ops@example.org"), QStringLiteral("--smtp"),
                                 QStringLiteral("smtp+starttls://alice@127.0.0.1:%1").arg(port),
                                 QStringLiteral("--smtp-ca"), m_ca, QStringLiteral("--db"),
                                 m_tmp.filePath(QStringLiteral("email.db"))},
                                m_tmp.path(), env);
        QVERIFY2(r.exitCode == 3, r.err.constData());
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 1);
        const QJsonObject alert = QJsonDocument::fromJson(lines[0]).object();
        QCOMPARE(alert[QLatin1String("type")].toString(), QStringLiteral("port_scan"));
        const QList<Received> got = received(dir);
        QCOMPARE(got.size(), 1); // exactly once
        QCOMPARE(got[0].mail[QLatin1String("message_id")].toString(),
                 QStringLiteral("<%1@netlens>").arg(alert[QLatin1String("uid")].toString()));
        QVERIFY(
            got[0].mail[QLatin1String("subject")].toString().contains(QStringLiteral("10.0.0.3")));
        QCOMPARE(got[0].meta[QLatin1String("login")].toString(), QStringLiteral("alice"));
        // The scan's snippet (300 packets of 54 bytes: far under the limit) is attached.
        const QJsonArray att = got[0].mail[QLatin1String("attachments")].toArray();
        QCOMPARE(att.size(), 1);
        QCOMPARE(att[0][QLatin1String("size")].toInteger(),
                 alert[QLatin1String("snippet")][QLatin1String("bytes")].toInteger());
    }

    void signedSlackWebhook()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("hooks"));
        QDir().mkpath(dir);
        const QString secret = QStringLiteral("cli-secret");
        Server server;
        QString error;
        QVERIFY2(server.start({scriptPath("webhookserver.py"), QStringLiteral("--dir"), dir,
                               QStringLiteral("--secret"), secret, QStringLiteral("--responses"),
                               QStringLiteral("503,200")},
                              error),
                 qPrintable(error));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NETLENS_WEBHOOK_SECRET"), secret);
        const CliRun r =
            runCli({QStringLiteral("alert"), m_pcap, QStringLiteral("--quiet"),
                    QStringLiteral("--webhook"),
                    QStringLiteral("http://127.0.0.1:%1/hook").arg(server.readyValue()),
                    QStringLiteral("--webhook-format"), QStringLiteral("slack"),
                    QStringLiteral("--db"), m_tmp.filePath(QStringLiteral("hook.db"))},
                   m_tmp.path(), env);
        QVERIFY2(r.exitCode == 3, r.err.constData());
        // The 503 was retried (and said so); the 200 delivered it; nothing after.
        QVERIFY(r.err.contains("will be retried"));
        const QStringList posts = filesIn(dir, QStringLiteral(".json"));
        QCOMPARE(posts.size(), 2);
        const QJsonObject last = readJson(posts.last());
        QCOMPARE(last[QLatin1String("signature_ok")].toBool(), true);
        const QJsonObject body =
            QJsonDocument::fromJson(last[QLatin1String("body")].toString().toUtf8()).object();
        QVERIFY(body[QLatin1String("text")].toString().contains(QStringLiteral("10.0.0.3")));
        QCOMPARE(
            readJson(posts.first())[QLatin1String("headers")][QLatin1String("Idempotency-Key")],
            last[QLatin1String("headers")][QLatin1String("Idempotency-Key")]);
    }

    void serverDownGivesUpWithStatus2()
    {
        const quint16 port = freePort(); // nothing listens there
        const CliRun r =
            runCli({QStringLiteral("alert"), m_pcap, QStringLiteral("--quiet"),
                    QStringLiteral("--email-to"), QStringLiteral("ops@example.org"),
                    QStringLiteral("--smtp"), QStringLiteral("smtp://127.0.0.1:%1").arg(port),
                    QStringLiteral("--delivery-timeout"), QStringLiteral("3"),
                    QStringLiteral("--db"), m_tmp.filePath(QStringLiteral("down.db"))},
                   m_tmp.path());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("email delivery of alert") && r.err.contains("failed"),
                 r.err.constData());
        QVERIFY2(r.err.contains(QStringLiteral("127.0.0.1:%1").arg(port).toUtf8()),
                 r.err.constData());
    }

    void badOptionsNamed_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("named");
        QTest::newRow("scheme") << QStringList{QStringLiteral("--email-to"), QStringLiteral("a@b"),
                                               QStringLiteral("--smtp"), QStringLiteral("imap://x")}
                                << QStringLiteral("--smtp");
        QTest::newRow("no recipient")
            << QStringList{QStringLiteral("--smtp"), QStringLiteral("smtp://x")}
            << QStringLiteral("--email-to");
        QTest::newRow("format") << QStringList{QStringLiteral("--webhook"),
                                               QStringLiteral("http://127.0.0.1:1/"),
                                               QStringLiteral("--webhook-format"),
                                               QStringLiteral("teams")}
                                << QStringLiteral("--webhook-format");
        QTest::newRow("webhook url")
            << QStringList{QStringLiteral("--webhook"), QStringLiteral("ftp://x/")}
            << QStringLiteral("--webhook");
    }
    void badOptionsNamed()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, named);
        const CliRun r = runCli(QStringList{QStringLiteral("alert"), m_pcap} + args, m_tmp.path());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(named.toUtf8()), r.err.constData());
        QVERIFY(r.out.isEmpty()); // refused before any analysis
    }
};

QTEST_GUILESS_MAIN(TestAlertCliDelivery)
#include "tst_alertclidelivery.moc"
