// SPDX-License-Identifier: GPL-3.0-or-later
// The packet store's bounded memory: past its capacity whole chunks leave from the front,
// row numbers stay absolute, statistics stay complete, and retired memory is freed only
// after the readers' grace period. Also: readers on another thread see consistent rows.
#include "engine/engine.h"
#include "frames.h"
#include "store/packetstore.h"

#include <QTest>
#include <atomic>
#include <thread>

using namespace netlens;
using namespace netlens::test;

class TstPacketStore final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void retiresWholeChunksPastCapacity()
    {
        PacketStore store;
        const std::size_t cap = 100000, total = 5 * PacketStore::kChunkSize + 123;
        store.setCapacity(cap);
        for (std::size_t i = 0; i < total; ++i) {
            PacketRecord r;
            r.number = static_cast<std::uint32_t>(i + 1);
            r.tsNs = static_cast<std::int64_t>(i) * 1000;
            QCOMPARE(store.append(r), i);
        }
        QCOMPARE(store.size(), total);
        const std::size_t first = store.firstRow();
        QVERIFY(first > 0);
        QCOMPARE(first % PacketStore::kChunkSize, std::size_t(0)); // whole chunks only
        QVERIFY(total - first >= cap);                             // never fewer than asked
        QVERIFY(total - first <= cap + 2 * PacketStore::kChunkSize);
        for (std::size_t row : {first, first + 1, (first + total) / 2, total - 1}) {
            QCOMPARE(store.at(row).number, std::uint32_t(row + 1));
            QCOMPARE(store.at(row).tsNs, std::int64_t(row) * 1000);
        }
        // Retired chunks still count until their grace period is over.
        const std::size_t held = store.memoryBytes();
        store.reclaim(std::numeric_limits<std::int64_t>::max());
        QVERIFY(store.memoryBytes() < held);
        QVERIFY(store.memoryBytes() <= (cap / PacketStore::kChunkSize + 3) *
                                           PacketStore::kChunkSize * sizeof(PacketRecord));
    }

    void unboundedByDefault()
    {
        PacketStore store;
        for (std::size_t i = 0; i < 3 * PacketStore::kChunkSize; ++i)
            store.append(PacketRecord{});
        QCOMPARE(store.firstRow(), std::size_t(0));
        QCOMPARE(store.size(), 3 * PacketStore::kChunkSize);
    }

    void statisticsStayCompleteWhenRowsAreRetired()
    {
        Engine engine;
        engine.setStoreCapacity(70000);
        const Bytes packet = cat({ether(0x0800), ipv4(17, udp(1000, 53))});
        RawPacket p = rawPacket(packet);
        const std::size_t total = 300000;
        for (std::size_t i = 0; i < total; ++i) {
            p.tsNs = static_cast<std::int64_t>(i) * 1000000;
            QVERIFY(engine.process(p));
        }
        QCOMPARE(engine.statistics().total().packets, std::uint64_t(total));
        QCOMPARE(engine.store().size(), total);
        QVERIFY(engine.store().firstRow() > 0);
        QVERIFY(total - engine.store().firstRow() < 70000 + 2 * PacketStore::kChunkSize);
        QCOMPARE(engine.store().at(total - 1).number, std::uint32_t(total));
    }

    void readerOnAnotherThreadSeesWholeRows()
    {
        PacketStore store;
        std::atomic<bool> done{false};
        std::atomic<std::size_t> bad{0};
        std::thread reader([&] {
            while (!done.load()) {
                const std::size_t n = store.size();
                for (std::size_t i = n > 64 ? n - 64 : 0; i < n; ++i) {
                    const PacketRecord &r = store.at(i);
                    if (r.number != i + 1 || r.wireLen != (i + 1) * 3)
                        ++bad;
                }
            }
        });
        for (std::size_t i = 0; i < 4 * PacketStore::kChunkSize; ++i) {
            PacketRecord r;
            r.number = static_cast<std::uint32_t>(i + 1);
            r.wireLen = static_cast<std::uint32_t>((i + 1) * 3);
            store.append(r);
        }
        done = true;
        reader.join();
        QCOMPARE(bad.load(), std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TstPacketStore)
#include "tst_packetstore.moc"
