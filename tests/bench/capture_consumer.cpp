// SPDX-License-Identifier: GPL-3.0-or-later
// capture_consumer IFACE FILE [--probe N]
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
// The capture goes through netlens-capture (found beside this program, or by
// NETLENS_CAPTURE_HELPER), as the window's does.
//
// NETLENS_CONSUMER_CAPS=N: caps of N flows, hosts and conversations instead of the defaults
// (1,000,000 each), to watch memory level off at the caps in a run of minutes.
//
// --probe N: once capturing, sends N marked UDP frames out of IFACE itself (a packet socket:
// needs root), one every 137 ms, and measures for each the time from send() to the batchReady
// that brings its row to the main thread: what a packet takes to reach the table. Adds
// probe_median_ms probe_max_ms probes_seen to the results, and stops by itself after them.
// Exit status 0, or 1 if the capture reported an error.

#include "capture/captureworker.h"
#include "engine/engine.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <pthread.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace netlens;

namespace {
constexpr std::uint16_t kProbePort = 40000;

/// A broadcast Ethernet/IPv4/UDP frame from port kProbePort to kProbePort + 1 + `n`.
std::vector<std::uint8_t> probeFrame(int n)
{
    std::vector<std::uint8_t> f(14 + 20 + 8 + 32, 0);
    std::fill(f.begin(), f.begin() + 6, 0xff);
    const std::uint8_t src[6] = {0x02, 0, 0, 0, 0, 0x01};
    std::copy(src, src + 6, f.begin() + 6);
    f[12] = 0x08;
    std::uint8_t *ip = f.data() + 14;
    ip[0] = 0x45;
    ip[2] = 0;
    ip[3] = 20 + 8 + 32;
    ip[8] = 64;
    ip[9] = 17;
    const std::uint8_t addrs[8] = {10, 99, 0, 1, 10, 99, 0, 255};
    std::copy(addrs, addrs + 8, ip + 12);
    std::uint32_t sum = 0;
    for (int i = 0; i < 20; i += 2)
        sum += static_cast<std::uint32_t>(ip[i] << 8 | ip[i + 1]);
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    ip[10] = static_cast<std::uint8_t>(~sum >> 8);
    ip[11] = static_cast<std::uint8_t>(~sum);
    std::uint8_t *udp = ip + 20;
    const std::uint16_t dst = static_cast<std::uint16_t>(kProbePort + 1 + n);
    udp[0] = kProbePort >> 8;
    udp[1] = kProbePort & 0xff;
    udp[2] = static_cast<std::uint8_t>(dst >> 8);
    udp[3] = static_cast<std::uint8_t>(dst);
    udp[5] = 8 + 32;
    return f;
}
} // namespace

int main(int argc, char *argv[])
{
    int probes = 0;
    if (argc == 5 && std::string(argv[3]) == "--probe")
        probes = std::atoi(argv[4]);
    if (argc != 3 && probes <= 0) {
        std::fputs("usage: capture_consumer IFACE FILE [--probe N]\n", stderr);
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
    if (const QByteArray caps = qgetenv("NETLENS_CONSUMER_CAPS"); !caps.isEmpty()) {
        bool ok = false;
        const quint64 n = caps.toULongLong(&ok);
        if (!ok) {
            std::fprintf(stderr, "capture_consumer: NETLENS_CONSUMER_CAPS \"%s\" is not a number\n",
                         caps.constData());
            return 2;
        }
        settings.limits.maxFlows = settings.limits.maxHosts = settings.limits.maxConversations = n;
    }

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
    // Probes: send times (clock ms, -1 before sending) and arrival times of their rows.
    std::vector<qint64> probeSentMs(static_cast<std::size_t>(probes), -1);
    std::vector<qint64> probeSeenMs(static_cast<std::size_t>(probes), -1);
    int probeSocket = -1;
    QTimer probeTimer;
    int nextProbe = 0;
    QObject::connect(&probeTimer, &QTimer::timeout, &app, [&] {
        if (nextProbe >= probes) {
            probeTimer.stop();
            // The last row's batch, then stop as the GUI's Stop button does.
            QTimer::singleShot(500, &app, [worker, &stopRequestedMs, &clock] {
                stopRequestedMs = clock.elapsed();
                worker->requestStop();
            });
            return;
        }
        const auto frame = probeFrame(nextProbe);
        probeSentMs[static_cast<std::size_t>(nextProbe)] = clock.elapsed();
        if (::send(probeSocket, frame.data(), frame.size(), 0) < 0)
            std::perror("capture_consumer: send");
        ++nextProbe;
    });
    QObject::connect(
        worker, &CaptureWorker::started, &app,
        [&, probes](const QString &ifname, int, const QString &) {
            std::fprintf(stderr, "capture_consumer: capturing on %s\n", qPrintable(ifname));
            if (probes <= 0)
                return;
            probeSocket = ::socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
            sockaddr_ll ll{};
            ll.sll_family = AF_PACKET;
            ll.sll_ifindex = static_cast<int>(::if_nametoindex(qPrintable(ifname)));
            if (probeSocket < 0 ||
                ::bind(probeSocket, reinterpret_cast<sockaddr *>(&ll), sizeof ll) != 0) {
                std::perror("capture_consumer: packet socket");
                worker->requestStop();
                return;
            }
            probeTimer.start(137);
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
                if (probes > 0 && r.srcPort == kProbePort && r.dstPort > kProbePort &&
                    r.dstPort <= kProbePort + probes)
                    probeSeenMs[r.dstPort - kProbePort - 1] = clock.elapsed();
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
    std::vector<qint64> latency;
    for (int i = 0; i < probes; ++i)
        if (probeSentMs[static_cast<std::size_t>(i)] >= 0 &&
            probeSeenMs[static_cast<std::size_t>(i)] >= 0)
            latency.push_back(probeSeenMs[static_cast<std::size_t>(i)] -
                              probeSentMs[static_cast<std::size_t>(i)]);
    std::sort(latency.begin(), latency.end());
    if (probes > 0)
        std::printf("probes_seen=%zu probe_median_ms=%lld probe_max_ms=%lld ", latency.size(),
                    latency.empty() ? -1LL : static_cast<long long>(latency[latency.size() / 2]),
                    latency.empty() ? -1LL : static_cast<long long>(latency.back()));
    if (probeSocket >= 0)
        ::close(probeSocket);
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
