// SPDX-License-Identifier: GPL-3.0-or-later
// capture_consumer IFACE FILE
//
// The GUI's side of a live capture, without widgets, for run-capture-bench.sh: CaptureWorker
// runs in its own QThread, exactly as the GUI starts it, and a slot on the main thread reads
// every new store row on batchReady, as the packet table model does when it grows. So the
// benchmark measures the capture with a consumer attached: the queued signals, the cross-thread
// store reads and the main thread's share of the CPU.
//
// Writes the capture to FILE (as the GUI records). Stops on SIGINT or SIGTERM. Prints
// "capture_consumer: capturing on IFACE" on stderr once the capture handle is open, and at the
// end one line of key=value results on stdout:
//   packets rows batches max_batch_gap_ms median_batch_gap_ms received dropped_kernel
//   dropped_interface stop_ms error
// Exit status 0, or 1 if the capture reported an error.

#include "capture/captureworker.h"
#include "engine/engine.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>
#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <pthread.h>
#include <thread>
#include <vector>

using namespace netlens;

int main(int argc, char *argv[])
{
    if (argc != 3) {
        std::fputs("usage: capture_consumer IFACE FILE\n", stderr);
        return 2;
    }
    // Blocked in every thread (they inherit the mask); one thread waits for them instead, so
    // that the stop goes through requestStop() like the GUI's Stop button.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    QCoreApplication app(argc, argv);
    CaptureSettings settings;
    settings.interface = argv[1];
    settings.outputFile = argv[2];
    settings.executablePath = argv[0];

    QThread thread;
    auto *worker = new CaptureWorker(settings);
    worker->moveToThread(&thread);
    QObject::connect(&thread, &QThread::started, worker, &CaptureWorker::run);

    QElapsedTimer clock;
    clock.start();
    std::vector<qint64> batchMs;
    std::uint64_t rows = 0;
    std::uint64_t bytes = 0;                 // summed so the row reads are not optimised away
    std::atomic<qint64> stopRequestedMs{-1}; // written by the signal thread
    QString error;
    CaptureStats last;
    QObject::connect(
        worker, &CaptureWorker::started, &app, [](const QString &ifname, int, const QString &) {
            std::fprintf(stderr, "capture_consumer: capturing on %s\n", qPrintable(ifname));
        });
    QObject::connect(
        worker, &CaptureWorker::batchReady, &app, [&, worker](qsizetype first, qsizetype end) {
            batchMs.push_back(clock.elapsed());
            const PacketStore &store = worker->engine().store();
            const auto from =
                std::max<std::size_t>(static_cast<std::size_t>(first), store.firstRow());
            for (std::size_t row = from; row < static_cast<std::size_t>(end); ++row) {
                const PacketRecord &r = store.at(row);
                bytes += r.wireLen + r.srcPort + r.dstPort + r.ipProto;
            }
            rows += static_cast<std::uint64_t>(end - first);
        });
    QObject::connect(worker, &CaptureWorker::errorOccurred, &app,
                     [&error](const QString &m) { error = m; });
    QObject::connect(worker, &CaptureWorker::finished, &app, [&](const CaptureStats &s) {
        last = s;
        thread.quit();
    });
    QObject::connect(&thread, &QThread::finished, &app, [] { QCoreApplication::quit(); });

    std::thread([&stopSignals, worker, &stopRequestedMs, &clock] {
        int sig = 0;
        if (sigwait(&stopSignals, &sig) == 0) {
            stopRequestedMs = clock.elapsed();
            worker->requestStop();
        }
    }).detach();

    thread.start();
    QCoreApplication::exec();
    thread.wait();
    const qint64 endMs = clock.elapsed();

    std::vector<qint64> gaps;
    for (std::size_t i = 1; i < batchMs.size(); ++i)
        gaps.push_back(batchMs[i] - batchMs[i - 1]);
    std::sort(gaps.begin(), gaps.end());
    std::printf(
        "packets=%llu rows=%llu batches=%zu max_batch_gap_ms=%lld median_batch_gap_ms=%lld "
        "received=%llu dropped_kernel=%llu dropped_interface=%llu stop_ms=%lld "
        "checksum=%llu error=\"%s\"\n",
        static_cast<unsigned long long>(last.packets), static_cast<unsigned long long>(rows),
        batchMs.size(), gaps.empty() ? 0LL : static_cast<long long>(gaps.back()),
        gaps.empty() ? 0LL : static_cast<long long>(gaps[gaps.size() / 2]),
        static_cast<unsigned long long>(last.received),
        static_cast<unsigned long long>(last.droppedKernel),
        static_cast<unsigned long long>(last.droppedInterface),
        stopRequestedMs.load() < 0 ? -1LL : static_cast<long long>(endMs - stopRequestedMs.load()),
        static_cast<unsigned long long>(bytes), qPrintable(error));
    delete worker;
    return error.isEmpty() ? 0 : 1;
}
