// SPDX-License-Identifier: GPL-3.0-or-later
// A live capture started with the window's own controls. run-guilive.sh runs this inside a
// network namespace with NETLENS_TEST_IFACE (the capture end of a veth pair) and
// NETLENS_TEST_EXPECT (packets it will replay once this test writes NETLENS_TEST_READY).
// While the packets arrive it saves the window with its dashboard, guilive-dashboard-LANG.png
// (NETLENS_TEST_LANG: en by default, or zh_CN with the Chinese translation loaded).
#include "capture/capturestats.h"
#include "charts/dashboardview.h"
#include "charts/protocolpiechart.h"
#include "charts/toptalkerschart.h"
#include "charts/trafficchart.h"
#include "engine/engine.h"
#include "guitesthelpers.h"
#include "mainwindow/capturetoolbar.h"
#include "mainwindow/mainwindow.h"
#include "packets/packettablemodel.h"
#include "session/capturesession.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTranslator>

using namespace netlens;
using namespace netlens::test;

class TestGuiLive final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void captureFillsTheTable()
    {
        const QString iface = qEnvironmentVariable("NETLENS_TEST_IFACE");
        const int expect = qEnvironmentVariableIntValue("NETLENS_TEST_EXPECT");
        const QString ready = qEnvironmentVariable("NETLENS_TEST_READY");
        if (iface.isEmpty() || expect <= 0 || ready.isEmpty())
            QSKIP("run through run-guilive.sh, which sets up the namespaces");
        netlens::test::isolateSettings();
        const QString lang = qEnvironmentVariable("NETLENS_TEST_LANG", QStringLiteral("en"));
        QTranslator translator;
        if (lang != QLatin1String("en")) {
            QVERIFY(
                translator.load(QStringLiteral("netlens_") + lang, QStringLiteral(NETLENS_QM_DIR)));
            QCoreApplication::installTranslator(&translator);
        }
        QTemporaryDir dir;
        AppSettings settings;
        settings.dataDir = dir.path();
        settings.defaultInterface = iface;
        MainWindow w(settings);
        // Shown as on a 1366x768 screen, for the screenshot taken while packets arrive.
        w.resize(1366, 768);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        CaptureToolbar *bar = w.captureToolbar();
        QCOMPARE(bar->currentInterface(), iface);
        QVERIFY(bar->startAction()->isEnabled());
        bar->startAction()->trigger(); // what a click on Start does
        QVERIFY(w.session());
        QSignalSpy started(w.session(), &CaptureSession::captureStarted);
        QVERIFY(started.wait(10000));
        QSignalSpy ticks(w.session(), &CaptureSession::statsTick);
        QFile f(ready);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();

        QElapsedTimer sinceReady;
        sinceReady.start();
        qint64 firstRowMs = -1;
        int shotAtRows = -1;
        bool shotLive = false;
        bool shotSaved = false;
        const QString shotPath = QStringLiteral(NETLENS_SCREENSHOT_DIR "/guilive-dashboard-") +
                                 lang + QStringLiteral(".png");
        DashboardView *d = w.dashboard();
        QVERIFY(waitFor(
            [&] {
                const int rows = w.packetModel()->rowCount();
                if (firstRowMs < 0 && rows > 0)
                    firstRowMs = sinceReady.elapsed();
                // Mid-capture: a third of the packets in and the charts past their first snapshot.
                if (shotAtRows < 0 && rows >= expect / 3 && rows < expect &&
                    !d->protocolChart()->slices().isEmpty() &&
                    !d->topTalkersChart()->bars().isEmpty() &&
                    d->trafficChart()->keys().size() >= 2) {
                    shotAtRows = rows;
                    shotLive = d->trafficChart()->isLiveMode();
                    QDir().mkpath(QStringLiteral(NETLENS_SCREENSHOT_DIR));
                    shotSaved = w.grab().toImage().save(shotPath);
                    qInfo("saved %s at %d of %d packets", qPrintable(shotPath), rows, expect);
                }
                return rows >= expect;
            },
            30000));
        QVERIFY2(shotAtRows > 0, "no screenshot while the packets arrived");
        QVERIFY(shotSaved);
        QVERIFY(shotLive); // the traffic chart offers the live windows
        qInfo("first row after %lld ms (includes tcpreplay start-up); %d rows", firstRowMs,
              w.packetModel()->rowCount());
        QVERIFY(ticks.count() > 0 || ticks.wait(2000));
        QVERIFY(bar->stopAction()->isEnabled());
        QSignalSpy finished(&w, &MainWindow::sessionFinished);
        QElapsedTimer stopTimer;
        stopTimer.start();
        bar->stopAction()->trigger();
        QVERIFY(finished.wait(5000));
        qInfo("stopped in %lld ms", stopTimer.elapsed());
        QCOMPARE(w.packetModel()->rowCount(), expect);
        const QString file = w.session()->files().value(0);
        QVERIFY(file.startsWith(dir.path()));
        QVERIFY(QFile(file).size() > 24);
        QCOMPARE(w.session()->lastStats().droppedKernel, quint64(0));
        QVERIFY(!w.packetModel()->cellText(0, PacketTableModel::Info).isEmpty());
    }
};

QTEST_MAIN(TestGuiLive)
#include "tst_guilive.moc"
