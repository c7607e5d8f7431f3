// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "decode/transport.h"
#include "stats/counter.h"
#include "stats/distinctcounter.h"
#include "stats/servernames.h"
#include "store/chunkedarray.h"

#include <absl/container/flat_hash_map.h>
#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <vector>

struct ndpi_flow_struct;

namespace netlens {

struct DecodedPacket;

/// Direction-independent flow key: the smaller (address, port) end is always A.
struct FlowKey {
    std::array<std::uint8_t, 16> a{};
    std::array<std::uint8_t, 16> b{};
    std::uint16_t portA = 0;
    std::uint16_t portB = 0;
    std::uint16_t etherType = 0; ///< for non-IP flows
    std::uint8_t ipProto = 0;
    std::uint8_t addrLen = 0;

    bool operator==(const FlowKey &) const = default;
};

struct FlowKeyHash {
    std::size_t operator()(const FlowKey &k) const noexcept;
};

/// A 5-tuple flow (or a MAC pair + EtherType for non-IP traffic) and what it carried.
struct Flow {
    std::int64_t firstNs = 0;
    std::int64_t lastNs = 0;
    std::uint64_t packetsAB = 0;
    std::uint64_t packetsBA = 0;
    std::uint64_t bytesAB = 0;
    std::uint64_t bytesBA = 0;
    ndpi_flow_struct *ndpi = nullptr; ///< live only while detection runs
    std::uint32_t addrA = 0;          ///< AddressTable ids
    std::uint32_t addrB = 0;
    std::uint32_t conversation = 0;
    std::uint16_t inspected = 0; ///< packets fed to nDPI (its budgets are a few dozen)
    std::uint16_t etherType = 0; ///< FlowKey::etherType, to find the key again when folded
    /// ServerNames id (FlowTable::serverNames()), set when detection ends; engine thread only.
    /// It fills the padding after the flags below, so a Flow stays 88 bytes.
    std::uint32_t serverName = ServerNames::kNone;
    std::uint16_t portA = 0;
    std::uint16_t portB = 0;
    /// nDPI protocol id, 0 while unknown. Atomic: the table's protocol column reads it
    /// while the engine's thread may name the flow.
    std::atomic<std::uint16_t> app{0};
    Transport transport = Transport::None;
    std::uint8_t ipProto = 0;
    std::uint8_t tcpFlagsAB = 0; ///< OR of the TCP flags seen A to B
    std::uint8_t tcpFlagsBA = 0;
    std::uint8_t addrLen = 0; ///< 4, 16 or 6 (MAC, non-IP frames): the address family
    bool detecting = false;

    std::uint64_t packets() const { return packetsAB + packetsBA; }
    std::uint64_t bytes() const { return bytesAB + bytesBA; }
};

/// What the flows folded away (idle past the timeout) and the flows not held (past the cap)
/// carried, summed the way a snapshot sums held flows, so the totals stay exact.
struct FoldedFlows {
    static constexpr std::size_t kKinds = 4; ///< IPv4, IPv6, Ethernet (MAC), other
    static constexpr std::size_t kTransports = static_cast<std::size_t>(Transport::Count);
    static std::size_t kindOf(std::uint8_t addrLen)
    {
        return addrLen == 4 ? 0 : addrLen == 16 ? 1 : addrLen == 6 ? 2 : 3;
    }
    /// Key of byApp: (kind, transport, nDPI id).
    static std::uint64_t appKey(std::size_t kind, Transport t, std::uint16_t app)
    {
        return std::uint64_t{kind} << 40 | std::uint64_t{static_cast<std::uint8_t>(t)} << 32 | app;
    }

    std::uint64_t folded = 0;                                    ///< flows folded
    std::array<Counter, kKinds * kTransports> byKindTransport{}; ///< [kind * kTransports + t]
    absl::flat_hash_map<std::uint64_t, Counter> byApp;           ///< named flows only
    /// Flows not held (maxFlows reached): their traffic (also inside byKindTransport) and
    /// about how many they were.
    Counter other;
    DistinctCounter otherFlows;
};

/**
 * Flows by key. A Flow never moves (ChunkedArray), so records can point at flows by id and
 * other threads can read a published flow's app.
 *
 * Held flows can be folded (fold()): their counters go into folded(), they leave the index
 * and the held set, and their slot waits until no row in memory can point at it (the store's
 * first row passes the row count at folding) before a new flow reuses it. So the table holds
 * the flows alive now plus those folded within the rows in memory, not every flow ever.
 * An expiry queue (ids by last packet time, one entry per flow and per timeout it outlives)
 * finds the idle ones in amortised O(1) per flow, with nothing added per packet.
 */
class FlowTable {
public:
    FlowTable() = default;

    /// Finds or creates the flow of `key` (without any cap; tests and tools). `created` tells
    /// which.
    std::uint32_t find(const FlowKey &key, bool &created)
    {
        const std::uint32_t id = lookup(key);
        created = id == kNone;
        return created ? insert(key, 0, 0) : id;
    }
    /// Id of the held flow of `key`, kNone when there is none.
    std::uint32_t lookup(const FlowKey &key) const
    {
        const auto it = m_index.find(key);
        return it == m_index.end() ? kNone : it->second;
    }
    /// A new held flow for `key` (not in the table), in a reusable slot if one is free once
    /// rows before `firstRow` are gone. `tsNs` queues it for expiry.
    std::uint32_t insert(const FlowKey &key, std::size_t firstRow, std::int64_t tsNs);
    /// Folds held flow `id` (its detection already ended), whose key is `key`; rows below
    /// `rowBound` may point at it, so its slot is reused only once they are gone.
    void fold(std::uint32_t id, const FlowKey &key, std::size_t rowBound);
    /// Counts a packet of a flow that could not be held (maxFlows), `keyHash` its key's hash.
    void addOther(std::uint8_t addrLen, Transport t, std::uint32_t wireLen, std::uint64_t keyHash);

    /// The expiry queue's oldest entry still meaning its flow; false when empty.
    struct Queued {
        std::uint32_t id;
        std::uint32_t generation;
        std::int64_t keyNs;
    };
    bool oldest(Queued &out);
    void popOldest() { m_queue.pop_front(); }
    /// Queues held flow `id` again, as last seen at `lastNs` (it outlived its entry).
    void requeue(std::uint32_t id, std::int64_t lastNs)
    {
        m_queue.push_back({id, m_slots[id].generation, lastNs});
    }

    /// Writer only (mutable).
    Flow &at(std::uint32_t id) { return m_flows[id]; }
    const Flow &at(std::uint32_t id) const { return m_flows[id]; }
    /// Slots ever used (held, folded and free): ids are below this.
    std::uint32_t size() const { return static_cast<std::uint32_t>(m_flows.size()); }
    bool isHeld(std::uint32_t id) const { return id < m_slots.size() && m_slots[id].held; }
    /// Bumped each time slot `id` is reused for another flow: (id, generation) names one.
    std::uint32_t generation(std::uint32_t id) const { return m_slots[id].generation; }
    std::uint64_t heldCount() const { return m_index.size(); }
    const FoldedFlows &folded() const { return m_folded; }
    /// Bytes held by the flows, their index and queues (not nDPI state or server names).
    std::size_t memoryBytes() const;

    /// The flows' server names (Flow::serverName ids). Engine thread only.
    ServerNames &serverNames() { return m_serverNames; }
    const ServerNames &serverNames() const { return m_serverNames; }

    static constexpr std::uint32_t kNone = 0xffffffffu;

private:
    struct Slot {
        std::uint32_t generation = 0; ///< bumped at each reuse: stale queue entries skip it
        bool held = false;
    };
    struct Pending {
        std::uint32_t id;
        std::size_t rowBound;
    };
    void recycle(std::size_t firstRow);

    ChunkedArray<Flow> m_flows;
    std::vector<Slot> m_slots;
    std::deque<Queued> m_queue;    // by last packet time, roughly (requeued entries)
    std::deque<Pending> m_pending; // folded, by rowBound (folded in row order)
    std::vector<std::uint32_t> m_free;
    FoldedFlows m_folded;
    ServerNames m_serverNames;
    // Open addressing: one probe into a flat array per packet instead of a node per flow
    // (a flood of 1 M new flows spent a fifth of its time in node allocation and rehashing).
    absl::flat_hash_map<FlowKey, std::uint32_t, FlowKeyHash> m_index;
};

/// Builds the canonical key of a decoded packet; `forward` is true when the packet's source
/// is end A. Returns false when the packet has no address to key on.
bool makeFlowKey(const DecodedPacket &p, FlowKey &key, bool &forward);

} // namespace netlens
