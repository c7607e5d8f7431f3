// gui_bench: the main window opening a capture (or capturing live), measured from inside.
//   gui_bench open FILE[,FILE...] [FILTER]   time to the first rows, to fully loaded, peak RSS, the
//                                  longest UI-thread stall, then the display filter's time
//   gui_bench live IFACE SECONDS   longest UI-thread stall and drops while capturing
// The stall is the longest gap between ticks of a 1 ms timer on the UI thread: any work
// that blocks the event loop shows up there, as a user would feel it.
#include "engine/engine.h"
#include "mainwindow/capturetoolbar.h"
#include "mainwindow/mainwindow.h"
#include "packets/packettablemodel.h"
#include "packets/packettableview.h"
#include "session/capturesession.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

#include <cstdio>

using namespace netlens;

namespace {
long peakRssKb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    return -1;
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
        std::fprintf(stderr, "usage: gui_bench open FILE [FILTER] | live IFACE SECONDS\n");
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
        QTimer::singleShot(300, &w, [&] {
            stall.reset();
            clock.start();
            w.openFiles(args[2].split(QLatin1Char(','))); // several files: one capture
        });
    } else {
        const int seconds = args.value(3, QStringLiteral("10")).toInt();
        QSettings().setValue(QStringLiteral("capture/dataDir"), QStringLiteral("/tmp"));
        w.captureToolbar()->reloadInterfaces(args[2]);
        QTimer::singleShot(300, &w, [&] {
            stall.reset();
            w.startCapture();
            QTimer::singleShot(seconds * 1000, &w, [&] {
                w.stopCapture();
            });
        });
        QObject::connect(&w, &MainWindow::sessionFinished, &w, [&] {
            const CaptureStats &s = w.session()->lastStats();
            std::printf("packets %llu\nrows %d\nkernel_drops %llu\nmax_stall_ms %.1f\npeak_rss_kb %ld\n",
                        static_cast<unsigned long long>(s.packets), w.packetModel()->rowCount(),
                        static_cast<unsigned long long>(s.droppedKernel), stall.worstMs(), peakRssKb());
            std::fflush(stdout);
            QApplication::quit();
        });
    }
    return QApplication::exec();
}
