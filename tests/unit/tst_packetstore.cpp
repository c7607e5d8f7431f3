// SPDX-License-Identifier: GPL-3.0-or-later
// The packet store's bounded memory: past its capacity whole chunks leave from the front,
// row numbers stay absolute 64-bit numbers, statistics stay complete, and retired memory is
// reused only after the readers' grace period. Rows past 2^32 with a store started there
// (not filled), the chunk ring wrapping and refilling, gone rows refused. Also: readers on
// another thread see consistent rows.
#include "engine/engine.h"
#include "frames.h"
#include "store/clock.h"
#include "store/packetstore.h"

#include <QTest>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

using namespace netlens;
using namespace netlens::test;

namespace {
constexpr RowId k2to32 = RowId{1} << 32;
constexpr std::size_t kChunk = PacketStore::kChunkSize;

/// A row that says which row it is: number = row - origin + 1, tsNs = row.
PacketRecord rowRecord(RowId row, RowId origin)
{
    PacketRecord r;
    r.setFrameNumber(row - origin + 1);
    r.tsNs = static_cast<std::int64_t>(row);
    return r;
}

/// Appends `n` such rows; false if append() gave another row number than expected.
bool appendRows(PacketStore &store, std::size_t n, RowId origin)
{
    for (std::size_t i = 0; i < n; ++i) {
        const RowId expected = store.size();
        if (store.append(rowRecord(expected, origin)) != expected)
            return false;
    }
    return true;
}

/// Every held row is the one asked for; the rows just outside are refused.
bool heldRowsAreRight(const PacketStore &store, RowId origin)
{
    for (RowId row = store.firstRow(); row < store.size(); ++row) {
        const PacketRecord *r = store.find(row);
        if (!r || r->frameNumber() != row - origin + 1 || r->tsNs != static_cast<std::int64_t>(row))
            return false;
    }
    return (store.firstRow() == 0 || !store.find(store.firstRow() - 1)) &&
           !store.find(store.size());
}
} // namespace

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
        // Retired chunks still count until their grace period is over; then all but a few
        // spare ones (kept for the next chunks) are freed.
        const std::size_t held = store.memoryBytes();
        store.reclaim(std::numeric_limits<std::int64_t>::max());
        QVERIFY(store.memoryBytes() < held);
        QVERIFY(store.memoryBytes() <=
                (cap / PacketStore::kChunkSize + 3 + PacketStore::kSpareChunks) *
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

    void rowsPastTwoToThe32AtTheCap()
    {
        // A store that has seen 2^32 - 100,000 rows: numbering crosses 2^32 within the test,
        // the front is retired past it, and nothing is truncated to 32 bits.
        PacketStore store;
        const RowId origin = k2to32 - 100000;
        store.startAt(origin);
        QCOMPARE(store.size(), origin);
        QCOMPARE(store.firstRow(), origin);
        QVERIFY(!store.find(origin));
        const std::size_t cap = 100000;
        store.setCapacity(cap);
        QVERIFY(appendRows(store, 5 * kChunk + 123, origin));
        QCOMPARE(store.size(), origin + 5 * kChunk + 123);
        QVERIFY(store.firstRow() > k2to32);
        QCOMPARE(store.firstRow() % kChunk, RowId(0));
        QVERIFY(store.size() - store.firstRow() >= cap);
        QVERIFY(store.size() - store.firstRow() <= cap + 2 * kChunk);
        QVERIFY(heldRowsAreRight(store, origin));
        // Rows below the front are gone, also those whose ring slot holds a live chunk now:
        // row 0 and row 2^32 share slot 0.
        QVERIFY(!store.find(origin));
        QVERIFY(!store.find(k2to32));
        QVERIFY(!store.find(0));
        QVERIFY(!store.find(store.firstRow() - 1));
        QVERIFY(store.find(store.firstRow()));
    }

    void chunksAreReusedAtTheCap()
    {
        // Appending 50 times the cap: once the store is at its cap, retired chunks come back
        // after their grace period and nothing more is allocated.
        PacketStore store;
        store.setCapacity(2 * kChunk);
        std::size_t allocatedAtCap = 0, bytesAtCap = 0;
        for (int i = 0; i < 100; ++i) {
            QVERIFY(appendRows(store, kChunk, 0));
            // As the engine does each batch; here each call stands for a grace period gone by.
            store.reclaim(steadyNowNs() + PacketStore::kRetireGraceNs);
            if (i == 10) {
                allocatedAtCap = store.chunkAllocations();
                bytesAtCap = store.memoryBytes();
            }
            if (i > 10) {
                QCOMPARE(store.chunkAllocations(), allocatedAtCap);
                QCOMPARE(store.memoryBytes(), bytesAtCap);
            }
        }
        QVERIFY(allocatedAtCap <= 2 + 2 + PacketStore::kSpareChunks);
        QVERIFY(bytesAtCap <= allocatedAtCap * kChunk * sizeof(PacketRecord));
        QCOMPARE(store.size(), RowId(100) * kChunk);
        QVERIFY(heldRowsAreRight(store, 0));
    }

    void retiredChunkReusedOnlyAfterTheGracePeriod()
    {
        // Without reclaim(): append() itself takes a retired chunk back once its grace period
        // is over, never before (a reader may still be reading it).
        PacketStore store;
        store.setCapacity(kChunk);
        QVERIFY(appendRows(store, 4 * kChunk, 0));
        const std::size_t allocated = store.chunkAllocations();
        QVERIFY(store.firstRow() > 0);
        QVERIFY(appendRows(store, kChunk, 0)); // a chunk retired an instant ago: not reused
        QCOMPARE(store.chunkAllocations(), allocated + 1);
        std::this_thread::sleep_for(std::chrono::nanoseconds(PacketStore::kRetireGraceNs) +
                                    std::chrono::milliseconds(100));
        QVERIFY(appendRows(store, kChunk, 0));
        QCOMPARE(store.chunkAllocations(), allocated + 1);
        QVERIFY(heldRowsAreRight(store, 0));
    }

    void ringWrapsAndRefills()
    {
        // A ring of 8 slots and a cap of 3 chunks: 100 chunks go round the ring 12 times;
        // every held row is right after each wrap, and a gone row whose slot holds a newer
        // chunk is refused, not read from that chunk.
        PacketStore store(8);
        QCOMPARE(store.maxChunks(), std::size_t(8));
        store.setCapacity(3 * kChunk);
        for (int i = 0; i < 100; ++i) {
            QVERIFY(appendRows(store, kChunk, 0));
            store.reclaim(steadyNowNs() + PacketStore::kRetireGraceNs);
            if (i >= 15 && i % 8 == 7) {
                QVERIFY(heldRowsAreRight(store, 0));
                const RowId newest = store.size() - 1;
                QVERIFY(!store.find(newest - 8 * kChunk)); // same slot, one turn earlier
            }
        }
        QVERIFY(store.chunkAllocations() <= 3 + 2 + PacketStore::kSpareChunks);
        QVERIFY(store.memoryBytes() <=
                (3 + 2 + PacketStore::kSpareChunks) * kChunk * sizeof(PacketRecord));
    }

    void ringFullOfCapacityRetiresTheFront()
    {
        // A cap as large as the whole ring: the new chunk's slot is freed by retiring the
        // front first, so the store goes on.
        PacketStore store(4);
        store.setCapacity(4 * kChunk);
        QVERIFY(appendRows(store, 9 * kChunk + 5, 0));
        QVERIFY(store.size() - store.firstRow() <= 4 * kChunk);
        QVERIFY(heldRowsAreRight(store, 0));
    }

    void withoutCapacityRefusesPastTheRing()
    {
        // No cap: the ring holds maxChunks chunks and the next row is refused with a clear
        // error; the rows held stay readable.
        PacketStore store(4);
        store.startAt(k2to32 - 1000);
        QVERIFY(appendRows(store, 4 * kChunk - (k2to32 - 1000) % kChunk, k2to32 - 1000));
        const RowId size = store.size();
        try {
            store.append(PacketRecord{});
            QFAIL("append() past a full ring without a cap should throw");
        } catch (const std::length_error &e) {
            QVERIFY2(QByteArray(e.what()).contains("in-memory packet cap"), e.what());
        }
        QCOMPARE(store.size(), size);
        QCOMPARE(store.firstRow(), k2to32 - 1000);
        QVERIFY(heldRowsAreRight(store, k2to32 - 1000));
    }

    void badUseIsRefused()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, PacketStore(6));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, PacketStore(0));
        PacketStore store;
        store.append(PacketRecord{});
        QVERIFY_THROWS_EXCEPTION(std::logic_error, store.startAt(k2to32));
    }

    void engineNumbersRowsFromTheFirstRowId()
    {
        // The engine's hook: rows from 2^32 - 1000 on, frame numbers from 1 as always.
        EngineSettings settings;
        settings.firstRowId = k2to32 - 1000;
        Engine engine(settings);
        engine.setStoreCapacity(70000);
        const Bytes packet = cat({ether(0x0800), ipv4(17, udp(1000, 53))});
        RawPacket p = rawPacket(packet);
        for (std::size_t i = 0; i < 300000; ++i) {
            p.tsNs = static_cast<std::int64_t>(i) * 1000000;
            QVERIFY(engine.process(p));
        }
        const PacketStore &store = engine.store();
        QCOMPARE(store.size(), k2to32 - 1000 + 300000);
        QVERIFY(store.firstRow() > k2to32);
        QCOMPARE(store.find(store.size() - 1)->frameNumber(), std::uint64_t(300000));
        QCOMPARE(store.find(store.firstRow())->frameNumber(),
                 store.firstRow() - (k2to32 - 1000) + 1);
        QCOMPARE(engine.statistics().total().packets, std::uint64_t(300000));
    }

    void readerOnAnotherThreadAcrossRetirement()
    {
        // A reader keeps asking for recent rows while the writer retires the front past
        // 2^32: every row it gets is whole and the one it asked for, or refused as gone.
        PacketStore store;
        const RowId origin = k2to32 - 3 * kChunk;
        store.startAt(origin);
        store.setCapacity(kChunk);
        std::atomic<bool> done{false};
        std::atomic<std::size_t> bad{0}, seen{0};
        std::thread reader([&] {
            while (!done.load()) {
                const RowId n = store.size();
                for (RowId row = n > origin + 3 * kChunk ? n - 3 * kChunk : origin; row < n;
                     row += 997) {
                    if (const PacketRecord *r = store.find(row)) {
                        ++seen;
                        if (r->frameNumber() != row - origin + 1 ||
                            r->tsNs != static_cast<std::int64_t>(row))
                            ++bad;
                    }
                }
            }
        });
        QVERIFY(appendRows(store, 40 * kChunk, origin));
        done = true;
        reader.join();
        QCOMPARE(bad.load(), std::size_t(0));
        QVERIFY(seen.load() > 0);
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
