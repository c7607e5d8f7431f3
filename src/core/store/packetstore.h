// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/chunkedarray.h"
#include "store/packetrecord.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>

namespace netlens {

/**
 * Append-only packet rows in fixed-size chunks that never move once allocated.
 *
 * One writer (the engine) appends; any number of readers (the table model) read rows in
 * [firstRow(), size()) without a lock. append() writes the row first and only then publishes
 * the new count with a release store, so a reader that sees the count (acquire) sees the row.
 *
 * Row numbers are absolute and never reused. With a capacity set, whole chunks are retired
 * from the front once more than `capacity` rows are held, so a capture can run for days in
 * bounded memory. A retired chunk is not freed at once: it waits out a grace period of
 * kRetireGraceNs (readers learn the new firstRow() within one batch, 100 ms), then goes.
 */
class PacketStore {
public:
    static constexpr std::size_t kChunkBits = 16;
    static constexpr std::size_t kChunkSize = std::size_t{1} << kChunkBits; // 65,536 rows
    static constexpr std::size_t kMaxChunks = 65536; // 4 G rows

    PacketStore();
    ~PacketStore();
    PacketStore(const PacketStore &) = delete;
    PacketStore &operator=(const PacketStore &) = delete;

    /// Writer only. Returns the row index.
    std::size_t append(const PacketRecord &record);
    /// Writer only: a row it wrote may still be amended before readers look (not used by
    /// readers concurrently).
    PacketRecord &mutableAt(std::size_t row);

    /// Rows published so far, retired ones included (safe from any thread).
    std::size_t size() const { return m_size.load(std::memory_order_acquire); }
    /// First row still held (safe from any thread).
    std::size_t firstRow() const { return m_first.load(std::memory_order_acquire); }
    /// Writer only: keep at most about `rows` rows (0 = unbounded), retiring old chunks.
    void setCapacity(std::size_t rows) { m_capacity = rows; }
    std::size_t capacity() const { return m_capacity; }
    /// Writer only: frees chunks retired before `nowNs - kRetireGraceNs`.
    void reclaim(std::int64_t nowNs);
    static constexpr std::int64_t kRetireGraceNs = 2'000'000'000;
    /// Any thread, for firstRow() <= row < size().
    const PacketRecord &at(std::size_t row) const
    {
        return m_chunks[row >> kChunkBits].load(std::memory_order_acquire)[row & (kChunkSize - 1)];
    }
    /// Bytes held by allocated chunks.
    std::size_t memoryBytes() const;

private:
    PointerTable<PacketRecord> m_chunks;
    void retireFront(std::int64_t nowNs);

    std::atomic<std::size_t> m_size{0};
    std::atomic<std::size_t> m_first{0};
    std::size_t m_allocatedChunks = 0; // writer only: chunks ever allocated (index of next)
    std::size_t m_liveChunks = 0;      // writer only
    std::size_t m_capacity = 0;        // writer only
    struct Retired {
        PacketRecord *chunk;
        std::int64_t atNs;
    };
    std::deque<Retired> m_retired; // writer only
};

} // namespace netlens
