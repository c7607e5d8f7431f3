// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ipfix/meteredflow.h"
#include "stats/flowtable.h"

#include <absl/container/flat_hash_map.h>
#include <cstdint>
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
 * packet, in O(1) per record (two lists: by last packet and by first packet).
 */
class FlowMeter {
public:
    using Sink = std::function<void(const MeteredFlow &)>;
    FlowMeter(std::int64_t idleNs, std::int64_t activeNs, std::uint64_t maxFlows, Sink sink);

    /// One packet: `key` canonical (FlowTable), `forward` true when its source is end A.
    void add(const FlowKey &key, bool forward, std::uint32_t ingress, std::int64_t tsNs,
             std::uint32_t ipLength, std::uint8_t tcpFlags, std::uint16_t app);
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
    /// Two intrusive doubly-linked lists thread the entries: by last packet (idle) and by
    /// record start (active). Indices, kNil at the ends.
    struct Links {
        std::uint32_t prev;
        std::uint32_t next;
    };
    struct Entry {
        Key key;
        Direction dir[2]; ///< [0] A to B, [1] B to A
        std::int64_t firstNs = 0;
        std::int64_t lastNs = 0;
        Links byLast{kNil, kNil};
        Links byFirst{kNil, kNil};
        std::uint16_t app = 0;
    };
    struct List {
        std::uint32_t head = kNil;
        std::uint32_t tail = kNil;
    };
    static constexpr std::uint32_t kNil = 0xffffffffu;

    void exportEntry(std::uint32_t id, FlowEndReason reason);
    void remove(std::uint32_t id);
    void unlink(List &list, Links Entry::*links, std::uint32_t id);
    void append(List &list, Links Entry::*links, std::uint32_t id);
    void start(Entry &e, std::int64_t tsNs);

    std::int64_t m_idleNs;
    std::int64_t m_activeNs;
    std::uint64_t m_maxFlows;
    Sink m_sink;
    std::vector<Entry> m_entries;
    std::vector<std::uint32_t> m_free;
    absl::flat_hash_map<Key, std::uint32_t, KeyHash> m_index;
    List m_byLast;
    List m_byFirst;
    std::size_t m_peak = 0;
    std::uint64_t m_evicted = 0;
};

} // namespace netlens
