// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ipfix/meteredflow.h"
#include "stats/flowtable.h"
#include "store/chunkedarray.h"

#include <absl/container/flat_hash_map.h>
#include <cstdint>
#include <deque>
#include <functional>
#include <vector>

namespace netlens {

/**
 * The metering process of the IPFIX exporter: flows by 5-tuple and ingress interface, each
 * ended by the export timeouts (idle, active), by the cap (the idle-most first), or at the
 * end, and handed to a sink as one record per direction that carried packets.
 *
 * It keeps its own table, apart from the engine's FlowTable, because the two answer
 * different questions: the engine's flows live as long as a user may look at them (300 s
 * idle by default, folded under memory pressure), while an exported flow must end on the
 * collector's timeouts and never be lost. So the engine's caps never fold away a flow
 * before it is exported, and this table's own cap exports before it lets go.
 *
 * A packet belongs to a flow's current record while it comes within the idle timeout of
 * the last one and within the active timeout of the record's first; otherwise the record
 * is exported and a new one starts. expire() exports what time has ended without another
 * packet. Nothing is queued per packet: two queues hold each record once, by start (active)
 * and by last packet when queued (idle; a record found still busy is queued again), as in
 * FlowTable. The engine's flow id finds the record without hashing when it can (`hint`).
 */
class FlowMeter {
public:
    using Sink = std::function<void(const MeteredFlow &)>;
    FlowMeter(std::int64_t idleNs, std::int64_t activeNs, std::uint64_t maxFlows, Sink sink);

    static constexpr std::uint32_t kNoHint = 0xffffffffu;
    /// The engine's flow of a packet: its id and FlowTable::generation(), which together
    /// name one flow for as long as the engine holds it.
    struct Hint {
        std::uint32_t flow = kNoHint;
        std::uint32_t generation = 0;
    };
    /// One packet of the record last seen with `hint`: counts it and returns true, or
    /// returns false when there is none (the caller then calls add()). No key, no hash.
    bool addByHint(Hint hint, bool forward, std::uint32_t ingress, std::int64_t tsNs,
                   std::uint32_t ipLength, std::uint8_t tcpFlags, std::uint16_t app);
    /// One packet: `key` canonical (FlowTable), `forward` true when its source is end A,
    /// `hint` the engine's flow of the packet (flow kNoHint: none).
    void add(const FlowKey &key, bool forward, std::uint32_t ingress, std::int64_t tsNs,
             std::uint32_t ipLength, std::uint8_t tcpFlags, std::uint16_t app, Hint hint);
    /// Exports the records that time `nowNs` has ended (idle or active).
    void expire(std::int64_t nowNs);
    /// Exports every record (end of capture).
    void flush(FlowEndReason reason);

    std::size_t size() const { return m_index.size(); }
    std::size_t peak() const { return m_peak; }
    std::uint64_t evicted() const { return m_evicted; }
    std::size_t memoryBytes() const;

private:
    struct Key {
        FlowKey flow;
        std::uint32_t ingress = 0;
        bool operator==(const Key &) const = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key &k) const noexcept
        {
            return FlowKeyHash{}(k.flow) ^ (std::size_t{k.ingress} * 0x9e3779b97f4a7c15ull);
        }
    };
    struct Direction {
        std::uint64_t packets = 0;
        std::uint64_t octets = 0;
        std::int64_t firstNs = 0;
        std::int64_t lastNs = 0;
        std::uint8_t tcpFlags = 0;
    };
    /// The fields a packet touches first (two cache lines), the key last: it is read only
    /// when a record starts or ends.
    struct Entry {
        Direction dir[2]; ///< [0] A to B, [1] B to A
        std::int64_t firstNs = 0;
        std::int64_t lastNs = 0;
        Hint hint;                    ///< the engine flow that last led here
        std::uint32_t generation = 0; ///< bumped when the record ends: older queue entries skip
        std::uint16_t app = 0;
        bool used = false;
        Key key;
    };
    struct Queued {
        std::uint32_t id;
        std::uint32_t generation;
        std::int64_t keyNs;
    };
    static constexpr std::uint32_t kNil = 0xffffffffu;

    std::uint32_t create(const Key &key, std::int64_t tsNs);
    void remember(Hint hint, std::uint32_t id);
    void count(std::uint32_t id, bool forward, std::int64_t tsNs, std::uint32_t ipLength,
               std::uint8_t tcpFlags, std::uint16_t app);
    void exportEntry(std::uint32_t id, FlowEndReason reason);
    /// Ends the record of entry `id` and frees it.
    void end(std::uint32_t id, FlowEndReason reason);
    void restart(std::uint32_t id, std::int64_t tsNs);
    bool current(const Queued &q) const { return m_entries[q.id].generation == q.generation; }
    void evictOne();

    std::int64_t m_idleNs;
    std::int64_t m_activeNs;
    std::uint64_t m_maxFlows;
    Sink m_sink;
    // Chunks that never move: a flood of new flows grows the table without copying it.
    ChunkedArray<Entry> m_entries;
    std::vector<std::uint32_t> m_free;
    std::vector<std::uint32_t> m_byHint; // engine flow id -> entry id (checked by Hint)
    absl::flat_hash_map<Key, std::uint32_t, KeyHash> m_index;
    std::deque<Queued> m_idleQueue;   // by last packet when queued, roughly
    std::deque<Queued> m_activeQueue; // by record start
    std::size_t m_peak = 0;
    std::uint64_t m_evicted = 0;
};

} // namespace netlens
