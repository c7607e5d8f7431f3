// SPDX-License-Identifier: GPL-3.0-or-later
// A process that records history as a live capture does (Engine, HistoryRecorder,
// HistoryWriter), fed timed packets, for tst_historykill to SIGKILL at a random moment.
// Usage: historyfeeder DB FIRST_SECOND. Minute i (from FIRST_SECOND) holds 3 + i % 5 UDP
// packets of 100 + 10 * (i % 7) bytes, 10.0.0.1 (local) and 10.0.0.2 sending in turn; after
// each minute is handed to the writer it prints "closed N" (minutes handed over so far).
#include "engine/engine.h"
#include "frames.h"
#include "history/historyrecorder.h"
#include "history/historywriter.h"

#include <QCoreApplication>
#include <cstdio>
#include <thread>

using namespace netlens;
using namespace netlens::test;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: historyfeeder DB FIRST_SECOND\n");
        return 2;
    }
    HistorySettings s;
    s.dbPath = QString::fromLocal8Bit(argv[1]);
    const std::int64_t first = std::strtoll(argv[2], nullptr, 10);
    Address local;
    local.bytes[0] = 10;
    local.bytes[3] = 1;
    local.family = Address::V4;
    s.localAddresses = {local};
    HistoryWriter writer(s);
    QString error;
    if (!writer.start(error)) {
        std::fprintf(stderr, "historyfeeder: %s\n", qPrintable(error));
        return 1;
    }
    EngineSettings es;
    es.detectApplications = false;
    es.keepRecords = false;
    Engine engine(es);
    HistoryRecorder recorder(engine, s.localAddresses,
                             [&writer](HistoryMinute &&m) { writer.push(std::move(m)); });
    engine.addPacketObserver(&recorder);
    const Bytes a{10, 0, 0, 1}, b{10, 0, 0, 2};
    for (std::int64_t i = 0;; ++i) {
        const int packets = 3 + static_cast<int>(i % 5);
        const std::size_t size = 100 + 10 * static_cast<std::size_t>(i % 7);
        for (int j = 0; j < packets; ++j) {
            const bool fromLocal = j % 2 == 0;
            const Bytes head = cat({ether(0x0800), ipv4(17, udp(1000, 2000), {}, 0,
                                                        fromLocal ? a : b, fromLocal ? b : a)});
            Bytes frame = head;
            frame.resize(size, 0); // padding after the datagram: the wire length is `size`
            engine.process(rawPacket(frame, (first + i * 60 + j) * 1'000'000'000ll));
        }
        if (i > 0) { // this minute's first packet closed the one before
            std::printf("closed %llu\n", static_cast<unsigned long long>(recorder.minutesClosed()));
            std::fflush(stdout);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(4));
    }
}
