// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The SMTP tests' common ground: a test CA and server certificate made by openssl at
// start, a snippet file, aiosmtpd servers (smtpserver.py) and the received messages read
// back with Python's e-mail parser (parsemail.py).

#include "notify/alerthub.h"
#include "notify/mailcomposer.h"
#include "notify/notifydatabase.h"
#include "notify/outbox.h"
#include "notify/smtpclient.h"
#include "notifytesthelpers.h"

#include <QSignalSpy>
#include <QTemporaryDir>

namespace notifytest {

using namespace netlens;

class SmtpFixture : public QObject {
protected:
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

    /// Makes the certificates and the snippet; false with the reason on a failure.
    void setUpFixture()
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
};

} // namespace notifytest
