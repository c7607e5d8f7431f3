// SPDX-License-Identifier: GPL-3.0-or-later
// SecretStore over QtKeychain against a real Secret Service: gnome-keyring in a private
// D-Bus session (run-with-keyring.sh, NETLENS_TEST_KEYCHAIN=1), and with no session bus at
// all (NETLENS_TEST_KEYCHAIN=0), where every call must say "no keychain" and nothing may be
// written in plain text.
#include "notify/secretstore.h"

#include <QDirIterator>
#include <QSignalSpy>
#include <QTest>

using namespace netlens;

class TestSecretStore : public QObject {
    Q_OBJECT
private:
    bool m_expectKeychain = false;
    QString m_service = QStringLiteral("NetLens-test-%1").arg(QCoreApplication::applicationPid());

    SecretStore::Result wait(const std::function<void(SecretStore::Callback)> &call)
    {
        std::optional<SecretStore::Result> result;
        call([&result](const SecretStore::Result &r) { result = r; });
        if (!QTest::qWaitFor([&result] { return result.has_value(); }, 20000)) {
            SecretStore::Result timedOut;
            timedOut.message = QStringLiteral("no answer within 20 s");
            return timedOut;
        }
        return *result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QByteArray mode = qgetenv("NETLENS_TEST_KEYCHAIN");
        QVERIFY2(mode == "0" || mode == "1", "set NETLENS_TEST_KEYCHAIN to 1 (keyring) or 0");
        m_expectKeychain = mode == "1";
    }

    void writeReadRemove()
    {
        SecretStore store(m_service);
        const QString key = QString::fromLatin1(SecretStore::kSmtpPassword);
        const QString secret = QStringLiteral("pässwörd with spaces & symbols %1")
                                   .arg(QCoreApplication::applicationPid());
        const SecretStore::Result w =
            wait([&](SecretStore::Callback cb) { store.write(key, secret, std::move(cb)); });
        if (!m_expectKeychain) {
            QCOMPARE(w.status, SecretStore::Status::NoKeychain);
            QVERIFY2(w.message.contains(key), qPrintable(w.message));
            const SecretStore::Result r =
                wait([&](SecretStore::Callback cb) { store.read(key, std::move(cb)); });
            QCOMPARE(r.status, SecretStore::Status::NoKeychain);
            QVERIFY(r.value.isEmpty());
            // Never a silent plain-text fallback: nothing under HOME holds the secret.
            QDirIterator it(QDir::homePath(), QDir::Files | QDir::Hidden,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile f(it.next());
                if (f.size() < (1 << 20) && f.open(QIODevice::ReadOnly))
                    QVERIFY2(!f.readAll().contains(secret.toUtf8()), qPrintable(f.fileName()));
            }
            return;
        }
        QVERIFY2(w.status == SecretStore::Status::Ok, qPrintable(w.message));
        const SecretStore::Result r =
            wait([&](SecretStore::Callback cb) { store.read(key, std::move(cb)); });
        QVERIFY2(r.status == SecretStore::Status::Ok, qPrintable(r.message));
        QCOMPARE(r.value, secret);
        // Another store (a later start) reads the same entry.
        SecretStore later(m_service);
        QCOMPARE(wait([&](SecretStore::Callback cb) { later.read(key, std::move(cb)); }).value,
                 secret);
        const SecretStore::Result d =
            wait([&](SecretStore::Callback cb) { store.remove(key, std::move(cb)); });
        QVERIFY2(d.status == SecretStore::Status::Ok, qPrintable(d.message));
        QCOMPARE(wait([&](SecretStore::Callback cb) { store.read(key, std::move(cb)); }).status,
                 SecretStore::Status::NotFound);
    }

    void missingEntry()
    {
        SecretStore store(m_service);
        const SecretStore::Result r = wait([&](SecretStore::Callback cb) {
            store.read(QString::fromLatin1(SecretStore::kWebhookSecret), std::move(cb));
        });
        QCOMPARE(r.status, m_expectKeychain ? SecretStore::Status::NotFound
                                            : SecretStore::Status::NoKeychain);
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
