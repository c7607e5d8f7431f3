// SPDX-License-Identifier: GPL-3.0-or-later
// The display filter over a store that keeps growing (a file still loading, a live capture),
// and where the packet list scrolls while rows arrive. Offscreen, over the packet pane and the
// session controller as the window wires them.
#include "engine/displayfilter.h"
#include "engine/engine.h"
#include "guitesthelpers.h"
#include "mainwindow/mainwindow.h"
#include "packets/displayfilterjob.h"
#include "packets/packetpane.h"
#include "packets/packettablemodel.h"
#include "packets/packettableview.h"
#include "session/capturesession.h"
#include "session/sessioncontroller.h"
#include "settings/appsettings.h"
#include "store/packetstore.h"

#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QUdpSocket>
#include <memory>
#include <vector>

using namespace netlens;
using namespace netlens::test;

namespace {
const QString kSyn = QStringLiteral("tcp[tcpflags] & tcp-syn != 0");
constexpr int kCopies = 40;
constexpr int kSynPerCopy = 1241; // tcpdump -r zeek__echo-connections.pcap 'tcp[...]' | wc -l

/// The store rows the model shows, in view order.
RowList shownRows(const PacketTableModel &m)
{
    RowList rows;
    rows.reserve(static_cast<std::size_t>(m.rowCount()));
    for (int r = 0; r < m.rowCount(); ++r)
        rows.push_back(static_cast<RowId>(m.storeRow(r)));
    return rows;
}

/// What one pass of the core's filter over every stored row finds.
RowList referenceRows(const CaptureSession &s, const QString &expression)
{
    const PacketStore &store = s.engine().store();
    const DisplayFilter::Result r = DisplayFilter::run(
        store, s.filePaths(), expression.toStdString(), store.firstRow(), store.size(), nullptr);
    return r.ok && r.endRow == store.size() ? r.rows : RowList{};
}

/// A pane that follows a controller, as in the window.
struct Rig {
    SessionController controller;
    PacketPane pane;
    Rig()
    {
        controller.follow(&pane, [this](CaptureSession *s) { pane.setSession(s); });
    }
    PacketTableModel &model() { return *pane.model(); }
};

/// The first row where two row lists differ, or -1.
qsizetype firstDifference(const RowList &a, const RowList &b)
{
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i)
        if (a[i] != b[i])
            return static_cast<qsizetype>(i);
    return a.size() == b.size() ? -1 : static_cast<qsizetype>(std::min(a.size(), b.size()));
}
} // namespace

class TestDisplayFilter final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        netlens::test::isolateSettings();
        QVERIFY(m_dir.isValid());
        m_big = writeBigCapture(m_dir, kCopies);
        QVERIFY(!m_big.isEmpty());
    }

    void filterWhileTheStoreGrows()
    {
        // The filter starts on the first batch of a 3.3 M-packet file; the loader keeps
        // storing rows while the pass runs. Every SYN of every copy must end up shown.
        Rig rig;
        std::size_t appliedEnd = 0;
        connect(rig.pane.filterJob(), &DisplayFilterJob::applied, this,
                [&](RowId end) { appliedEnd = end; });
        QSignalSpy applied(&rig.pane, &PacketPane::displayFilterApplied);
        rig.controller.openFiles({m_big});
        CaptureSession *s = rig.controller.session();
        QSignalSpy finished(s, &CaptureSession::finished);
        QVERIFY(waitFor([&] { return rig.model().rowCount() > 0; }, 10000));
        rig.pane.applyDisplayFilter(kSyn);
        QVERIFY(applied.wait(30000));
        QVERIFY(finished.count() > 0 || finished.wait(60000));
        QVERIFY(waitFor([&] { return !rig.pane.filterJob()->isBusy(); }, 30000));

        const std::size_t stored = s->engine().store().size();
        QCOMPARE(stored, std::size_t(kCopies) * 82582);
        QVERIFY2(appliedEnd > 0 && appliedEnd < stored,
                 "the first pass should have covered only part of the file");
        const RowList shown = shownRows(rig.model());
        const RowList expected = referenceRows(*s, kSyn);
        QCOMPARE(expected.size(), std::size_t(kCopies) * kSynPerCopy);
        QCOMPARE(shown.size(), expected.size());
        QCOMPARE(firstDifference(shown, expected), qsizetype(-1));
        QCOMPARE(rig.model().coveredStoreRows(), stored);
        QCOMPARE(rig.pane.filterJob()->coveredRows(), stored);
    }

    void filterTypedBeforeOpening()
    {
        // No full pass at all: the rows are filtered batch by batch as they are stored.
        Rig rig;
        rig.pane.applyDisplayFilter(kSyn);
        rig.controller.openFiles({m_big});
        CaptureSession *s = rig.controller.session();
        QSignalSpy finished(s, &CaptureSession::finished);
        QVERIFY(finished.wait(60000));
        QVERIFY(waitFor([&] { return !rig.pane.filterJob()->isBusy(); }, 30000));
        const RowList shown = shownRows(rig.model());
        const RowList expected = referenceRows(*s, kSyn);
        QCOMPARE(expected.size(), std::size_t(kCopies) * kSynPerCopy);
        QCOMPARE(shown.size(), expected.size());
        QCOMPARE(firstDifference(shown, expected), qsizetype(-1));
    }

    void incrementalPassWithoutMatchesAdvancesCoverage()
    {
        // Nothing matches: the passes after the first must still move on, each one starting
        // where the previous one stopped, never again from the start.
        Rig rig;
        const QString none = QStringLiteral("host 203.0.113.77");
        std::vector<std::pair<std::size_t, std::size_t>> passes; // (rows matched, end row)
        connect(
            rig.pane.filterJob(), &DisplayFilterJob::rowsMatched, this,
            [&](const RowList &rows, std::size_t end) { passes.emplace_back(rows.size(), end); });
        QSignalSpy applied(&rig.pane, &PacketPane::displayFilterApplied);
        rig.controller.openFiles({m_big});
        CaptureSession *s = rig.controller.session();
        QSignalSpy finished(s, &CaptureSession::finished);
        QVERIFY(waitFor([&] { return rig.model().rowCount() > 0; }, 10000));
        rig.pane.applyDisplayFilter(none);
        QVERIFY(applied.wait(30000));
        const std::size_t afterFirst = rig.model().coveredStoreRows();
        QVERIFY(afterFirst > 0);
        QVERIFY(finished.count() > 0 || finished.wait(60000));
        QVERIFY(waitFor([&] { return !rig.pane.filterJob()->isBusy(); }, 30000));

        const std::size_t stored = s->engine().store().size();
        QVERIFY2(!passes.empty(), "rows stored after the first pass need incremental passes");
        std::size_t last = afterFirst;
        for (const auto &[matched, end] : passes) {
            QCOMPARE(matched, std::size_t(0));
            QVERIFY(end > last);
            last = end;
        }
        QCOMPARE(last, stored);
        QCOMPARE(rig.model().rowCount(), 0);
        QCOMPARE(rig.model().coveredStoreRows(), stored);
    }

    void modelCoverageFollowsThePasses()
    {
        // The model itself: coverage is what the passes examined, matched or not.
        Rig rig;
        rig.controller.openFiles({corpus(QStringLiteral("zeek__wikipedia.pcap"))});
        QSignalSpy finished(rig.controller.session(), &CaptureSession::finished);
        QVERIFY(finished.wait(30000));
        PacketTableModel &m = rig.model();
        QCOMPARE(m.coveredStoreRows(), std::size_t(136));
        m.setDisplayedRows({3, 7}, 50); // the store has 136 rows; the pass looked at 50
        QCOMPARE(m.rowCount(), 2);
        QCOMPARE(m.coveredStoreRows(), std::size_t(50));
        m.appendDisplayedRows({}, 90);
        QCOMPARE(m.coveredStoreRows(), std::size_t(90));
        m.appendDisplayedRows({40, 95, 120}, 130); // 40 was covered already: not shown twice
        QCOMPARE(m.rowCount(), 4);
        QCOMPARE(m.storeRow(2), qint64(95));
        QCOMPARE(m.storeRow(3), qint64(120));
        QCOMPARE(m.coveredStoreRows(), std::size_t(130));
        m.showAllRows();
        QCOMPARE(m.rowCount(), 136);
        QCOMPARE(m.coveredStoreRows(), std::size_t(136));
    }

    void openedFileStaysAtItsFirstPackets()
    {
        MainWindow w{AppSettings{}};
        w.resize(1000, 700);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy done(&w, &MainWindow::sessionFinished);
        w.openFiles({m_big});
        QVERIFY(done.wait(60000));
        QScrollBar *bar = w.packetView()->verticalScrollBar();
        QCOMPARE(w.packetModel()->rowCount(), kCopies * 82582);
        QVERIFY(bar->maximum() > 0);
        QCOMPARE(bar->value(), 0);
        QVERIFY(!w.packetView()->isFollowing());
        QCOMPARE(w.packetView()->rowAt(0), 0);
    }

    void viewFollowsWhenAskedTo()
    {
        // What a live session turns on, over rows from a file so no network is needed.
        PacketTableModel model;
        PacketTableView view;
        view.setPacketModel(&model);
        view.resize(800, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setFollowNewRows(true);
        std::unique_ptr<CaptureSession> s(
            CaptureSession::openFiles({corpus(QStringLiteral("pcapplusplus__example.pcap"))}));
        model.setSession(s.get());
        connect(s.get(), &CaptureSession::rowsAvailable, &model, &PacketTableModel::appendRows);
        QSignalSpy done(s.get(), &CaptureSession::finished);
        QVERIFY(done.wait(30000));
        QScrollBar *bar = view.verticalScrollBar();
        QCOMPARE(model.rowCount(), 4631);
        QVERIFY(bar->maximum() > 0);
        QCOMPARE(bar->value(), bar->maximum());
        model.setSession(nullptr);
    }

    void liveCaptureFollowsUntilTheUserScrollsAway()
    {
        // A real live session on the loopback interface, fed by UDP datagrams from this test.
        QTemporaryDir dir;
        AppSettings settings;
        settings.dataDir = dir.path();
        MainWindow w{settings};
        w.resize(1000, 700);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const quint16 port = 47913;
        w.sessionController()->startCapture(settings.captureSettings(
            QStringLiteral("lo"), QStringLiteral("udp dst port %1").arg(port)));
        CaptureSession *s = w.session();
        QVERIFY(s && s->kind() == CaptureSession::Kind::Live);
        QSignalSpy started(s, &CaptureSession::captureStarted);
        QSignalSpy failed(s, &CaptureSession::errorOccurred);
        if (!started.wait(5000))
            QSKIP(failed.isEmpty() ? "no capture started on lo"
                                   : qPrintable(failed.first().first().toString()));
        QVERIFY(w.packetView()->followsNewRows());
        QUdpSocket socket;
        const auto send = [&](int n) {
            for (int i = 0; i < n; ++i)
                socket.writeDatagram(QByteArray(32, 'x'), QHostAddress::LocalHost, port);
        };
        // Several batches, so rows arrive while the table already scrolls.
        for (int round = 0; round < 4; ++round) {
            send(100);
            QTest::qWait(150);
        }
        QVERIFY(waitFor([&] { return w.packetModel()->rowCount() >= 400; }, 10000));
        QScrollBar *bar = w.packetView()->verticalScrollBar();
        QVERIFY(bar->maximum() > 0);
        QCOMPARE(bar->value(), bar->maximum());

        // The user scrolls up: new packets no longer move the table.
        bar->triggerAction(QAbstractSlider::SliderToMinimum);
        QVERIFY(!w.packetView()->isFollowing());
        send(100);
        QVERIFY(waitFor([&] { return w.packetModel()->rowCount() >= 500; }, 10000));
        QCOMPARE(bar->value(), 0);

        QSignalSpy done(&w, &MainWindow::sessionFinished);
        w.stopCapture();
        QVERIFY(done.wait(10000));
    }

    void liveCaptureWithAFilterMissesNothing()
    {
        // Live rows reach the disk up to a second after the table hears of them: passes stop
        // there and come back. Half the datagrams match; every one of them must be shown.
        QTemporaryDir dir;
        AppSettings settings;
        settings.dataDir = dir.path();
        MainWindow w{settings};
        const quint16 port = 47914;
        w.applyDisplayFilter(QStringLiteral("greater 200"));
        w.sessionController()->startCapture(settings.captureSettings(
            QStringLiteral("lo"), QStringLiteral("udp dst port %1").arg(port)));
        CaptureSession *s = w.session();
        QSignalSpy started(s, &CaptureSession::captureStarted);
        QSignalSpy failed(s, &CaptureSession::errorOccurred);
        if (!started.wait(5000))
            QSKIP(failed.isEmpty() ? "no capture started on lo"
                                   : qPrintable(failed.first().first().toString()));
        QUdpSocket socket;
        for (int round = 0; round < 5; ++round) {
            for (int i = 0; i < 60; ++i)
                socket.writeDatagram(QByteArray(i % 2 ? 300 : 40, 'x'), QHostAddress::LocalHost,
                                     port);
            QTest::qWait(120);
        }
        // While the capture still runs: the passes catch up once the bytes are flushed.
        QVERIFY(waitFor([&] { return w.packetModel()->rowCount() >= 150; }, 10000));
        QCOMPARE(s->engine().store().size(), std::size_t(300));
        QSignalSpy done(&w, &MainWindow::sessionFinished);
        w.stopCapture();
        QVERIFY(done.wait(10000));
        QVERIFY(waitFor([&] { return !w.packetPane()->filterJob()->isBusy(); }, 10000));
        const RowList shown = shownRows(*w.packetModel());
        const RowList expected = referenceRows(*s, QStringLiteral("greater 200"));
        QCOMPARE(expected.size(), std::size_t(150));
        QCOMPARE(shown.size(), expected.size());
        QCOMPARE(firstDifference(shown, expected), qsizetype(-1));
    }

private:
    QTemporaryDir m_dir;
    QString m_big;
};

QTEST_MAIN(TestDisplayFilter)
#include "tst_displayfilter.moc"
