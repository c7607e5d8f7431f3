// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/bpffilter.h"
#include "engine/packetobserver.h"
#include "source/rawpacket.h"
#include "stats/appdetector.h"
#include "stats/flowtable.h"
#include "stats/memorylimits.h"
#include "stats/snapshotbuilder.h"
#include "stats/statistics.h"
#include "store/addresstable.h"
#include "store/packetstore.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace netlens {

struct DecodedPacket;

/// Engine settings, passed in by value: nothing is read from a global.
struct EngineSettings {
    bool detectApplications = true;     ///< run nDPI (off only to measure its cost)
    bool keepRecords = true;            ///< fill the packet store (off for stats-only runs)
    std::int64_t bucketNs = 1000000000; ///< time-series resolution
    /// A flow still being classified that sees no packet for this long is given up on (nDPI's
    /// best guess) and its nDPI state freed, so many short unclassified flows (scans, floods)
    /// do not pile up about 700 bytes of state each until the end of the capture.
    std::int64_t detectIdleNs = 30ll * 1000000000;
    /// At most this many flows are classified at once (about 90 MB of nDPI state); new flows
    /// past it are named by transport only, and the summary warns.
    std::uint32_t maxDetectingFlows = 131072;
    /// Number of the first store row (tests: a store that has seen 2^32 rows without holding
    /// them, to cross 64-bit row numbers quickly). Frame numbers still start at 1.
    RowId firstRowId = 0;
    /// Flow expiry and the caps on flows, hosts and conversations held in memory.
    MemoryLimits limits{};

    static EngineSettings withLimits(const MemoryLimits &memory)
    {
        EngineSettings s;
        s.limits = memory;
        return s;
    }
    /// A copy of these settings with `limits` in place of their own.
    EngineSettings withOwnLimits(const MemoryLimits &memory) const
    {
        EngineSettings s = *this;
        s.limits = memory;
        return s;
    }
};

/**
 * The one analysis engine. Fed raw packets from any source (file or live), it decodes each,
 * applies the display filter, tracks flows and application protocols, updates the
 * statistics and appends a row to the packet store. Everything per packet is O(1) and
 * allocation-free except when a new flow, address or time bucket appears.
 *
 * Single-threaded: the owner calls it from one thread. Readers on other threads may read
 * store() rows below store().size().
 */
class Engine {
public:
    explicit Engine(EngineSettings settings = {});
    /// An engine sharing `apps` with others, to pay nDPI's set-up (about 20 ms) once. nDPI's
    /// module keeps per-packet scratch state: the engines must run on one thread.
    Engine(EngineSettings settings, std::shared_ptr<AppDetector> apps);
    ~Engine();
    Engine(const Engine &) = delete;
    Engine &operator=(const Engine &) = delete;

    /// BPF display filter; packets that fail it are numbered but not kept or counted.
    bool setFilter(const std::string &expression, std::string &error);
    /// Keep at most about `rows` packet rows in memory (0: all); statistics stay complete.
    void setStoreCapacity(std::size_t rows) { m_store.setCapacity(rows); }
    /// Frees retired store chunks whose grace period is over (`nowNs`: steady clock).
    void reclaim(std::int64_t nowNs) { m_store.reclaim(nowNs); }
    /// Every accepted packet is shown to each observer added (not owned), in the order they
    /// were added, after its flow was counted: the alert engine, the flow exporter, history.
    void addPacketObserver(PacketObserver *observer);
    void removePacketObserver(PacketObserver *observer);
    /// Subsequent packets come from input file `index` (records keep it to re-read bytes).
    void beginFile(std::uint16_t index) { m_fileIndex = index; }

    /// Processes one packet. Returns true if it passed the filter and was recorded.
    bool process(const RawPacket &packet);
    /// Ends detection for flows still undecided, so every flow has its final protocol.
    void finish();
    /// Gives up on flows under detection idle since before `nowNs - detectIdleNs` (capture
    /// time) and folds flows idle since before `nowNs - limits.flowIdleNs`. process() does
    /// this by itself as packet time advances; a live capture also calls it on its clock so
    /// quiet links name and fold their flows too.
    void expireIdle(std::int64_t nowNs);
    /// Flows named by port only because maxDetectingFlows were being classified already.
    std::uint64_t flowsNotDetected() const { return m_notDetected; }

    /// Protocol name of a record: the flow's application protocol if known, else its
    /// transport, else the link type. Safe from any thread for published rows.
    std::string_view protocolName(const PacketRecord &record) const;
    /// Name of a Statistics label.
    std::string labelName(std::uint32_t label) const;

    /// An immutable snapshot of the statistics, for other threads to read (see StatsSnapshot).
    /// Engine thread only; O(hosts + conversations + flows).
    StatsSnapshotPtr buildSnapshot(const SnapshotOptions &options);
    /// The last snapshot of a finished file or capture: `options` with every row (complete)
    /// and marked final.
    StatsSnapshotPtr buildFinalSnapshot(SnapshotOptions options);

    const PacketStore &store() const { return m_store; }
    const Statistics &statistics() const { return m_stats; }
    const FlowTable &flows() const { return m_flows; }
    const AddressTable &addresses() const { return m_addresses; }
    const AppDetector &applications() const { return *m_apps; }
    std::uint64_t framesSeen() const { return m_frames; }
    std::uint64_t framesAccepted() const { return m_accepted; }

private:
    void detectApplication(Flow &flow, const RawPacket &packet, std::uint16_t l3Offset,
                           std::uint16_t l3Length);
    void setApplication(Flow &flow, std::uint16_t app);
    void startDetection(std::uint32_t id, Flow &flow, const DecodedPacket &d);
    void endDetection(Flow &flow, std::uint16_t app, std::string_view serverName);
    /// Ends detection with nDPI's best guess.
    void giveUp(Flow &flow);
    /// The held flow of `key`, a new one (`created`), or FlowTable::kNone past maxFlows.
    std::uint32_t findFlow(const FlowKey &key, std::int64_t tsNs, bool &created);
    /// Folds the flows idle since before `idleBefore`.
    void foldIdle(std::int64_t idleBefore);
    /// At maxFlows: folds the idle-most flow if it is idle past the pressure timeout.
    bool foldForRoom();
    void foldFlow(std::uint32_t id);
    /// Counts a packet whose flow is not held: hosts, conversation and the "other" bucket.
    /// True when its flow looks new (see m_unheldSeen).
    bool countUnheld(const DecodedPacket &d, const FlowKey &key, bool forward,
                     std::uint32_t wireLen, std::int64_t tsNs, PacketRecord &r);
    void noteUnheldHosts(unsigned notHeld, std::uint32_t src, std::uint32_t dst);
    /// The conversation of a pair, pinning its addresses when it is new (see AddressTable).
    std::uint32_t conversationFor(std::uint32_t a, std::uint32_t b, std::int64_t tsNs,
                                  std::uint64_t hash);
    /// Gives back the ids of addresses nothing holds any more (past the host cap only).
    void reclaimAddresses(std::int64_t nowNs);

    EngineSettings m_settings;
    BpfFilter m_filter;
    PacketStore m_store;
    AddressTable m_addresses;
    FlowTable m_flows;
    Statistics m_stats;
    std::shared_ptr<AppDetector> m_apps;
    StatsSnapshotBuilder m_snapshots;
    std::uint64_t m_frames = 0;
    std::uint64_t m_accepted = 0;
    std::uint16_t m_fileIndex = 0;
    std::uint16_t m_lastLinkType = 0xffff;
    std::uint64_t *m_linkCounter = nullptr;
    // Flows under detection (ids; entries whose flow has finished are dropped at the next
    // expiry), how many of them still are, and when the next expiry pass is due.
    std::vector<std::uint32_t> m_detecting;
    std::uint32_t m_detectingCount = 0;
    std::uint64_t m_notDetected = 0;
    std::int64_t m_newestNs = 0;
    std::int64_t m_nextExpiryNs = 0;
    std::vector<PacketObserver *> m_observers;
    std::vector<std::uint32_t> m_reclaimed; // scratch for reclaimAddresses()
    // Key hashes of recent flows past the flow cap (512 KiB, made at the first of them).
    static constexpr std::size_t kUnheldSeenSlots = std::size_t{1} << 16;
    std::vector<std::uint64_t> m_unheldSeen;
};

} // namespace netlens
