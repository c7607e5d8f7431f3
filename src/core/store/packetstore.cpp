// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/packetstore.h"

#include "store/clock.h"

#include <cstdlib>
#include <new>
#include <stdexcept>
#include <string>

namespace netlens {

PacketStore::PacketStore(std::size_t maxChunks)
    : m_chunks(zeroedPointerTable<PacketRecord>(maxChunks))
    , m_slotMask(maxChunks - 1)
{
    if (maxChunks == 0 || (maxChunks & (maxChunks - 1)) != 0)
        throw std::invalid_argument("PacketStore: the chunk ring needs a power-of-two size, not " +
                                    std::to_string(maxChunks));
}

PacketStore::~PacketStore()
{
    for (std::size_t i = 0; i <= m_slotMask; ++i)
        std::free(m_chunks[i].load(std::memory_order_relaxed));
    for (const Retired &r : m_retired)
        std::free(r.chunk);
    for (PacketRecord *p : m_spare)
        std::free(p);
}

void PacketStore::startAt(RowId first)
{
    if (m_liveChunks != 0 || size() != firstRow())
        throw std::logic_error("PacketStore::startAt: the store already holds rows");
    m_first.store(first, std::memory_order_release);
    m_size.store(first, std::memory_order_release);
    m_nextChunk = first >> kChunkBits;
}

void PacketStore::retireFront()
{
    const RowId chunk = m_first.load(std::memory_order_relaxed) >> kChunkBits;
    // Publish the new first row before the chunk leaves the ring, so readers stop asking.
    m_first.store((chunk + 1) << kChunkBits, std::memory_order_release);
    PacketRecord *p = slot(chunk << kChunkBits).exchange(nullptr, std::memory_order_acq_rel);
    m_retired.push_back({p, steadyNowNs()});
    --m_liveChunks;
}

void PacketStore::reclaim(std::int64_t nowNs)
{
    while (!m_retired.empty() && nowNs - m_retired.front().atNs >= kRetireGraceNs) {
        m_spare.push_back(m_retired.front().chunk);
        m_retired.pop_front();
    }
    while (m_spare.size() > kSpareChunks) {
        std::free(m_spare.back());
        m_spare.pop_back();
    }
}

PacketRecord *PacketStore::newChunk()
{
    // At the cap every new chunk retires one: the oldest retired one is reused as soon as no
    // reader can still hold it, so a store at its cap stops allocating.
    if (m_spare.empty() && !m_retired.empty() &&
        steadyNowNs() - m_retired.front().atNs >= kRetireGraceNs) {
        m_spare.push_back(m_retired.front().chunk);
        m_retired.pop_front();
    }
    if (!m_spare.empty()) {
        PacketRecord *p = m_spare.back();
        m_spare.pop_back();
        return p;
    }
    // malloc, not new[]: PacketRecord is trivially copyable and the pages are only touched
    // as rows arrive, so a fresh chunk costs no up-front zeroing.
    auto *mem = static_cast<PacketRecord *>(std::malloc(kChunkSize * sizeof(PacketRecord)));
    if (!mem)
        throw std::bad_alloc();
    ++m_allocations;
    return mem;
}

RowId PacketStore::append(const PacketRecord &record)
{
    const RowId row = m_size.load(std::memory_order_relaxed);
    if ((row >> kChunkBits) == m_nextChunk) { // the first row of a chunk (or of the store)
        if (m_liveChunks > m_slotMask) {
            // The ring is full: the new chunk's slot holds the front chunk.
            if (!m_capacity)
                throw std::length_error(
                    "the packet store is full (" + std::to_string(m_liveChunks * kChunkSize) +
                    " rows in memory): set an in-memory packet cap to keep going");
            retireFront();
        }
        slot(row).store(newChunk(), std::memory_order_release);
        ++m_nextChunk;
        ++m_liveChunks;
        // Retire the front chunk only if the full chunks behind it still hold `capacity` rows:
        // never fewer rows than asked, at most two chunks more.
        if (m_capacity && m_liveChunks >= 2 && (m_liveChunks - 2) * kChunkSize >= m_capacity)
            retireFront();
    }
    slot(row).load(std::memory_order_relaxed)[row & (kChunkSize - 1)] = record;
    m_size.store(row + 1, std::memory_order_release);
    return row;
}

PacketRecord &PacketStore::mutableAt(RowId row)
{
    return slot(row).load(std::memory_order_relaxed)[row & (kChunkSize - 1)];
}

std::size_t PacketStore::memoryBytes() const
{
    return (m_liveChunks + m_retired.size() + m_spare.size()) * kChunkSize * sizeof(PacketRecord);
}

} // namespace netlens
