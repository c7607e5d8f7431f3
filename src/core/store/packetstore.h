#pragma once

#include "store/packetrecord.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace netlens {

/**
 * Append-only packet rows in fixed-size chunks that never move once allocated.
 *
 * One writer (the engine) appends; any number of readers (the table model) read rows below
 * size() without a lock. append() writes the row first and only then publishes the new count
 * with a release store, so a reader that sees the count (acquire) sees the row.
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

    /// Rows published so far (safe from any thread).
    std::size_t size() const { return m_size.load(std::memory_order_acquire); }
    /// Any thread, for row < size().
    const PacketRecord &at(std::size_t row) const
    {
        return m_chunks[row >> kChunkBits].load(std::memory_order_acquire)[row & (kChunkSize - 1)];
    }
    /// Bytes held by allocated chunks.
    std::size_t memoryBytes() const;

private:
    std::unique_ptr<std::atomic<PacketRecord *>[]> m_chunks;
    std::atomic<std::size_t> m_size{0};
    std::size_t m_allocatedChunks = 0; // writer only
};

} // namespace netlens
