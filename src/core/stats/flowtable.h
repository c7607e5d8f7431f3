// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "decode/transport.h"
#include "stats/servernames.h"
#include "store/chunkedarray.h"

#include <absl/container/flat_hash_map.h>
#include <array>
#include <atomic>
#include <cstdint>

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
    std::uint32_t inspected = 0; ///< packets fed to nDPI
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

/**
 * Flows by key. Flow ids are dense and stable, and a Flow never moves (ChunkedArray), so
 * records can point at flows by id and other threads can read a published flow's app.
 */
class FlowTable {
public:
    FlowTable() = default;

    /// Finds or creates the flow of `key`. `created` tells which; `forward` whether the
    /// packet goes A to B (the caller passes the packet's own orientation).
    std::uint32_t find(const FlowKey &key, bool &created)
    {
        auto [it, inserted] = m_index.try_emplace(key, static_cast<std::uint32_t>(m_flows.size()));
        created = inserted;
        if (inserted)
            m_flows.emplaceBack();
        return it->second;
    }

    /// Writer only (mutable).
    Flow &at(std::uint32_t id) { return m_flows[id]; }
    const Flow &at(std::uint32_t id) const { return m_flows[id]; }
    std::uint32_t size() const { return static_cast<std::uint32_t>(m_flows.size()); }

    /// The flows' server names (Flow::serverName ids). Engine thread only.
    ServerNames &serverNames() { return m_serverNames; }
    const ServerNames &serverNames() const { return m_serverNames; }

private:
    ChunkedArray<Flow> m_flows;
    ServerNames m_serverNames;
    // Open addressing: one probe into a flat array per packet instead of a node per flow
    // (a flood of 1 M new flows spent a fifth of its time in node allocation and rehashing).
    absl::flat_hash_map<FlowKey, std::uint32_t, FlowKeyHash> m_index;
};

/// Builds the canonical key of a decoded packet; `forward` is true when the packet's source
/// is end A. Returns false when the packet has no address to key on.
bool makeFlowKey(const DecodedPacket &p, FlowKey &key, bool &forward);

} // namespace netlens
