// SPDX-License-Identifier: GPL-3.0-or-later
// SmtpClient against a real server (aiosmtpd, smtpserver.py): plain, STARTTLS and SMTPS with
// a CA and certificate made by openssl at start; AUTH PLAIN and LOGIN; a wrong password; an
// untrusted certificate; timeouts; bad addresses. Each received message is read back with
// Python's e-mail parser: Message-ID, subject, body, the attachment's bytes.
#include "smtpfixture.h"

using namespace netlens;
using namespace notifytest;

class TestSmtpClient : public SmtpFixture {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { setUpFixture(); }

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
};

QTEST_GUILESS_MAIN(TestSmtpClient)
#include "tst_smtpclient.moc"
