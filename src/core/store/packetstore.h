// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/chunkedarray.h"
#include "store/packetrecord.h"
#include "store/rowid.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

namespace netlens {

/**
 * Append-only packet rows in fixed-size chunks that never move once allocated.
 *
 * One writer (the engine) appends; any number of readers (the table model, sorts, filters,
 * exports) read rows in [firstRow(), size()) without a lock, through find(). append() writes
 * the row first and only then publishes the new count with a release store, so a reader that
 * sees the count (acquire) sees the row.
 *
 * Row numbers are absolute 64-bit numbers, never reused. With a capacity set, whole chunks
 * are retired from the front once more than `capacity` rows are held, so a capture can run
 * for weeks in bounded memory: the chunk table is a ring (chunk c lives in slot
 * c % maxChunks), and a retired chunk waits out a grace period of kRetireGraceNs (readers
 * learn the new firstRow() within one batch, 100 ms) before its memory is reused for a new
 * chunk. At the cap the store allocates nothing more. Without a capacity the ring holds
 * maxChunks chunks (4 G rows) and append() refuses past that with std::length_error.
 *
 * A row below firstRow() is gone: find() returns null for it, as for a row not published yet.
 */
class PacketStore {
public:
    static constexpr std::size_t kChunkBits = 16;
    static constexpr std::size_t kChunkSize = std::size_t{1} << kChunkBits; // 65,536 rows
    static constexpr std::size_t kMaxChunks = 65536;                        // 4 G rows
    static constexpr std::int64_t kRetireGraceNs = 2'000'000'000;
    /// Chunks past their grace period kept for reuse when reclaim() runs; the rest are freed.
    static constexpr std::size_t kSpareChunks = 2;

    /// `maxChunks`: slots in the chunk ring, a power of two (smaller only in tests).
    explicit PacketStore(std::size_t maxChunks = kMaxChunks);
    ~PacketStore();
    PacketStore(const PacketStore &) = delete;
    PacketStore &operator=(const PacketStore &) = delete;

    /// Writer only, before the first append(): number rows from `first` on instead of 0 (a
    /// test stands for a store that has seen `first` rows without storing them).
    void startAt(RowId first);
    /// Writer only. Returns the row number. Throws std::length_error when the ring is full
    /// and no capacity lets the front go.
    RowId append(const PacketRecord &record);
    /// Writer only: a row it wrote may still be amended before readers look (not used by
    /// readers concurrently).
    PacketRecord &mutableAt(RowId row);

    /// Rows published so far, retired ones included: the next row's number (any thread).
    RowId size() const { return m_size.load(std::memory_order_acquire); }
    /// First row still held (any thread). Rows below it are gone.
    RowId firstRow() const { return m_first.load(std::memory_order_acquire); }
    /// Writer only: keep at most about `rows` rows (0 = unbounded), retiring old chunks.
    void setCapacity(std::size_t rows) { m_capacity = rows; }
    std::size_t capacity() const { return m_capacity; }
    /// Writer only: chunks retired before `nowNs - kRetireGraceNs` become reusable; beyond
    /// kSpareChunks of them are freed.
    void reclaim(std::int64_t nowNs);

    /// Any thread: the row, or null when it is gone (below firstRow()) or not published yet.
    /// The record stays readable for the grace period after the row is retired.
    const PacketRecord *find(RowId row) const
    {
        if (row >= m_size.load(std::memory_order_acquire))
            return nullptr;
        const PacketRecord *chunk = slot(row).load(std::memory_order_acquire);
        // Checked after loading the slot: a slot that holds a later chunk of the ring (or
        // none) was refilled after firstRow() moved past `row`, and the acquire load above
        // makes that move visible here.
        if (!chunk || row < m_first.load(std::memory_order_acquire))
            return nullptr;
        return chunk + (row & (kChunkSize - 1));
    }
    /// Any thread, for a row known to be held (firstRow() <= row < size() just checked by the
    /// writer, or in a test). Readers use find().
    const PacketRecord &at(RowId row) const
    {
        return slot(row).load(std::memory_order_acquire)[row & (kChunkSize - 1)];
    }
    /// Bytes held by allocated chunks (live, in their grace period, or spare).
    std::size_t memoryBytes() const;
    /// Chunks allocated over the store's life (reused ones are not counted again).
    std::size_t chunkAllocations() const { return m_allocations; }
    std::size_t maxChunks() const { return m_slotMask + 1; }

private:
    const std::atomic<PacketRecord *> &slot(RowId row) const
    {
        return m_chunks[(row >> kChunkBits) & m_slotMask];
    }
    std::atomic<PacketRecord *> &slot(RowId row)
    {
        return m_chunks[(row >> kChunkBits) & m_slotMask];
    }
    void retireFront();
    PacketRecord *newChunk();

    PointerTable<PacketRecord> m_chunks;
    std::size_t m_slotMask;

    std::atomic<RowId> m_size{0};
    std::atomic<RowId> m_first{0};
    RowId m_nextChunk = 0;        // writer only: number of the next chunk to allocate
    std::size_t m_liveChunks = 0; // writer only
    std::size_t m_capacity = 0;   // writer only
    std::size_t m_allocations = 0;
    struct Retired {
        PacketRecord *chunk;
        std::int64_t atNs;
    };
    std::deque<Retired> m_retired;       // writer only, oldest first
    std::vector<PacketRecord *> m_spare; // writer only: past the grace period, off the ring
};

} // namespace netlens
