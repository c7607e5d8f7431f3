// SPDX-License-Identifier: GPL-3.0-or-later
// SMTP delivery against a real server (aiosmtpd, tests/notify/smtpserver.py): plain, STARTTLS
// and SMTPS with a CA and certificate made here by openssl; AUTH PLAIN and LOGIN; a wrong
// password; an untrusted certificate; a server that is down and comes up, also across a
// restart of the hub. Each received message is read back with Python's e-mail parser.
#include "notify/alerthub.h"
#include "notify/mailcomposer.h"
#include "notify/notifydatabase.h"
#include "notify/outbox.h"
#include "notify/smtpclient.h"
#include "notifytesthelpers.h"

#include <QSignalSpy>
#include <QTemporaryDir>

using namespace netlens;
using namespace notifytest;

class TestSmtpDelivery : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    QString m_ca, m_cert, m_key;
    QByteArray m_snippet;
    QString m_snippetPath;

    struct Received {
        QJsonObject mail; // parsemail.py's view
        QJsonObject meta; // smtpserver.py's envelope
    };

    QString newMailDir()
    {
        static int n = 0;
        const QString dir = m_tmp.filePath(QStringLiteral("mail%1").arg(++n));
        QDir().mkpath(dir);
        return dir;
    }

    bool startServer(Server &server, quint16 port, const QString &dir, const QString &mode,
                     bool auth, const QStringList &extra = {})
    {
        QStringList args{scriptPath("smtpserver.py"),
                         QStringLiteral("--port"),
                         QString::number(port),
                         QStringLiteral("--dir"),
                         dir,
                         QStringLiteral("--mode"),
                         mode};
        if (mode != QLatin1String("plain"))
            args << QStringLiteral("--cert") << m_cert << QStringLiteral("--key") << m_key;
        if (auth)
            args << QStringLiteral("--user") << QStringLiteral("alice")
                 << QStringLiteral("--password") << QStringLiteral("s3cret pass");
        args << extra;
        QString error;
        if (!server.start(args, error)) {
            qWarning("smtpserver.py did not start: %s", qPrintable(error));
            return false;
        }
        return true;
    }

    SmtpSettings settingsFor(quint16 port, SmtpSettings::Security security, bool auth)
    {
        SmtpSettings s;
        s.enabled = true;
        s.host = QStringLiteral("127.0.0.1");
        s.port = port;
        s.security = security;
        if (auth) {
            s.user = QStringLiteral("alice");
            s.password = QStringLiteral("s3cret pass");
        }
        s.from = QStringLiteral("NetLens <netlens@example.org>");
        s.to = {QStringLiteral("ops@example.org"), QStringLiteral("Bob <bob@example.org>")};
        s.caFile = m_ca;
        s.timeoutMs = 5000;
        return s;
    }

    /// Sends with SmtpClient directly; the outcome and message of finished().
    std::pair<DeliveryOutcome, QString> sendDirect(const SmtpSettings &s, const QByteArray &msg)
    {
        SmtpClient client;
        QSignalSpy spy(&client, &SmtpClient::finished);
        client.send(s, msg);
        if (!spy.wait(15000))
            return {DeliveryOutcome::Retry, QStringLiteral("no finished() signal")};
        if (spy.size() != 1)
            return {DeliveryOutcome::Retry, QStringLiteral("finished() more than once")};
        return {spy[0][0].value<DeliveryOutcome>(), spy[0][1].toString()};
    }

    QList<Received> received(const QString &dir)
    {
        QList<Received> out;
        for (const QString &eml : filesIn(dir, QStringLiteral(".eml"))) {
            QString error;
            const QByteArray json = run(kPython, {scriptPath("parsemail.py"), eml}, &error);
            if (json.isEmpty())
                qWarning("parsemail.py %s: %s", qPrintable(eml), qPrintable(error));
            QString meta = eml;
            meta.replace(QLatin1String(".eml"), QLatin1String(".json"));
            out << Received{QJsonDocument::fromJson(json).object(), readJson(meta)};
        }
        return out;
    }

    Alert alertWithSnippet(int n)
    {
        Alert a = sampleAlert(n);
        a.snippetPath = m_snippetPath;
        a.snippetBytes = std::uint64_t(m_snippet.size());
        return a;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<DeliveryOutcome>();
        QVERIFY(m_tmp.isValid());
        QVERIFY2(QProcess::execute(kPython,
                                   {QStringLiteral("-c"), QStringLiteral("import aiosmtpd")}) == 0,
                 "needs /usr/bin/python3 with aiosmtpd (Debian python3-aiosmtpd)");
        // A test CA and a server certificate for 127.0.0.1 signed by it, made now.
        const QString d = m_tmp.path();
        m_ca = d + QStringLiteral("/ca.pem");
        m_cert = d + QStringLiteral("/server.pem");
        m_key = d + QStringLiteral("/server.key");
        QFile ext(d + QStringLiteral("/ext.cnf"));
        QVERIFY(ext.open(QIODevice::WriteOnly));
        ext.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        ext.close();
        const int rc = QProcess::execute(
            QStringLiteral("/bin/sh"),
            {QStringLiteral("-ec"),
             QStringLiteral("cd \"$1\"; exec >openssl.log 2>&1;"
                            " openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem"
                            " -days 2 -subj '/CN=NetLens Test CA';"
                            " openssl req -newkey rsa:2048 -nodes -keyout server.key"
                            " -out server.csr -subj /CN=127.0.0.1;"
                            " openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key"
                            " -CAcreateserial -out server.pem -days 2 -extfile ext.cnf"),
             QStringLiteral("sh"), d});
        QVERIFY2(rc == 0, "openssl could not make the test CA and certificate (see openssl.log)");
        // The "snippet": real bytes, including a line that starts with a dot and binary.
        m_snippet = QByteArray("\xd4\xc3\xb2\xa1", 4) + QByteArray(3000, '\x00') +
                    "\r\n.\r\n..hidden\n" + QByteArray(5000, '\xff');
        m_snippetPath = d + QStringLiteral("/alert-snippet.pcap");
        QFile snip(m_snippetPath);
        QVERIFY(snip.open(QIODevice::WriteOnly));
        snip.write(m_snippet);
    }

    void plainWithoutAuth()
    {
        const quint16 port = freePort();
        const QString dir = newMailDir();
        Server server;
        QVERIFY(startServer(server, port, dir, QStringLiteral("plain"), false));
        SmtpSettings s = settingsFor(port, SmtpSettings::Security::Plain, false);
        const Alert a = alertWithSnippet(1);
        const auto [outcome, message] = sendDirect(s, MailComposer::alertMessage(a, s));
        QCOMPARE(outcome, DeliveryOutcome::Delivered);
        QVERIFY2(message.contains(QLatin1String("250")), qPrintable(message));
        const QList<Received> got = received(dir);
        QCOMPARE(got.size(), 1);
        const QJsonObject m = got[0].mail;
        QCOMPARE(m[QLatin1String("message_id")].toString(),
                 QLatin1Char('<') + a.uid + QLatin1String("@netlens>"));
        QCOMPARE(m[QLatin1String("subject")].toString(),
                 QLatin1String("[NetLens critical] ") + a.summary);
        QVERIFY(m[QLatin1String("body")].toString().contains(a.displayFilter));
        QVERIFY(m[QLatin1String("body")].toString().contains(a.summary));
        const QJsonArray att = m[QLatin1String("attachments")].toArray();
        QCOMPARE(att.size(), 1);
        QCOMPARE(att[0][QLatin1String("filename")].toString(),
                 QStringLiteral("alert-snippet.pcap"));
        QCOMPARE(att[0][QLatin1String("size")].toInt(), m_snippet.size());
        QCOMPARE(att[0][QLatin1String("sha256")].toString(),
                 QString::fromLatin1(
                     QCryptographicHash::hash(m_snippet, QCryptographicHash::Sha256).toHex()));
        QCOMPARE(got[0].meta[QLatin1String("mail_from")].toString(),
                 QStringLiteral("netlens@example.org"));
        QCOMPARE(got[0].meta[QLatin1String("rcpt_tos")].toArray().size(), 2);
    }

    void largeSnippetIsNamedNotAttached()
    {
        const quint16 port = freePort();
        const QString dir = newMailDir();
        Server server;
        QVERIFY(startServer(server, port, dir, QStringLiteral("plain"), false));
        SmtpSettings s = settingsFor(port, SmtpSettings::Security::Plain, false);
        s.attachMaxBytes = 1000;
        const auto [outcome, message] =
            sendDirect(s, MailComposer::alertMessage(alertWithSnippet(2), s));
        QCOMPARE(outcome, DeliveryOutcome::Delivered);
        const QList<Received> got = received(dir);
        QCOMPARE(got.size(), 1);
        QCOMPARE(got[0].mail[QLatin1String("attachments")].toArray().size(), 0);
        QVERIFY(got[0].mail[QLatin1String("body")].toString().contains(m_snippetPath));
    }

    void startTlsAuthPlain()
    {
        const quint16 port = freePort();
        const QString dir = newMailDir();
        Server server;
        QVERIFY(startServer(server, port, dir, QStringLiteral("starttls"), true,
                            {QStringLiteral("--exclude-mechanism"), QStringLiteral("LOGIN")}));
        const SmtpSettings s = settingsFor(port, SmtpSettings::Security::StartTls, true);
        const auto [outcome, message] = sendDirect(s, MailComposer::testMessage(s));
        QVERIFY2(outcome == DeliveryOutcome::Delivered, qPrintable(message));
        const QList<Received> got = received(dir);
        QCOMPARE(got.size(), 1);
        QCOMPARE(got[0].meta[QLatin1String("login")].toString(), QStringLiteral("alice"));
        QCOMPARE(got[0].meta[QLatin1String("tls")].toBool(), true);
    }

    void smtpsAuthLogin()
    {
        const quint16 port = freePort();
        const QString dir = newMailDir();
        Server server;
        // Only LOGIN offered: success proves the client chose it from EHLO.
        QVERIFY(startServer(server, port, dir, QStringLiteral("smtps"), true,
                            {QStringLiteral("--exclude-mechanism"), QStringLiteral("PLAIN")}));
        const SmtpSettings s = settingsFor(port, SmtpSettings::Security::Tls, true);
        const auto [outcome, message] = sendDirect(s, MailComposer::testMessage(s));
        QVERIFY2(outcome == DeliveryOutcome::Delivered, qPrintable(message));
        const QList<Received> got = received(dir);
        QCOMPARE(got.size(), 1);
        QCOMPARE(got[0].meta[QLatin1String("login")].toString(), QStringLiteral("alice"));
    }

    void wrongPasswordFailsForGood()
    {
        const quint16 port = freePort();
        const QString dir = newMailDir();
        Server server;
        QVERIFY(startServer(server, port, dir, QStringLiteral("smtps"), true));
        SmtpSettings s = settingsFor(port, SmtpSettings::Security::Tls, true);
        s.password = QStringLiteral("wrong");
        const auto [outcome, message] = sendDirect(s, MailComposer::testMessage(s));
        QCOMPARE(outcome, DeliveryOutcome::Failed);
        QVERIFY2(message.startsWith(QStringLiteral("127.0.0.1:%1: 535").arg(port)),
                 qPrintable(message));
        QCOMPARE(filesIn(dir, QStringLiteral(".eml")).size(), 0);
    }

    void untrustedCertificateFails()
    {
        const quint16 port = freePort();
        const QString dir = newMailDir();
        Server server;
        QVERIFY(startServer(server, port, dir, QStringLiteral("starttls"), false));
        SmtpSettings s = settingsFor(port, SmtpSettings::Security::StartTls, false);
        s.caFile.clear(); // the system CAs do not know the test CA
        const auto [outcome, message] = sendDirect(s, MailComposer::testMessage(s));
        QCOMPARE(outcome, DeliveryOutcome::Failed);
        QVERIFY2(message.contains(QLatin1String("certificate")), qPrintable(message));
        QVERIFY(message.startsWith(QStringLiteral("127.0.0.1:%1:").arg(port)));
        QCOMPARE(filesIn(dir, QStringLiteral(".eml")).size(), 0);
    }

    void badCaFileIsNamed()
    {
        SmtpSettings s = settingsFor(25, SmtpSettings::Security::StartTls, false);
        s.caFile = m_tmp.filePath(QStringLiteral("missing-ca.pem"));
        const auto [outcome, message] = sendDirect(s, MailComposer::testMessage(s));
        QCOMPARE(outcome, DeliveryOutcome::Failed);
        QVERIFY2(message.contains(s.caFile), qPrintable(message));
    }

    void silentServerTimesOut()
    {
        // Accepts the connection and never says a word: the greeting's timeout, a retry.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        SmtpSettings s = settingsFor(silent.serverPort(), SmtpSettings::Security::Plain, false);
        s.timeoutMs = 300;
        QElapsedTimer timer;
        timer.start();
        const auto [outcome, message] = sendDirect(s, MailComposer::testMessage(s));
        QCOMPARE(outcome, DeliveryOutcome::Retry);
        QVERIFY2(message.contains(QLatin1String("timed out after 300 ms waiting for the greeting")),
                 qPrintable(message));
        QVERIFY(timer.elapsed() < 5000);
    }

    void startTlsNotOffered()
    {
        const quint16 port = freePort();
        Server server;
        QVERIFY(startServer(server, port, newMailDir(), QStringLiteral("plain"), false));
        const SmtpSettings s = settingsFor(port, SmtpSettings::Security::StartTls, false);
        const auto [outcome, message] = sendDirect(s, MailComposer::testMessage(s));
        QCOMPARE(outcome, DeliveryOutcome::Failed); // never falls back to plain text
        QVERIFY2(message.contains(QLatin1String("does not offer STARTTLS")), qPrintable(message));
    }

    void badAddressIsRefused()
    {
        SmtpSettings s = settingsFor(25, SmtpSettings::Security::Plain, false);
        s.to = {QStringLiteral("ops@example.org\r\nDATA")};
        const auto [outcome, message] = sendDirect(s, MailComposer::testMessage(s));
        QCOMPARE(outcome, DeliveryOutcome::Failed);
        QVERIFY2(message.contains(QLatin1String("not a valid e-mail address")),
                 qPrintable(message));
    }

    void nonAsciiNames()
    {
        const quint16 port = freePort();
        const QString dir = newMailDir();
        Server server;
        QVERIFY(startServer(server, port, dir, QStringLiteral("plain"), false));
        SmtpSettings s = settingsFor(port, SmtpSettings::Security::Plain, false);
        s.from = QStringLiteral("Überwachung NetLens <netlens@example.org>");
        s.to = {QStringLiteral("\"Ops, Team\" <ops@example.org>")};
        const auto [outcome, message] =
            sendDirect(s, MailComposer::alertMessage(sampleAlert(8), s));
        QVERIFY2(outcome == DeliveryOutcome::Delivered, qPrintable(message));
        const QList<Received> got = received(dir);
        QCOMPARE(got.size(), 1);
        QCOMPARE(got[0].mail[QLatin1String("from")].toString(), s.from);
        QCOMPARE(got[0].mail[QLatin1String("to")].toString(), s.to.first());
        QCOMPARE(got[0].meta[QLatin1String("rcpt_tos")].toArray().first().toString(),
                 QStringLiteral("ops@example.org"));
    }

    void downThenUpDeliveredOnce()
    {
        const quint16 port = freePort();
        const QString dir = newMailDir();
        NotifySettings ns;
        ns.smtp = settingsFor(port, SmtpSettings::Security::StartTls, true);
        ns.retryFirstMs = 200;
        ns.retryMaxMs = 800;
        AlertHub hub(m_tmp.filePath(QStringLiteral("down.db")), ns);
        QString error;
        QVERIFY2(hub.open(error), qPrintable(error));
        QSignalSpy changes(&hub, &AlertHub::deliveryChanged);
        const Alert a = alertWithSnippet(3);
        QVERIFY(hub.submit(a));
        QVERIFY(!hub.isIdle());
        // Wait for two failed attempts while nothing listens.
        QTRY_VERIFY_WITH_TIMEOUT(std::count_if(changes.cbegin(), changes.cend(),
                                               [](const QList<QVariant> &c) {
                                                   return c[2].value<DeliveryStatus>() ==
                                                          DeliveryStatus::Retrying;
                                               }) >= 2,
                                 15000);
        QCOMPARE(hub.history().first().email, DeliveryStatus::Retrying);
        QVERIFY(hub.history().first().deliveryError.contains(QString::number(port)));
        Server server;
        QVERIFY(startServer(server, port, dir, QStringLiteral("starttls"), true));
        QSignalSpy idle(&hub, &AlertHub::idle);
        QVERIFY(idle.wait(20000));
        QVERIFY(hub.isIdle());
        QCOMPARE(hub.history().first().email, DeliveryStatus::Delivered);
        // Submitting the same alert again (an update) sends nothing more.
        Alert released = a;
        released.state = Alert::State::Released;
        released.endNs = a.startNs + 9'000000000LL;
        QVERIFY(hub.submit(released));
        QVERIFY(hub.isIdle());
        QTest::qWait(300); // a second message would be on its way within this
        const QList<Received> got = received(dir);
        QCOMPARE(got.size(), 1);
        QCOMPARE(got[0].mail[QLatin1String("message_id")].toString(),
                 QLatin1Char('<') + a.uid + QLatin1String("@netlens>"));
    }

    void restartResumesAndDeliversOnce()
    {
        const quint16 port = freePort();
        const QString dir = newMailDir();
        const QString db = m_tmp.filePath(QStringLiteral("restart.db"));
        NotifySettings ns;
        ns.smtp = settingsFor(port, SmtpSettings::Security::Plain, false);
        ns.retryFirstMs = 200;
        ns.retryMaxMs = 400;
        const Alert a = alertWithSnippet(4);
        {
            AlertHub hub(db, ns);
            QString error;
            QVERIFY2(hub.open(error), qPrintable(error));
            QSignalSpy changes(&hub, &AlertHub::deliveryChanged);
            QVERIFY(hub.submit(a));
            QTRY_VERIFY_WITH_TIMEOUT(hub.history().first().email == DeliveryStatus::Retrying,
                                     10000);
        } // NetLens stops with the e-mail still owed
        {
            NotifyDatabase check(db);
            QString error;
            QVERIFY(check.open(error));
            const std::optional<Outbox::Item> row = Outbox(check).find(a.uid, Channel::Email);
            QVERIFY(row);
            QCOMPARE(row->status, Outbox::Status::Retrying);
            QVERIFY(row->attempts >= 1);
        }
        Server server;
        QVERIFY(startServer(server, port, dir, QStringLiteral("plain"), false));
        AlertHub hub(db, ns);
        QSignalSpy idle(&hub, &AlertHub::idle);
        QString error;
        QVERIFY2(hub.open(error), qPrintable(error));
        QVERIFY(!hub.isIdle());
        QVERIFY(idle.wait(15000));
        QCOMPARE(hub.history().first().email, DeliveryStatus::Delivered);
        QTest::qWait(300);
        const QList<Received> got = received(dir);
        QCOMPARE(got.size(), 1);
        QCOMPARE(got[0].mail[QLatin1String("message_id")].toString(),
                 QLatin1Char('<') + a.uid + QLatin1String("@netlens>"));
        QCOMPARE(got[0].mail[QLatin1String("attachments")].toArray().size(), 1);
    }

    void digestUnderRateLimit()
    {
        // One message a minute allowed and three alerts at once: one e-mail with all three.
        const quint16 port = freePort();
        const QString dir = newMailDir();
        Server server;
        QVERIFY(startServer(server, port, dir, QStringLiteral("plain"), false));
        NotifySettings ns;
        ns.smtp = settingsFor(port, SmtpSettings::Security::Plain, false);
        ns.maxPerMinute = 1;
        AlertHub hub(m_tmp.filePath(QStringLiteral("digest.db")), ns);
        QString error;
        QVERIFY(hub.open(error));
        QSignalSpy idle(&hub, &AlertHub::idle);
        QList<Alert> alerts;
        for (int i = 20; i < 23; ++i) {
            alerts << alertWithSnippet(i);
            QVERIFY(hub.submit(alerts.last()));
        }
        QVERIFY(idle.wait(15000));
        for (const AlertRecord &r : hub.history())
            QCOMPARE(r.email, DeliveryStatus::Delivered);
        const QList<Received> got = received(dir);
        QCOMPARE(got.size(), 1);
        const QJsonObject m = got[0].mail;
        QCOMPARE(m[QLatin1String("subject")].toString(),
                 QStringLiteral("[NetLens critical] 3 alerts"));
        QVERIFY(m[QLatin1String("message_id")].toString().startsWith(QLatin1String("<digest-")));
        for (const Alert &a : alerts)
            QVERIFY(m[QLatin1String("body")].toString().contains(a.summary));
        QCOMPARE(m[QLatin1String("attachments")].toArray().size(), 3);
    }

    void giveUpAfterEndsTheWait()
    {
        // The CLI's case: a dead server must not keep it waiting for a day.
        NotifySettings ns;
        ns.smtp = settingsFor(freePort(), SmtpSettings::Security::Plain, false);
        ns.retryFirstMs = 100;
        AlertHub hub(m_tmp.filePath(QStringLiteral("giveup.db")), ns);
        hub.setGiveUpAfter(1);
        QString error;
        QVERIFY(hub.open(error));
        QSignalSpy idle(&hub, &AlertHub::idle);
        QVERIFY(hub.submit(sampleAlert(5)));
        QVERIFY(idle.wait(10000));
        const AlertRecord r = hub.history().first();
        QCOMPARE(r.email, DeliveryStatus::Failed);
        QVERIFY2(r.deliveryError.contains(QLatin1String("gave up after 1 s")),
                 qPrintable(r.deliveryError));
    }

    void testEmailSignal()
    {
        const quint16 port = freePort();
        const QString dir = newMailDir();
        Server server;
        QVERIFY(startServer(server, port, dir, QStringLiteral("plain"), false));
        AlertHub hub(m_tmp.filePath(QStringLiteral("test.db")), NotifySettings{});
        QSignalSpy done(&hub, &AlertHub::testEmailDone);
        hub.sendTestEmail(settingsFor(port, SmtpSettings::Security::Plain, false));
        QVERIFY(done.wait(10000));
        QCOMPARE(done[0][0].toBool(), true);
        QTRY_COMPARE(filesIn(dir, QStringLiteral(".eml")).size(), 1);
        QCOMPARE(received(dir)[0].mail[QLatin1String("subject")].toString(),
                 QStringLiteral("NetLens test e-mail"));
    }
};

QTEST_GUILESS_MAIN(TestSmtpDelivery)
#include "tst_smtpdelivery.moc"
