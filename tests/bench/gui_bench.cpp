// SPDX-License-Identifier: GPL-3.0-or-later
// gui_bench: the main window opening a capture (or capturing live), measured from inside.
//   gui_bench open FILE[,FILE...] [FILTER]   time to the first rows, to fully loaded, peak RSS, the
//                                  longest UI-thread stall, then the display filter's time
//   gui_bench live IFACE SECONDS [full|bare]   longest UI-thread stall and drops while capturing,
//                                  the UI thread's CPU time and the worker's snapshot cost;
//                                  full: the Dashboard dock shown and the four statistics windows
//                                  open; bare: the dock hidden, no statistics window (the
//                                  difference between the two is what refreshing the views costs);
//                                  default: the window as it opens
// The stall is the longest gap between ticks of a 1 ms timer on the UI thread: any work
// that blocks the event loop shows up there, as a user would feel it.
#include "engine/engine.h"
#include "mainwindow/capturetoolbar.h"
#include "mainwindow/mainwindow.h"
#include "packets/packettablemodel.h"
#include "packets/packettableview.h"
#include "session/capturesession.h"
#include "stats/statisticsmenu.h"
#include "stats/statisticswindow.h"

#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <cstdio>
#include <memory>
#include <sys/resource.h>
#include <utility>
#include <vector>

using namespace netlens;

namespace {
/// A "VmXxx:" field of /proc/self/status in kB (-1 if missing).
long statusKb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray key(field);
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toLong();
    return -1;
}
long peakRssKb()
{
    return statusKb("VmHWM:");
}

/// CPU time (user + system) of the calling thread: on a loaded machine the wall clock also
/// counts other processes, the thread's own CPU time does not.
qint64 threadCpuNs()
{
    rusage u{};
    getrusage(RUSAGE_THREAD, &u);
    const auto ns = [](const timeval &t) {
        return qint64{t.tv_sec} * 1000000000 + qint64{t.tv_usec} * 1000;
    };
    return ns(u.ru_utime) + ns(u.ru_stime);
}

/// Records the longest gap between 1 ms ticks of the UI thread's event loop.
class StallMeter final : public QObject {
public:
    StallMeter()
    {
        m_clock.start();
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_worstNs = std::max(m_worstNs, now - m_lastNs);
            m_lastNs = now;
        });
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.start(1);
    }
    void reset()
    {
        m_worstNs = 0;
        m_lastNs = m_clock.nsecsElapsed();
    }
    double worstMs() const { return static_cast<double>(m_worstNs) / 1e6; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    qint64 m_worstNs = 0;
};
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("NetLensBench"));
    QSettings().clear();
    const QStringList args = QApplication::arguments();
    if (args.size() < 3) {
        std::fprintf(stderr,
                     "usage: gui_bench open FILE [FILTER] | live IFACE SECONDS [full|bare]\n");
        return 2;
    }
    qputenv("NETLENS_NO_DIALOGS", "1");
    MainWindow w{AppSettings{}};
    w.resize(1400, 900);
    w.show();
    StallMeter stall;
    QElapsedTimer clock;
    if (args[1] == QLatin1String("open")) {
        qint64 firstRowsMs = -1, loadedMs = -1;
        double loadStallMs = 0;
        QObject::connect(w.packetModel(), &QAbstractItemModel::rowsInserted, &w, [&] {
            if (firstRowsMs < 0)
                firstRowsMs = clock.elapsed();
        });
        QObject::connect(&w, &MainWindow::sessionFinished, &w, [&] {
            loadedMs = clock.elapsed();
            loadStallMs = stall.worstMs();
            QTimer::singleShot(200, &w, [&] {
                const QString filter = args.value(3, QStringLiteral("tcp"));
                stall.reset();
                clock.restart();
                QObject::connect(&w, &MainWindow::displayFilterApplied, &w, [&, filter] {
                    const qint64 filterMs = clock.elapsed();
                    // Jump around the whole table and repaint: the cost of showing any part
                    // of a multi-million-row list (cells are made in data(), Info re-read).
                    double scrollMaxMs = 0;
                    QScrollBar *bar = w.packetView()->verticalScrollBar();
                    for (int i = 0; i <= 20; ++i) {
                        QElapsedTimer t;
                        t.start();
                        bar->setValue(static_cast<int>(static_cast<qint64>(bar->maximum()) * ((i * 7) % 21) / 20));
                        w.packetView()->viewport()->repaint();
                        scrollMaxMs = std::max(scrollMaxMs, static_cast<double>(t.nsecsElapsed()) / 1e6);
                    }
                    std::printf("packets %d\nfirst_rows_ms %lld\nloaded_ms %lld\nload_max_stall_ms %.1f\n"
                                "filter \"%s\" rows %d\nfilter_ms %lld\nfilter_max_stall_ms %.1f\nscroll_repaint_max_ms %.1f\n"
                                "peak_rss_kb %ld\n",
                                static_cast<int>(w.session()->engine().store().size()), firstRowsMs, loadedMs,
                                loadStallMs, qPrintable(filter), w.packetModel()->rowCount(), filterMs,
                                stall.worstMs(), scrollMaxMs, peakRssKb());
                    std::fflush(stdout);
                    QApplication::quit();
                });
                w.applyDisplayFilter(filter);
            });
        });
        // Memory against how far the load is, from the session's progress signal. The timer
        // and the figures outlive this block (exec() runs after it): owned by the window.
        auto *progressTimer = new QTimer(&w);
        auto progress = std::make_shared<std::pair<quint64, quint64>>(); // done, total
        const auto printProgress = [&clock, progress] {
            std::fprintf(stderr, "progress %lld %llu %llu %ld\n", clock.elapsed(),
                         static_cast<unsigned long long>(progress->first),
                         static_cast<unsigned long long>(progress->second), statusKb("VmRSS:"));
        };
        QObject::connect(progressTimer, &QTimer::timeout, &w, printProgress);
        QObject::connect(&w, &MainWindow::sessionFinished, progressTimer,
                         [progressTimer, progress, printProgress] {
                             progressTimer->stop();
                             progress->first = progress->second; // loaded: the whole file
                             printProgress();
                         });
        QTimer::singleShot(300, &w, [&] {
            stall.reset();
            clock.start();
            w.openFiles(args[2].split(QLatin1Char(','))); // several files: one capture
            if (CaptureSession *session = w.session())
                QObject::connect(session, &CaptureSession::progress, &w,
                                 [progress](quint64 done, quint64 total) {
                                     *progress = {done, total};
                                 });
            progressTimer->start(1000);
        });
    } else {
        const int seconds = args.value(3, QStringLiteral("10")).toInt();
        const QString layout = args.value(4);
        QSettings().setValue(QStringLiteral("capture/dataDir"), QStringLiteral("/tmp"));
        w.captureToolbar()->reloadInterfaces(args[2]);
        if (layout == QLatin1String("bare"))
            if (auto *dock = w.findChild<QDockWidget *>(QStringLiteral("dashboardDock")))
                dock->hide();
        // Measured on the UI thread: CPU time over the whole capture, and over the span in which
        // rows arrive (the replay itself: the capture runs longer than the replay, idle around it).
        qint64 cpuStartNs = 0, startNs = 0;
        qint64 firstRowsNs = -1, firstRowsCpuNs = 0, lastRowsNs = 0, lastRowsCpuNs = 0;
        quint64 snapshots = 0;
        qint64 snapshotCostNs = 0, snapshotCostMaxNs = 0;
        std::vector<std::pair<qint64, qint64>> snapshotAt; // arrival, build cost
        QTimer::singleShot(300, &w, [&] {
            clock.start();
            w.startCapture();
            CaptureSession *session = w.session();
            if (!session) {
                std::fprintf(stderr, "gui_bench: the capture did not start\n");
                QApplication::exit(1);
                return;
            }
            QObject::connect(session, &CaptureSession::rowsAvailable, &w, [&] {
                const qint64 now = clock.nsecsElapsed();
                const qint64 cpu = threadCpuNs();
                if (firstRowsNs < 0) {
                    firstRowsNs = now;
                    firstRowsCpuNs = cpu;
                }
                lastRowsNs = now;
                lastRowsCpuNs = cpu;
            });
            // The worker's cost of the periodic snapshots (the final, complete one is built once
            // at the end and not part of the refresh rate).
            QObject::connect(
                session, &CaptureSession::snapshotReady, &w, [&](const StatsSnapshotPtr &snap) {
                    if (!snap || snap->final)
                        return;
                    ++snapshots;
                    snapshotCostNs += snap->buildCostNs;
                    snapshotCostMaxNs = std::max<qint64>(snapshotCostMaxNs, snap->buildCostNs);
                    snapshotAt.emplace_back(clock.nsecsElapsed(), snap->buildCostNs);
                });
            if (layout == QLatin1String("full"))
                for (auto kind : {StatisticsWindow::Kind::ProtocolHierarchy,
                                  StatisticsWindow::Kind::Conversations,
                                  StatisticsWindow::Kind::Endpoints, StatisticsWindow::Kind::Flows})
                    w.statisticsMenu()->open(kind);
            // Measured from once the windows are shown and painted: opening them is not the
            // refresh cost (stats_windows_bench times it), and the packets come later.
            QTimer::singleShot(400, &w, [&] {
                stall.reset();
                cpuStartNs = threadCpuNs();
                startNs = clock.nsecsElapsed();
                if (firstRowsNs >= 0)
                    std::fprintf(stderr, "gui_bench: packets came before the measurement began\n");
                QTimer::singleShot(seconds * 1000, &w, [&] { w.stopCapture(); });
            });
        });
        QObject::connect(&w, &MainWindow::sessionFinished, &w, [&] {
            const qint64 elapsedNs = clock.nsecsElapsed() - startNs;
            const qint64 cpuNs = threadCpuNs() - cpuStartNs;
            const qint64 activeNs = firstRowsNs < 0 ? 0 : lastRowsNs - firstRowsNs;
            // Snapshots built while rows arrived: those that arrive by the next period after the
            // last rows (snapshots come every 250-500 ms).
            qint64 activeSnapshotNs = 0;
            for (const auto &[at, cost] : snapshotAt)
                if (firstRowsNs >= 0 && at >= firstRowsNs && at <= lastRowsNs + 500000000)
                    activeSnapshotNs += cost;
            const auto pct = [](qint64 part, qint64 whole) {
                return whole > 0 ? 100.0 * static_cast<double>(part) / static_cast<double>(whole)
                                 : 0.0;
            };
            const CaptureStats &s = w.session()->lastStats();
            std::printf("packets %llu\nrows %d\nkernel_drops %llu\nmax_stall_ms %.1f\npeak_rss_kb %ld\n",
                        static_cast<unsigned long long>(s.packets), w.packetModel()->rowCount(),
                        static_cast<unsigned long long>(s.droppedKernel), stall.worstMs(), peakRssKb());
            std::printf("capture_s %.2f\nui_cpu_pct %.1f\nactive_s %.2f\nui_cpu_active_pct %.1f\n"
                        "snapshots %llu\nsnapshot_avg_ms %.2f\nsnapshot_max_ms %.2f\n"
                        "snapshot_cpu_pct %.2f\nsnapshot_cpu_active_pct %.2f\n",
                        static_cast<double>(elapsedNs) / 1e9, pct(cpuNs, elapsedNs),
                        static_cast<double>(activeNs) / 1e9,
                        pct(lastRowsCpuNs - firstRowsCpuNs, activeNs),
                        static_cast<unsigned long long>(snapshots),
                        snapshots ? static_cast<double>(snapshotCostNs) / 1e6 /
                                        static_cast<double>(snapshots)
                                  : 0.0,
                        static_cast<double>(snapshotCostMaxNs) / 1e6,
                        pct(snapshotCostNs, elapsedNs), pct(activeSnapshotNs, activeNs));
            std::fflush(stdout);
            QApplication::quit();
        });
    }
    return QApplication::exec();
}
