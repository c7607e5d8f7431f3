// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/packetstore.h"

#include "store/clock.h"

#include <cstdlib>
#include <new>

namespace netlens {

PacketStore::PacketStore() : m_chunks(zeroedPointerTable<PacketRecord>(kMaxChunks)) {}

PacketStore::~PacketStore()
{
    for (std::size_t i = 0; i < m_allocatedChunks; ++i)
        std::free(m_chunks[i].load(std::memory_order_relaxed));
    for (const Retired &r : m_retired)
        std::free(r.chunk);
}

void PacketStore::retireFront(std::int64_t nowNs)
{
    const std::size_t first = m_first.load(std::memory_order_relaxed);
    const std::size_t chunk = first >> kChunkBits;
    // Publish the new first row before the chunk leaves the table, so readers stop asking.
    m_first.store((chunk + 1) << kChunkBits, std::memory_order_release);
    PacketRecord *p = m_chunks[chunk].exchange(nullptr, std::memory_order_acq_rel);
    m_retired.push_back({p, nowNs});
    --m_liveChunks;
}

void PacketStore::reclaim(std::int64_t nowNs)
{
    while (!m_retired.empty() && nowNs - m_retired.front().atNs >= kRetireGraceNs) {
        std::free(m_retired.front().chunk);
        m_retired.pop_front();
    }
}

std::size_t PacketStore::append(const PacketRecord &record)
{
    const std::size_t row = m_size.load(std::memory_order_relaxed);
    const std::size_t chunk = row >> kChunkBits;
    if (chunk >= m_allocatedChunks) {
        if (chunk >= kMaxChunks)
            throw std::bad_alloc();
        // malloc, not new[]: PacketRecord is trivially copyable and the pages are only
        // touched as rows arrive, so a fresh chunk costs no up-front zeroing.
        auto *mem = static_cast<PacketRecord *>(std::malloc(kChunkSize * sizeof(PacketRecord)));
        if (!mem)
            throw std::bad_alloc();
        m_chunks[chunk].store(mem, std::memory_order_release);
        ++m_allocatedChunks;
        ++m_liveChunks;
        // Retire the front chunk only if the full chunks behind it still hold `capacity` rows:
        // never fewer rows than asked, at most two chunks more.
        if (m_capacity && m_liveChunks >= 2 && (m_liveChunks - 2) * kChunkSize >= m_capacity) {
            retireFront(steadyNowNs());
        }
    }
    m_chunks[chunk].load(std::memory_order_relaxed)[row & (kChunkSize - 1)] = record;
    m_size.store(row + 1, std::memory_order_release);
    return row;
}

PacketRecord &PacketStore::mutableAt(std::size_t row)
{
    return m_chunks[row >> kChunkBits].load(std::memory_order_relaxed)[row & (kChunkSize - 1)];
}

std::size_t PacketStore::memoryBytes() const
{
    return (m_liveChunks + m_retired.size()) * kChunkSize * sizeof(PacketRecord);
}

} // namespace netlens
