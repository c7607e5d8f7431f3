// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats/flowtable.h"

#include "decode/decodedpacket.h"

#include <cstring>

namespace netlens {

std::size_t FlowKeyHash::operator()(const FlowKey &k) const noexcept
{
    // Mix the key as five 64-bit words; fast and good enough for addresses and ports.
    std::uint64_t w[5];
    std::memcpy(w, k.a.data(), 16);
    std::memcpy(w + 2, k.b.data(), 16);
    w[4] = std::uint64_t{k.portA} | std::uint64_t{k.portB} << 16 |
           std::uint64_t{k.etherType} << 32 | std::uint64_t{k.ipProto} << 48 |
           std::uint64_t{k.addrLen} << 56;
    std::uint64_t h = 0x9e3779b97f4a7c15ull;
    for (std::uint64_t v : w) {
        h ^= v;
        h *= 0xbf58476d1ce4e5b9ull;
        h ^= h >> 31;
    }
    return static_cast<std::size_t>(h);
}

// Per-flow memory is the flood case's cost: the server name id took padding, not new bytes.
static_assert(sizeof(Flow) <= 88, "a Flow grew");

bool makeFlowKey(const DecodedPacket &p, FlowKey &key, bool &forward)
{
    if (!p.addrLen || !p.srcAddr)
        return false;
    key = FlowKey{};
    key.addrLen = p.addrLen;
    key.ipProto = p.ipProto;
    key.etherType = p.ipVersion ? 0 : p.etherType;
    const std::uint8_t *s = p.srcAddr;
    const std::uint8_t *d = p.dstAddr;
    static const std::uint8_t zero[16] = {};
    if (!d)
        d = zero;
    const int c = std::memcmp(s, d, p.addrLen);
    forward = c < 0 || (c == 0 && p.srcPort <= p.dstPort);
    if (!forward)
        std::swap(s, d);
    std::memcpy(key.a.data(), s, p.addrLen);
    std::memcpy(key.b.data(), d, p.addrLen);
    key.portA = forward ? p.srcPort : p.dstPort;
    key.portB = forward ? p.dstPort : p.srcPort;
    return true;
}

} // namespace netlens

namespace netlens {

namespace {
/// Back to a fresh flow in place. `app` is stored atomically: rows already retired may still
/// be read by a reader that has not yet seen the new first row; it reads a valid value.
void resetFlow(Flow &f)
{
    f.firstNs = f.lastNs = 0;
    f.packetsAB = f.packetsBA = f.bytesAB = f.bytesBA = 0;
    f.ndpi = nullptr;
    f.addrA = f.addrB = 0;
    f.conversation = 0;
    f.inspected = 0;
    f.etherType = 0;
    f.serverName = ServerNames::kNone;
    f.portA = f.portB = 0;
    f.app.store(0, std::memory_order_relaxed);
    f.transport = Transport::None;
    f.ipProto = 0;
    f.tcpFlagsAB = f.tcpFlagsBA = 0;
    f.addrLen = 0;
    f.detecting = false;
}
} // namespace

void FlowTable::recycle(std::size_t firstRow)
{
    while (!m_pending.empty() && m_pending.front().rowBound <= firstRow) {
        m_free.push_back(m_pending.front().id);
        m_pending.pop_front();
    }
}

std::uint32_t FlowTable::insert(const FlowKey &key, std::size_t firstRow, std::int64_t tsNs)
{
    if (m_free.empty())
        recycle(firstRow);
    std::uint32_t id;
    if (!m_free.empty()) {
        id = m_free.back();
        m_free.pop_back();
        resetFlow(m_flows[id]);
        ++m_slots[id].generation;
    } else {
        id = static_cast<std::uint32_t>(m_flows.emplaceBack());
        m_slots.emplace_back();
    }
    m_slots[id].held = true;
    m_index.emplace(key, id);
    m_queue.push_back({id, m_slots[id].generation, tsNs});
    return id;
}

void FlowTable::fold(std::uint32_t id, const FlowKey &key, std::size_t rowBound)
{
    const Flow &f = m_flows[id];
    m_index.erase(key);
    m_slots[id].held = false;
    ++m_folded.folded;
    const std::size_t kind = FoldedFlows::kindOf(f.addrLen);
    m_folded
        .byKindTransport[kind * FoldedFlows::kTransports + static_cast<std::size_t>(f.transport)]
        .add(f.packets(), f.bytes());
    if (const std::uint16_t app = f.app.load(std::memory_order_relaxed))
        m_folded.byApp[FoldedFlows::appKey(kind, f.transport, app)].add(f.packets(), f.bytes());
    m_pending.push_back({id, rowBound});
}

void FlowTable::addOther(std::uint8_t addrLen, Transport t, std::uint32_t wireLen,
                         std::uint64_t keyHash)
{
    m_folded.other.add(1, wireLen);
    m_folded.otherFlows.add(keyHash);
    m_folded
        .byKindTransport[FoldedFlows::kindOf(addrLen) * FoldedFlows::kTransports +
                         static_cast<std::size_t>(t)]
        .add(1, wireLen);
}

bool FlowTable::oldest(Queued &out)
{
    while (!m_queue.empty()) {
        const Queued &q = m_queue.front();
        if (m_slots[q.id].held && m_slots[q.id].generation == q.generation) {
            out = q;
            return true;
        }
        m_queue.pop_front(); // its flow was folded (at the cap) or the slot reused since
    }
    return false;
}

std::size_t FlowTable::memoryBytes() const
{
    const std::size_t chunks = (m_flows.size() + 4095) / 4096;
    return chunks * 4096 * sizeof(Flow) + m_slots.capacity() * sizeof(Slot) +
           m_queue.size() * sizeof(Queued) + m_pending.size() * sizeof(Pending) +
           m_free.capacity() * sizeof(std::uint32_t) +
           m_index.capacity() * (sizeof(std::pair<FlowKey, std::uint32_t>) + 1);
}

} // namespace netlens
