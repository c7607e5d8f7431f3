// SPDX-License-Identifier: GPL-3.0-or-later
// The window capturing through the capture helper as an unprivileged user. run-guihelper.sh
// runs this as `nobody` inside a network namespace, from a copy beside a setcap'd copy of
// netlens-capture, with NETLENS_TEST_IFACE (the capture end of a veth pair),
// NETLENS_TEST_EXPECT (packets it replays once NETLENS_TEST_READY exists) and
// NETLENS_TEST_READY2 (then it replays slowly until the test ends).
//   captureUnprivileged: the window fills its table with every packet sent, its process has
//     CapEff 0 while it captures, and tshark counts as many packets in the file as rows.
//   helperKilled: SIGKILL to the helper mid-capture shows an error in the window, and the
//     packets so far stay in the table.
#include "engine/engine.h"
#include "engine/packetbytes.h"
#include "guitesthelpers.h"
#include "mainwindow/capturetoolbar.h"
#include "mainwindow/mainwindow.h"
#include "packets/packettablemodel.h"
#include "session/capturesession.h"
#include "source/capturereader.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <algorithm>
#include <csignal>
#include <unistd.h>

using namespace netlens;
using namespace netlens::test;

namespace {
QString capEff(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("CapEff:"))
            return QString::fromLatin1(line.mid(7).trimmed());
    return {};
}

/// This process's live children named netlens-capture (from /proc/*/stat).
QList<qint64> helpers()
{
    QList<qint64> out;
    QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        it.next();
        bool ok = false;
        const qint64 pid = it.fileName().toLongLong(&ok);
        QFile stat(it.filePath() + QStringLiteral("/stat"));
        if (!ok || !stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray s = stat.readAll();
        const QList<QByteArray> f = s.mid(s.lastIndexOf(')') + 2).split(' ');
        if (s.contains("(netlens-capture)") && f.size() > 1 && f[0] != "Z" &&
            f[1].toLongLong() == ::getpid())
            out << pid;
    }
    return out;
}

void touch(const QString &path)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
}
} // namespace

class TestGuiHelper final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariable("NETLENS_TEST_IFACE").isEmpty())
            QSKIP("run through run-guihelper.sh, which sets up the namespaces and the user");
        netlens::test::isolateSettings();
        m_settings.dataDir = m_dir.path();
        m_settings.defaultInterface = qEnvironmentVariable("NETLENS_TEST_IFACE");
    }

    void captureUnprivileged()
    {
        const int expect = qEnvironmentVariableIntValue("NETLENS_TEST_EXPECT");
        QVERIFY(expect > 0);
        MainWindow w(m_settings);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        CaptureToolbar *bar = w.captureToolbar();
        bar->startAction()->trigger();
        QVERIFY(w.session());
        QSignalSpy started(w.session(), &CaptureSession::captureStarted);
        QSignalSpy errors(w.session(), &CaptureSession::errorOccurred);
        QVERIFY2(started.wait(10000), errors.isEmpty()
                                          ? "no capture started"
                                          : qPrintable(errors.first().first().toString()));
        const QList<qint64> h = helpers();
        QCOMPARE(h.size(), 1);
        // The window holds no capability while it captures; the helper dropped its own.
        QCOMPARE(capEff(::getpid()), QStringLiteral("0000000000000000"));
        QCOMPARE(capEff(h.first()), QStringLiteral("0000000000000000"));
        touch(qEnvironmentVariable("NETLENS_TEST_READY"));
        const bool all = waitFor([&] { return w.packetModel()->rowCount() >= expect; }, 30000);
        QVERIFY2(all, qPrintable(QStringLiteral("%1 rows of %2 sent; store %3; last stats %4")
                                     .arg(w.packetModel()->rowCount())
                                     .arg(expect)
                                     .arg(w.session()->engine().store().size())
                                     .arg(w.session()->lastStats().packets)));
        QCOMPARE(capEff(::getpid()), QStringLiteral("0000000000000000"));
        QSignalSpy finished(&w, &MainWindow::sessionFinished);
        bar->stopAction()->trigger();
        QVERIFY(finished.wait(5000));
        QCOMPARE(w.packetModel()->rowCount(), expect);
        QVERIFY(helpers().isEmpty());
        const QString file = w.session()->files().value(0);
        QVERIFY(file.startsWith(m_dir.path()));
        // tshark reads as many packets in the helper's file as the table holds.
        QProcess tshark;
        tshark.start(QStringLiteral("tshark"),
                     {QStringLiteral("-n"), QStringLiteral("-r"), file, QStringLiteral("-T"),
                      QStringLiteral("fields"), QStringLiteral("-e"),
                      QStringLiteral("frame.number")});
        QVERIFY(tshark.waitForFinished(30000));
        QCOMPARE(tshark.exitCode(), 0);
        QCOMPARE(tshark.readAllStandardOutput().count('\n'), expect);
        // Each row's bytes, re-read from that file at the offset computed from the stream,
        // are the packet's as a reader of the file finds them.
        std::string error;
        auto reader = CaptureReader::open(file.toStdString(), error);
        QVERIFY2(reader, error.c_str());
        const PacketStore &store = w.session()->engine().store();
        std::vector<std::uint8_t> bytes;
        RawPacket p;
        for (std::size_t row = 0; reader->next(p); ++row) {
            QVERIFY(row < store.size());
            QVERIFY(w.session()->bytes()->read(store.at(row), bytes));
            QVERIFY2(bytes.size() == p.capLen && std::equal(bytes.begin(), bytes.end(), p.data),
                     qPrintable(QStringLiteral("row %1: other bytes than in the file").arg(row)));
        }
    }

    void helperKilled()
    {
        MainWindow w(m_settings);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.captureToolbar()->startAction()->trigger();
        QVERIFY(w.session());
        QSignalSpy started(w.session(), &CaptureSession::captureStarted);
        QVERIFY(started.wait(10000));
        touch(qEnvironmentVariable("NETLENS_TEST_READY2"));
        QVERIFY(waitFor([&] { return w.packetModel()->rowCount() >= 100; }, 20000));
        const QList<qint64> h = helpers();
        QCOMPARE(h.size(), 1);
        QSignalSpy errors(w.session(), &CaptureSession::errorOccurred);
        QSignalSpy finished(&w, &MainWindow::sessionFinished);
        QVERIFY(::kill(static_cast<pid_t>(h.first()), SIGKILL) == 0);
        QVERIFY(finished.wait(5000));
        const int rows = w.packetModel()->rowCount();
        qInfo("%d rows kept; error: %s", rows,
              errors.isEmpty() ? "(none)" : qPrintable(errors.first().first().toString()));
        QVERIFY(!errors.isEmpty());
        QVERIFY(errors.first().first().toString().contains(QStringLiteral("ended unexpectedly")));
        QVERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("capture helper")),
                 qPrintable(w.statusBar()->currentMessage()));
        QVERIFY(rows >= 100);
        QCOMPARE(static_cast<qint64>(w.session()->engine().store().size()), rows);
        QVERIFY(!w.captureToolbar()->stopAction()->isEnabled());
    }

private:
    QTemporaryDir m_dir;
    AppSettings m_settings;
};

QTEST_MAIN(TestGuiHelper)
#include "tst_guihelper.moc"
