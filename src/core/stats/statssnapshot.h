// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "decode/transport.h"
#include "stats/counter.h"

#include <QMetaType>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace netlens {

/// Address family of a snapshot row (the AddressTable's, as a plain value).
enum class Family : std::uint8_t { None = 0, V4 = 4, Mac = 6, V6 = 16 };

/// Packets and bytes each way with first and last seen: the one shape of a host's, a
/// conversation's and a flow's counters in a snapshot. For a host, A to B is "sent".
struct TwoWay {
    std::uint64_t packetsAB = 0;
    std::uint64_t packetsBA = 0;
    std::uint64_t bytesAB = 0;
    std::uint64_t bytesBA = 0;
    std::int64_t firstNs = 0;
    std::int64_t lastNs = 0;
    std::uint64_t packets() const { return packetsAB + packetsBA; }
    std::uint64_t bytes() const { return bytesAB + bytesBA; }
};

/**
 * An immutable, bounded picture of a capture's statistics, built on the worker thread every
 * 250-500 ms (StatsSnapshotBuilder) and shared read-only with every view through
 * `std::shared_ptr<const StatsSnapshot>`: charts, statistics windows, alerts, the web page
 * and the CLI's JSON all read the same numbers, and none of them touches the engine.
 *
 * Rows name addresses by index into `addresses` (each text once, however many rows use it).
 * A live snapshot holds the busiest `topN` rows of each kind (by bytes); a complete one,
 * built when a file or capture has finished, holds every row.
 */
struct StatsSnapshot {
    struct Named {
        std::string name;
        std::uint32_t label = 0; ///< Statistics label (protocols), Transport (transports)
        Counter counter;
    };
    struct Endpoint {
        std::uint32_t address = 0; ///< index into addresses
        Family family = Family::None;
        TwoWay traffic; ///< A to B: sent; first/last seen are not kept for hosts (0)
    };
    struct Conversation {
        std::uint32_t a = 0; ///< indexes into addresses; A is the end the engine saw first
        std::uint32_t b = 0;
        Family family = Family::None;
        TwoWay traffic;
    };
    struct Flow {
        std::uint32_t a = 0;
        std::uint32_t b = 0;
        std::uint16_t portA = 0;
        std::uint16_t portB = 0;
        Family family = Family::None;
        Transport transport = Transport::None;
        std::uint32_t label = 0; ///< index into protocolNames
        TwoWay traffic;
        /// Index into serverNames: nDPI's host_server_name (DNS query name, TLS SNI, HTTP
        /// Host...), 0 for none. Packet data, valid UTF-8 but otherwise as sent: show as text.
        std::uint32_t serverName = 0;
    };
    /// Protocol hierarchy: all packets, then network (IPv4, IPv6, Ethernet for non-IP frames
    /// keyed by MAC, Other), then transport, then application. A node's packets include its
    /// children's; what a transport carried that no application was named for stays in it.
    struct Node {
        std::string name;
        Counter counter;
        std::vector<Node> children; ///< by packets, descending
    };
    /// Dense series: point i starts at firstStartNs + i * intervalNs.
    struct Series {
        std::int64_t intervalNs = 0;
        std::int64_t firstStartNs = 0;
        std::vector<Counter> total;
        std::vector<std::uint32_t> labels;         ///< the protocols given their own series
        std::vector<std::string> names;            ///< their names
        std::vector<std::vector<Counter>> byLabel; ///< [label index][point]
        std::size_t size() const { return total.size(); }
        std::int64_t startNs(std::size_t i) const
        {
            return firstStartNs + static_cast<std::int64_t>(i) * intervalNs;
        }
    };

    std::uint64_t sequence = 0; ///< 1, 2, ... per session
    bool complete = false;      ///< every row, not the top N (a finished capture)
    bool final = false;         ///< the last snapshot of a finished file or capture
    std::int64_t builtAtNs = 0; ///< wall clock
    std::int64_t buildCostNs = 0;

    Counter total;
    std::int64_t firstNs = 0; ///< first and last packet time (0 without packets)
    std::int64_t lastNs = 0;
    std::vector<Named> transports; ///< by packets, descending
    std::vector<Named> protocols;  ///< application labels, by packets, descending
    std::vector<Named> linkTypes;  ///< by link type number
    Node hierarchy;

    std::vector<std::string> addresses;
    std::vector<std::string> protocolNames;  ///< names of Flow::label
    std::vector<std::string> serverNames;    ///< names of Flow::serverName; [0] is "" (none)
    std::vector<Endpoint> endpoints;         ///< by bytes, descending
    std::vector<Conversation> conversations; ///< address pairs, by bytes, descending
    std::vector<Flow> flows;                 ///< 5-tuples, by bytes, descending
    /// Hosts and conversations held (with traffic); flows held now plus flows folded away
    /// after going idle (see MemoryLimits): every flow the engine tracked.
    std::uint64_t hostCount = 0;
    std::uint64_t conversationCount = 0;
    std::uint64_t flowCount = 0;
    std::uint64_t flowsHeld = 0;   ///< in `flows` when complete
    std::uint64_t flowsFolded = 0; ///< idle past the timeout: counted, no longer listed
    /// What was not held past a cap (MemoryLimits): about how many entries (a distinct count,
    /// within about 2 %) and their traffic, exact. For hosts each end counts, as in endpoints.
    struct Other {
        std::uint64_t entries = 0;
        Counter traffic;
        bool operator==(const Other &) const = default;
    };
    Other otherFlows;
    Other otherHosts;
    Other otherConversations;

    std::uint64_t truncatedPackets = 0;
    std::uint64_t malformedPackets = 0;
    std::uint64_t undecodedPackets = 0;
    std::uint64_t flowsNotDetected = 0;

    Series recent;  ///< one-second points over the last minutes before the newest packet
    Series overall; ///< the whole capture, at most maxPoints points

    const std::string &address(std::uint32_t index) const { return addresses[index]; }
    /// A flow's server name; empty for none (also in a snapshot made without the list).
    const std::string &serverName(const Flow &f) const
    {
        static const std::string none;
        return f.serverName < serverNames.size() ? serverNames[f.serverName] : none;
    }
};

using StatsSnapshotPtr = std::shared_ptr<const StatsSnapshot>;

} // namespace netlens

Q_DECLARE_METATYPE(netlens::StatsSnapshotPtr)
