// SPDX-License-Identifier: GPL-3.0-or-later
// CaptureWorker in-process, as the GUI drives it: the worker runs in its own QThread, which
// joins network namespace B (setns) before run(); a consumer on the main thread reads every
// new store row on batchReady. Checked: every packet sent becomes a row, batches come at most
// every ~100 ms (and keep coming while traffic flows), stats ticks arrive, and requestStop()
// ends the capture within 200 ms. Needs root (ip netns add, setns); skips otherwise.

#include "capture/captureworker.h"
#include "engine/engine.h"
#include "netns.h"

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <algorithm>
#include <fcntl.h>
#include <sched.h>
#include <unistd.h>
#include <vector>

using namespace netlens;
using namespace netlens::test;

namespace {

constexpr int kBatchMs = 100;
constexpr int kStatsMs = 250;
// A stop that waits out a timeout (a second or more), not the benchmark's 200 ms target:
// see kMaxStopMs in livecapturehelpers.h.
constexpr qint64 kMaxStopMs = 800;

QString corpusFile(const char *name)
{
    return QStringLiteral(NETLENS_CORPUS_DIR "/") + QLatin1String(name);
}

/// What the worker's signals said, and when (one clock for every thread).
struct Observed {
    QElapsedTimer clock;
    // Written on the worker thread only, read after it has finished.
    bool setnsOk = false;
    std::vector<qint64> emittedMs; // batchReady, when emitted
    qint64 finishedMs = -1;
    // Main thread.
    std::vector<qint64> receivedMs;     // batchReady, when the consumer got it
    std::vector<std::uint32_t> capLens; // of every row read, in row order
    qsizetype nextRow = 0;
    bool rowGap = false;
    int statsTicks = 0;
    bool started = false;
    bool finished = false;
    QString error;
    CaptureStats last;
};

/// Starts `worker` on `thread`, inside the namespace open on `nsFd`, wired to `obs` the way the
/// GUI wires it: queued signals to the main thread, rows read from the store there.
void wire(CaptureWorker *worker, QThread &thread, int nsFd, Observed &obs, QObject &context)
{
    worker->moveToThread(&thread);
    // Runs on the worker thread (started() is emitted there): join B, then capture.
    QObject::connect(&thread, &QThread::started, worker, [worker, nsFd, &obs] {
        obs.setnsOk = ::setns(nsFd, CLONE_NEWNET) == 0;
        worker->run();
    });
    QObject::connect(
        worker, &CaptureWorker::batchReady, worker,
        [&obs](qsizetype, qsizetype) { obs.emittedMs.push_back(obs.clock.elapsed()); },
        Qt::DirectConnection);
    QObject::connect(
        worker, &CaptureWorker::finished, worker,
        [&obs](const CaptureStats &) { obs.finishedMs = obs.clock.elapsed(); },
        Qt::DirectConnection);
    QObject::connect(worker, &CaptureWorker::started, &context,
                     [&obs](const QString &, int, const QString &) { obs.started = true; });
    QObject::connect(worker, &CaptureWorker::batchReady, &context,
                     [&obs, worker](qsizetype first, qsizetype end) {
                         obs.receivedMs.push_back(obs.clock.elapsed());
                         if (first != obs.nextRow)
                             obs.rowGap = true;
                         const PacketStore &store = worker->engine().store();
                         for (qsizetype row = first; row < end; ++row)
                             obs.capLens.push_back(store.at(static_cast<std::size_t>(row)).capLen);
                         obs.nextRow = end;
                     });
    QObject::connect(worker, &CaptureWorker::statsTick, &context,
                     [&obs](const CaptureStats &) { ++obs.statsTicks; });
    QObject::connect(worker, &CaptureWorker::errorOccurred, &context,
                     [&obs](const QString &m) { obs.error = m; });
    QObject::connect(worker, &CaptureWorker::finished, &context, [&obs](const CaptureStats &s) {
        obs.last = s;
        obs.finished = true;
    });
}

/// The worker and its thread; stops and joins them however the test function is left.
class WorkerRun {
public:
    WorkerRun(const CaptureSettings &settings, int nsFd, Observed &obs, QObject &context)
        : m_worker(new CaptureWorker(settings))
    {
        wire(m_worker, m_thread, nsFd, obs, context);
        m_thread.start();
    }
    ~WorkerRun()
    {
        m_worker->requestStop();
        do
            m_thread.quit(); // exec() returns at once once run() is over
        while (!m_thread.wait(100));
        delete m_worker;
    }
    WorkerRun(const WorkerRun &) = delete;
    WorkerRun &operator=(const WorkerRun &) = delete;
    CaptureWorker *worker() const { return m_worker; }
    bool join()
    {
        m_thread.quit();
        return m_thread.wait(5000);
    }

private:
    QThread m_thread;
    CaptureWorker *m_worker;
};

/// An open namespace file, closed on destruction.
struct NsFd {
    explicit NsFd(const QString &ns)
        : fd(::open(qPrintable(QStringLiteral("/run/netns/") + ns), O_RDONLY | O_CLOEXEC))
    {
    }
    ~NsFd()
    {
        if (fd >= 0)
            ::close(fd);
    }
    NsFd(const NsFd &) = delete;
    NsFd &operator=(const NsFd &) = delete;
    int fd;
};

} // namespace

class TstCaptureWorker : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void guiLikeConsumer();
    void stopWhenIdle();

private:
    CaptureSettings settings(const QString &dir) const
    {
        CaptureSettings s;
        s.interface = NetnsPair::kIfB.toStdString();
        s.outputFile = QString(dir + QStringLiteral("/worker.pcap")).toStdString();
        s.batchIntervalMs = kBatchMs;
        s.statsIntervalMs = kStatsMs;
        return s;
    }
};

void TstCaptureWorker::initTestCase()
{
    const QString unavailable = netnsUnavailableReason({"ip", "tcpreplay"});
    if (!unavailable.isEmpty())
        QSKIP(qPrintable(unavailable));
}

void TstCaptureWorker::guiLikeConsumer()
{
    const QString file = corpusFile("tcpreplay__test.pcap");
    const CaptureContents sent = readCapture(file);
    QVERIFY2(sent.complete, qPrintable(sent.error));
    constexpr int kLoops = 4;
    NetnsPair ns;
    QVERIFY2(ns.isUp(), qPrintable(ns.error()));
    const NsFd nsB(ns.b());
    QVERIFY(nsB.fd >= 0);
    QTemporaryDir dir;

    Observed obs;
    obs.clock.start();
    QObject context;
    WorkerRun run(settings(dir.path()), nsB.fd, obs, context);
    CaptureWorker *worker = run.worker();
    QTRY_VERIFY_WITH_TIMEOUT(obs.started || obs.finished, 5000);
    QVERIFY2(obs.started, qPrintable(obs.error));

    // 400 packets/s for about 1.8 s; the event loop keeps running meanwhile, as in the GUI.
    QProcess replay;
    replay.start(
        findTool(QStringLiteral("ip")),
        NetnsPair::execArgs(ns.a(), {findTool(QStringLiteral("tcpreplay")), QStringLiteral("-i"),
                                     NetnsPair::kIfA, QStringLiteral("--pps=400"),
                                     QStringLiteral("--loop=%1").arg(kLoops), file}));
    const qint64 trafficStartMs = obs.clock.elapsed();
    QTRY_VERIFY_WITH_TIMEOUT(replay.state() == QProcess::NotRunning, 20000);
    const qint64 trafficEndMs = obs.clock.elapsed();
    QVERIFY2(replay.exitCode() == 0, replay.readAllStandardError().constData());
    const qint64 sentCount = tcpreplaySent(replay.readAllStandardOutput());
    QCOMPARE(sentCount, static_cast<qint64>(kLoops * sent.frames.size()));
    QTest::qWait(300); // the last kernel block (50 ms) and the batch after it

    const qint64 stopAtMs = obs.clock.elapsed();
    QElapsedTimer call;
    call.start();
    worker->requestStop();
    const qint64 callUs = call.nsecsElapsed() / 1000;
    QTRY_VERIFY_WITH_TIMEOUT(obs.finished, 5000);
    QVERIFY(run.join());
    QVERIFY(obs.setnsOk);
    QVERIFY2(obs.error.isEmpty(), qPrintable(obs.error));

    const qint64 stopMs = obs.finishedMs - stopAtMs;
    qInfo("requestStop() returned in %lld us; finished() %lld ms later", callUs, stopMs);
    QVERIFY2(callUs < 10000, "requestStop() blocked");
    QVERIFY2(stopMs <= kMaxStopMs, qPrintable(QStringLiteral("stopped after %1 ms").arg(stopMs)));

    // Every packet sent is a row, read by the consumer in order, none missing.
    QCOMPARE(static_cast<qint64>(worker->engine().store().size()), sentCount);
    QCOMPARE(static_cast<qint64>(obs.capLens.size()), sentCount);
    QVERIFY(!obs.rowGap);
    for (std::size_t i = 0; i < obs.capLens.size(); ++i)
        QVERIFY2(obs.capLens[i] == sent.frames[i % sent.frames.size()].capLen,
                 qPrintable(QStringLiteral("row %1: %2 bytes, %3 sent")
                                .arg(i)
                                .arg(obs.capLens[i])
                                .arg(sent.frames[i % sent.frames.size()].capLen)));
    QCOMPARE(static_cast<qint64>(obs.last.packets), sentCount);
    QCOMPARE(obs.last.droppedKernel, quint64{0});

    // Batches: never closer than the interval when emitted (the last one, at the end, is
    // forced), and, while the traffic flows, arriving at least every 3 intervals.
    QVERIFY(obs.emittedMs.size() >= 10);
    qint64 minEmitted = 1 << 30;
    for (std::size_t i = 1; i + 1 < obs.emittedMs.size(); ++i)
        minEmitted = std::min(minEmitted, obs.emittedMs[i] - obs.emittedMs[i - 1]);
    qint64 minReceived = 1 << 30;
    qint64 maxReceivedGap = 0;
    for (std::size_t i = 1; i + 1 < obs.receivedMs.size(); ++i) {
        const qint64 gap = obs.receivedMs[i] - obs.receivedMs[i - 1];
        minReceived = std::min(minReceived, gap);
        if (obs.receivedMs[i - 1] >= trafficStartMs + 300 && obs.receivedMs[i] <= trafficEndMs)
            maxReceivedGap = std::max(maxReceivedGap, gap);
    }
    qInfo("%lld batches; intervals: emitted >= %lld ms, received >= %lld ms, at most %lld ms apart "
          "while traffic flowed; %d stats ticks",
          static_cast<long long>(obs.emittedMs.size()), minEmitted, minReceived, maxReceivedGap,
          obs.statsTicks);
    QVERIFY2(minEmitted >= kBatchMs - 2, "batches emitted more often than every 100 ms");
    QVERIFY2(minReceived >= kBatchMs / 2, "batches received in a burst");
    QVERIFY2(maxReceivedGap <= 3 * kBatchMs, "batches stalled while traffic flowed");

    // Stats ticks every 250 ms, plus the final one.
    const qint64 capturedMs = obs.finishedMs - trafficStartMs;
    QVERIFY2(
        obs.statsTicks >= capturedMs / kStatsMs - 1,
        qPrintable(QStringLiteral("%1 stats ticks in %2 ms").arg(obs.statsTicks).arg(capturedMs)));
}

// No traffic at all: the worker still stops at once (it sleeps in poll(), not in libpcap).
void TstCaptureWorker::stopWhenIdle()
{
    NetnsPair ns;
    QVERIFY2(ns.isUp(), qPrintable(ns.error()));
    const NsFd nsB(ns.b());
    QVERIFY(nsB.fd >= 0);
    QTemporaryDir dir;
    Observed obs;
    obs.clock.start();
    QObject context;
    WorkerRun run(settings(dir.path()), nsB.fd, obs, context);
    QTRY_VERIFY_WITH_TIMEOUT(obs.started || obs.finished, 5000);
    QVERIFY2(obs.started, qPrintable(obs.error));
    QTest::qWait(700);
    const int ticksIdle = obs.statsTicks;
    const qint64 stopAtMs = obs.clock.elapsed();
    run.worker()->requestStop();
    QTRY_VERIFY_WITH_TIMEOUT(obs.finished, 5000);
    QVERIFY(run.join());
    QVERIFY(obs.setnsOk);
    const qint64 stopMs = obs.finishedMs - stopAtMs;
    qInfo("idle: finished() %lld ms after requestStop(); %d stats ticks in 700 ms", stopMs,
          ticksIdle);
    QVERIFY2(stopMs <= kMaxStopMs, qPrintable(QStringLiteral("stopped after %1 ms").arg(stopMs)));
    QVERIFY2(ticksIdle >= 2, "no stats ticks without traffic");
    QCOMPARE(obs.last.packets, quint64{0});
}

QTEST_GUILESS_MAIN(TstCaptureWorker)
#include "tst_captureworker.moc"
