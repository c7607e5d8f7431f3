// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "decode/transport.h"
#include "stats/counter.h"
#include "stats/distinctcounter.h"
#include "stats/protocolseries.h"

#include <absl/container/flat_hash_map.h>
#include <array>
#include <cstdint>
#include <map>
#include <vector>

namespace netlens {

struct HostStats {
    std::uint64_t packetsSent = 0;
    std::uint64_t packetsReceived = 0;
    std::uint64_t bytesSent = 0;
    std::uint64_t bytesReceived = 0;
    std::uint64_t bytes() const { return bytesSent + bytesReceived; }
    std::uint64_t packets() const { return packetsSent + packetsReceived; }
};

/// Traffic between two addresses, all protocols together. A is the smaller address id.
struct Conversation {
    std::uint32_t addrA = 0;
    std::uint32_t addrB = 0;
    std::uint64_t packetsAB = 0;
    std::uint64_t packetsBA = 0;
    std::uint64_t bytesAB = 0;
    std::uint64_t bytesBA = 0;
    std::int64_t firstNs = 0;
    std::int64_t lastNs = 0;
    std::uint64_t bytes() const { return bytesAB + bytesBA; }
    std::uint64_t packets() const { return packetsAB + packetsBA; }
};

/**
 * Incremental aggregates over every packet the engine accepted. Each update is O(1), so the
 * same object serves a one-pass file analysis and a live capture's running numbers.
 *
 * Application protocols are counted by "label": the nDPI id once a flow is named, or the
 * transport while it is not (see labelFor()). When a flow gets its name, relabel() moves the
 * packets it already counted, so the distribution always matches the per-packet export.
 */
class Statistics {
public:
    static constexpr std::uint32_t kTransportLabelBase = 0x10000;
    static std::uint32_t labelFor(std::uint16_t app, Transport t)
    {
        return app ? app : kTransportLabelBase + static_cast<std::uint32_t>(t);
    }

    /// Conversation id of a pair past maxConversations: counted in otherConversations().
    static constexpr std::uint32_t kOtherConversation = 0xfffffffeu;
    /// Bits addHostTraffic() returns: that end is a new host past maxHosts.
    static constexpr unsigned kSrcNotHeld = 1;
    static constexpr unsigned kDstNotHeld = 2;

    /// Traffic of the entries not held past a cap, and about how many they were.
    struct Other {
        Counter traffic; ///< hosts: each end's packets and bytes, as held hosts count them
        DistinctCounter entries;
    };

    Statistics();

    /// At most this many hosts and conversations are held (0: no limit); later ones count in
    /// the "other" buckets.
    void setCaps(std::uint64_t maxHosts, std::uint64_t maxConversations)
    {
        m_maxHosts = maxHosts;
        m_maxConversations = maxConversations;
    }

    void addPacket(std::int64_t tsNs, std::uint32_t wireLen, Transport t, std::uint32_t label);
    /// Counts a packet for its ends; returns kSrcNotHeld / kDstNotHeld for a new host that
    /// did not fit under maxHosts (its traffic is in otherHosts(); the caller adds it to the
    /// distinct count, by address, with noteOtherHost()).
    unsigned addHostTraffic(std::uint32_t src, std::uint32_t dst, std::uint32_t wireLen);
    void noteOtherHost(std::uint64_t addressHash) { m_otherHosts.entries.add(addressHash); }
    /// Conversation id of an address pair (created on first use), or kOtherConversation when
    /// it is new and maxConversations are held (`pairHash` then joins the distinct count).
    std::uint32_t conversationFor(std::uint32_t a, std::uint32_t b, std::int64_t tsNs,
                                  std::uint64_t pairHash = 0);
    void addOtherConversationTraffic(std::uint32_t wireLen)
    {
        m_otherConversations.traffic.add(1, wireLen);
    }
    void addConversationTraffic(std::uint32_t id, bool aToB, std::uint32_t wireLen,
                                std::int64_t tsNs);
    void relabel(std::uint32_t from, std::uint32_t to, std::uint64_t packets, std::uint64_t bytes);
    /// Packet counter of a link type; the reference stays valid (map nodes do not move).
    std::uint64_t &linkTypeCounter(std::uint16_t linkType) { return m_linkTypes[linkType]; }
    void noteFlags(std::uint16_t flags);

    const Counter &total() const { return m_total; }
    std::int64_t firstNs() const { return m_firstNs; }
    std::int64_t lastNs() const { return m_lastNs; }
    const std::array<Counter, static_cast<std::size_t>(Transport::Count)> &transports() const
    {
        return m_transports;
    }
    /// Counters by label; labels with no packets are absent.
    std::map<std::uint32_t, Counter> protocols() const;
    const std::vector<HostStats> &hosts() const { return m_hosts; }
    const std::vector<Conversation> &conversations() const { return m_conversations; }
    const ProtocolSeries &series() const { return m_series; }
    /// Hosts (address ids) that sent or received at least one packet.
    std::uint64_t hostCount() const { return m_hostCount; }
    const std::map<std::uint16_t, std::uint64_t> &linkTypes() const { return m_linkTypes; }
    std::uint64_t truncatedPackets() const { return m_truncated; }
    std::uint64_t malformedPackets() const { return m_malformed; }
    std::uint64_t undecodedPackets() const { return m_undecoded; }
    const Other &otherHosts() const { return m_otherHosts; }
    const Other &otherConversations() const { return m_otherConversations; }

private:
    Counter m_total;
    std::int64_t m_firstNs = 0;
    std::int64_t m_lastNs = 0;
    std::array<Counter, static_cast<std::size_t>(Transport::Count)> m_transports{};
    std::vector<Counter> m_labels;  // indexed by label
    std::vector<HostStats> m_hosts; // indexed by address id
    std::vector<Conversation> m_conversations;
    absl::flat_hash_map<std::uint64_t, std::uint32_t> m_conversationIds;
    ProtocolSeries m_series;
    std::uint64_t m_hostCount = 0;
    std::map<std::uint16_t, std::uint64_t> m_linkTypes;
    std::uint64_t m_truncated = 0;
    std::uint64_t m_malformed = 0;
    std::uint64_t m_undecoded = 0;
    std::uint64_t m_maxHosts = 0;
    std::uint64_t m_maxConversations = 0;
    Other m_otherHosts;
    Other m_otherConversations;
};

} // namespace netlens
