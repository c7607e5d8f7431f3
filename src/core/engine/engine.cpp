// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/engine.h"

#include "decode/decodedpacket.h"
#include "decode/linktype.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>

namespace netlens {

namespace {
/// Hash of a flow key's address pair alone: a conversation's, for the distinct count.
std::uint64_t pairHash(const FlowKey &key)
{
    FlowKey pair;
    pair.a = key.a;
    pair.b = key.b;
    pair.addrLen = key.addrLen;
    return FlowKeyHash{}(pair);
}

/// Saturating `now - span`: pcapng timestamps reach both ends of the int64 range.
std::int64_t before(std::int64_t nowNs, std::int64_t spanNs)
{
    constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
    return nowNs < kMin + spanNs ? kMin : nowNs - spanNs;
}
} // namespace

Engine::Engine(EngineSettings settings)
    : Engine(settings, std::make_shared<AppDetector>())
{
}

Engine::Engine(EngineSettings settings, std::shared_ptr<AppDetector> apps)
    : m_settings(settings)
    , m_apps(std::move(apps))
{
    if (m_settings.firstRowId)
        m_store.startAt(m_settings.firstRowId);
    m_stats.setCaps(m_settings.limits.maxHosts, m_settings.limits.maxConversations);
}

Engine::~Engine()
{
    // A slot folded and reused may be listed twice: free each state once.
    for (const std::uint32_t id : m_detecting) {
        Flow &f = m_flows.at(id);
        if (f.ndpi) {
            m_apps->freeFlow(f.ndpi);
            f.ndpi = nullptr;
        }
    }
}

bool Engine::setFilter(const std::string &expression, std::string &error)
{
    return m_filter.setExpression(expression, error);
}

bool Engine::process(const RawPacket &packet)
{
    ++m_frames;
    if (!m_filter.isEmpty() && !m_filter.matches(packet))
        return false;
    ++m_accepted;
    // Before this packet makes a flow: flows that went idle make room under the detection cap.
    if (packet.tsNs > m_newestNs) {
        m_newestNs = packet.tsNs;
        if (m_newestNs >= m_nextExpiryNs)
            expireIdle(m_newestNs);
    }

    DecodedPacket d;
    decodePacket(packet.data, packet.capLen, packet.wireLen, packet.linkType, d);

    PacketRecord r;
    r.tsNs = packet.tsNs;
    r.fileOffset = packet.fileOffset;
    r.setFrameNumber(m_frames);
    r.wireLen = packet.wireLen;
    r.capLen = packet.capLen;
    r.srcPort = d.srcPort;
    r.dstPort = d.dstPort;
    r.flags = d.flags | (packet.nanoResolution ? pktflag::Nanosecond : 0);
    r.linkType = packet.linkType;
    r.fileIndex = m_fileIndex;
    r.payloadOffset = d.payloadOffset;
    r.etherType = d.etherType;
    r.transport = d.transport;
    r.ipProto = d.ipProto;
    r.tcpFlags = d.tcpFlags;

    // The cached counter starts empty: 0xffff is a link type a file can declare too.
    if (m_linkCounter == nullptr || packet.linkType != m_lastLinkType) {
        m_lastLinkType = packet.linkType;
        m_linkCounter = &m_stats.linkTypeCounter(packet.linkType);
    }
    ++*m_linkCounter;
    m_stats.noteFlags(r.flags);

    std::uint32_t label = Statistics::labelFor(0, d.transport);
    FlowKey key;
    bool forward = true;
    bool created = false;
    if (makeFlowKey(d, key, forward)) {
        const std::uint32_t id = findFlow(key, packet.tsNs, created);
        if (id == FlowTable::kNone) {
            created = countUnheld(d, key, forward, packet.wireLen, packet.tsNs, r);
        } else {
            Flow &f = m_flows.at(id);
            if (created) {
                const std::uint32_t s = m_addresses.intern(d.srcAddr, d.addrLen);
                const std::uint32_t t = m_addresses.intern(d.dstAddr, d.addrLen);
                f.addrA = forward ? s : t;
                f.addrB = forward ? t : s;
                f.portA = key.portA;
                f.portB = key.portB;
                f.etherType = key.etherType;
                f.transport = d.transport;
                f.ipProto = d.ipProto;
                f.addrLen = d.addrLen;
                f.firstNs = f.lastNs = packet.tsNs;
                if (m_addresses.tracking()) {
                    m_addresses.pin(s); // while the flow is held
                    m_addresses.pin(t);
                }
                f.conversation =
                    (s == kNoAddress || t == kNoAddress)
                        ? kNoFlow
                        : conversationFor(f.addrA, f.addrB, packet.tsNs, pairHash(key));
                // Detection needs the transport header: non-first fragments cannot be named.
                if (m_settings.detectApplications && d.hasIp() && !(d.flags & pktflag::Fragment))
                    startDetection(id, f, d);
            }
            r.flow = id;
            r.src = forward ? f.addrA : f.addrB;
            r.dst = forward ? f.addrB : f.addrA;
            if (f.detecting && d.l3Length)
                detectApplication(f, packet, d.l3Offset, d.l3Length);
            if (forward) {
                ++f.packetsAB;
                f.bytesAB += packet.wireLen;
                f.tcpFlagsAB |= d.tcpFlags;
            } else {
                ++f.packetsBA;
                f.bytesBA += packet.wireLen;
                f.tcpFlagsBA |= d.tcpFlags;
            }
            f.firstNs = std::min(f.firstNs, packet.tsNs);
            f.lastNs = std::max(f.lastNs, packet.tsNs);
            label = Statistics::labelFor(f.app.load(std::memory_order_relaxed), f.transport);
            if (const unsigned notHeld = m_stats.addHostTraffic(r.src, r.dst, packet.wireLen))
                noteUnheldHosts(notHeld, r.src, r.dst);
            if (f.conversation == Statistics::kOtherConversation) {
                m_stats.addOtherConversationTraffic(packet.wireLen);
            } else if (f.conversation != kNoFlow) {
                // A conversation's end A is the smaller address id (Statistics::conversationFor).
                const bool aToB = r.src == std::min(f.addrA, f.addrB);
                m_stats.addConversationTraffic(f.conversation, aToB, packet.wireLen, packet.tsNs);
            }
        }
    }
    m_stats.addPacket(packet.tsNs, packet.wireLen, d.transport, label);
    if (m_addresses.tracking()) {
        const std::uint64_t row = m_settings.keepRecords ? m_store.size() : 0;
        m_addresses.use(r.src, row, packet.tsNs);
        m_addresses.use(r.dst, row, packet.tsNs);
    } else if (m_settings.limits.maxHosts && m_stats.hostCount() >= m_settings.limits.maxHosts) {
        // Every address so far is a held host, and held hosts stay: only the ones from now
        // on, which the cap does not hold, can be given back.
        m_addresses.track();
    }
    for (PacketObserver *o : m_observers)
        o->onPacket(packet, d, r, created);
    if (m_settings.keepRecords)
        m_store.append(r);
    return true;
}

void Engine::startDetection(std::uint32_t id, Flow &flow, const DecodedPacket &d)
{
    if (m_detectingCount >= m_settings.maxDetectingFlows) {
        // Too many at once (a scan or flood): name it by its ports, as a give-up would.
        const auto v4 = [&](const std::uint8_t *a) {
            return d.addrLen == 4 ? std::uint32_t(a[0]) << 24 | std::uint32_t(a[1]) << 16 |
                                        std::uint32_t(a[2]) << 8 | a[3]
                                  : 0u;
        };
        ++m_notDetected;
        setApplication(
            flow, m_apps->guess(d.ipProto, v4(d.srcAddr), d.srcPort, v4(d.dstAddr), d.dstPort));
        return;
    }
    flow.ndpi = m_apps->newFlow();
    if (flow.ndpi == nullptr)
        return;
    flow.detecting = true;
    m_detecting.push_back(id);
    ++m_detectingCount;
}

void Engine::endDetection(Flow &flow, std::uint16_t app, std::string_view serverName)
{
    // Once per flow, before its nDPI state (which holds the name) is freed.
    if (!serverName.empty())
        flow.serverName = m_flows.serverNames().intern(serverName);
    m_apps->freeFlow(flow.ndpi);
    flow.ndpi = nullptr;
    flow.detecting = false;
    --m_detectingCount;
    setApplication(flow, app);
}

void Engine::expireIdle(std::int64_t nowNs)
{
    // One pass a second of capture time: the list holds only flows that were detecting at
    // the last pass or began since, so a pass costs little next to the packets in between.
    // Saturating: pcapng timestamps reach both ends of the int64 range.
    constexpr std::int64_t kPassNs = 1000000000;
    constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
    constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
    m_nextExpiryNs = nowNs > kMax - kPassNs ? kMax : nowNs + kPassNs;
    const std::int64_t idleBefore =
        nowNs < kMin + m_settings.detectIdleNs ? kMin : nowNs - m_settings.detectIdleNs;
    std::size_t kept = 0;
    for (const std::uint32_t id : m_detecting) {
        Flow &f = m_flows.at(id);
        if (f.detecting && f.lastNs < idleBefore)
            giveUp(f);
        if (f.detecting)
            m_detecting[kept++] = id;
    }
    m_detecting.resize(kept);
    if (m_settings.limits.flowIdleNs > 0)
        foldIdle(before(nowNs, m_settings.limits.flowIdleNs));
    if (m_addresses.tracking())
        reclaimAddresses(nowNs);
}

void Engine::reclaimAddresses(std::int64_t nowNs)
{
    // A row keeps its addresses, and a reader (the table) may still hold a row the store
    // just let go: a chunk of rows more is kept as a margin. Without records no row counts.
    std::uint64_t firstRow = std::numeric_limits<std::uint64_t>::max();
    if (m_settings.keepRecords) {
        const std::uint64_t first = m_store.firstRow();
        firstRow = first > PacketStore::kChunkSize ? first - PacketStore::kChunkSize : 0;
    }
    // Detectors name addresses by id within their windows; a minute at least, for the
    // snippets' packets before an alert.
    constexpr std::int64_t kMinHorizonNs = 60 * MemoryLimits::kSecondNs;
    std::int64_t horizon = kMinHorizonNs;
    for (const PacketObserver *o : m_observers)
        horizon = std::max(horizon, o->addressHorizonNs());
    const std::int64_t idleBefore = before(nowNs, horizon);
    const std::vector<HostStats> &hosts = m_stats.hosts();
    m_reclaimed.clear();
    m_addresses.reclaim(
        firstRow, idleBefore,
        [&hosts](std::uint32_t id) { return id < hosts.size() && hosts[id].packets() > 0; },
        m_reclaimed);
    if (!m_reclaimed.empty())
        for (PacketObserver *o : m_observers)
            o->onAddressesReclaimed(m_reclaimed);
}

std::uint32_t Engine::conversationFor(std::uint32_t a, std::uint32_t b, std::int64_t tsNs,
                                      std::uint64_t hash)
{
    const std::size_t had = m_stats.conversations().size();
    const std::uint32_t id = m_stats.conversationFor(a, b, tsNs, hash);
    if (m_addresses.tracking() && m_stats.conversations().size() != had) {
        m_addresses.pin(a); // conversations are held to the end
        m_addresses.pin(b);
    }
    return id;
}

std::uint32_t Engine::findFlow(const FlowKey &key, std::int64_t tsNs, bool &created)
{
    created = false;
    const std::uint32_t id = m_flows.lookup(key);
    if (id != FlowTable::kNone)
        return id;
    const std::uint64_t cap = m_settings.limits.maxFlows;
    if (cap && m_flows.heldCount() >= cap && !foldForRoom())
        return FlowTable::kNone;
    created = true;
    // Without records no row points at a folded flow: its slot is free at once.
    const std::size_t firstRow = m_settings.keepRecords ? m_store.firstRow() : SIZE_MAX;
    return m_flows.insert(key, firstRow, std::max(tsNs, m_newestNs));
}

void Engine::foldIdle(std::int64_t idleBefore)
{
    FlowTable::Queued q;
    while (m_flows.oldest(q) && q.keyNs < idleBefore) {
        m_flows.popOldest();
        const Flow &f = m_flows.at(q.id);
        if (f.lastNs < idleBefore)
            foldFlow(q.id);
        else
            m_flows.requeue(q.id, f.lastNs);
    }
}

bool Engine::foldForRoom()
{
    // The queue's front is the flow idle longest, roughly (a requeued flow may sit behind
    // newer ones): look at a few, so a flood cannot make this a scan.
    const std::int64_t idleBefore = before(m_newestNs, m_settings.limits.flowPressureIdleNs);
    FlowTable::Queued q;
    for (int looked = 0; looked < 8 && m_flows.oldest(q); ++looked) {
        m_flows.popOldest();
        const Flow &f = m_flows.at(q.id);
        if (f.lastNs < idleBefore) {
            foldFlow(q.id);
            return true;
        }
        m_flows.requeue(q.id, f.lastNs);
        if (q.keyNs >= idleBefore)
            break; // the rest were queued later still
    }
    return false;
}

void Engine::foldFlow(std::uint32_t id)
{
    Flow &f = m_flows.at(id);
    if (f.detecting)
        giveUp(f); // its final name first: relabel() moves its packets while it is held
    FlowKey key;
    key.addrLen = f.addrLen;
    key.ipProto = f.ipProto;
    key.etherType = f.etherType;
    key.portA = f.portA;
    key.portB = f.portB;
    if (f.addrA != kNoAddress)
        std::memcpy(key.a.data(), m_addresses.at(f.addrA).bytes.data(), f.addrLen);
    if (f.addrB != kNoAddress)
        std::memcpy(key.b.data(), m_addresses.at(f.addrB).bytes.data(), f.addrLen);
    m_addresses.unpin(f.addrA);
    m_addresses.unpin(f.addrB);
    // Rows up to the next one appended may point at it.
    m_flows.fold(id, key, m_settings.keepRecords ? m_store.size() : 0);
}

bool Engine::countUnheld(const DecodedPacket &d, const FlowKey &key, bool forward,
                         std::uint32_t wireLen, std::int64_t tsNs, PacketRecord &r)
{
    // The row still names its addresses; only the flow is not kept (the table shows the
    // transport as its protocol, as for a flow never named).
    r.src = m_addresses.intern(d.srcAddr, d.addrLen);
    r.dst = m_addresses.intern(d.dstAddr, d.addrLen);
    const std::uint64_t hash = FlowKeyHash{}(key);
    m_flows.addOther(d.addrLen, d.transport, wireLen, hash);
    // New or not, for the alerts' new-flows rate, which a flood past the cap must still
    // drive: a key missing from a small direct-mapped table of recent ones is new. A
    // collision can count a flow again, or (1 in 2^64) miss one.
    if (m_unheldSeen.empty())
        m_unheldSeen.assign(kUnheldSeenSlots, 0);
    std::uint64_t &slot = m_unheldSeen[hash & (kUnheldSeenSlots - 1)];
    const bool fresh = slot != (hash | 1);
    slot = hash | 1; // never 0, the empty slot
    if (const unsigned notHeld = m_stats.addHostTraffic(r.src, r.dst, wireLen))
        noteUnheldHosts(notHeld, r.src, r.dst);
    if (r.src == kNoAddress || r.dst == kNoAddress)
        return fresh;
    // Conversations are their own aggregate: a pair's traffic counts there even when its
    // flow is not held.
    const std::uint32_t a = forward ? r.src : r.dst;
    const std::uint32_t b = forward ? r.dst : r.src;
    const std::uint32_t c = conversationFor(a, b, tsNs, pairHash(key));
    if (c == Statistics::kOtherConversation)
        m_stats.addOtherConversationTraffic(wireLen);
    else
        m_stats.addConversationTraffic(c, r.src == std::min(a, b), wireLen, tsNs);
    return fresh;
}

void Engine::noteUnheldHosts(unsigned notHeld, std::uint32_t src, std::uint32_t dst)
{
    if (notHeld & Statistics::kSrcNotHeld)
        m_stats.noteOtherHost(AddressHash{}(m_addresses.at(src)));
    if (notHeld & Statistics::kDstNotHeld)
        m_stats.noteOtherHost(AddressHash{}(m_addresses.at(dst)));
}

void Engine::detectApplication(Flow &flow, const RawPacket &packet, std::uint16_t l3Offset,
                               std::uint16_t l3Length)
{
    ++flow.inspected;
    std::uint16_t app = 0;
    std::string_view serverName;
    if (m_apps->process(flow.ndpi, packet.data + l3Offset, l3Length, packet.tsNs, flow.inspected,
                        flow.transport == Transport::TCP, app, serverName))
        endDetection(flow, app, serverName);
}

void Engine::giveUp(Flow &flow)
{
    std::string_view serverName;
    const std::uint16_t app = m_apps->giveUp(flow.ndpi, serverName);
    endDetection(flow, app, serverName);
}

void Engine::setApplication(Flow &flow, std::uint16_t app)
{
    const std::uint16_t old = flow.app.load(std::memory_order_relaxed);
    if (app == old)
        return;
    // Packets the flow already counted move from its old label to the new one.
    m_stats.relabel(Statistics::labelFor(old, flow.transport),
                    Statistics::labelFor(app, flow.transport), flow.packets(), flow.bytes());
    flow.app.store(app, std::memory_order_relaxed);
}

void Engine::addPacketObserver(PacketObserver *observer)
{
    if (observer &&
        std::find(m_observers.begin(), m_observers.end(), observer) == m_observers.end())
        m_observers.push_back(observer);
}

void Engine::removePacketObserver(PacketObserver *observer)
{
    std::erase(m_observers, observer);
}

void Engine::finish()
{
    for (const std::uint32_t id : m_detecting) {
        Flow &f = m_flows.at(id);
        if (f.detecting)
            giveUp(f);
    }
    m_detecting.clear();
}

std::string_view Engine::protocolName(const PacketRecord &r) const
{
    if (r.flow != kNoFlow) {
        const std::uint16_t app = m_flows.at(r.flow).app.load(std::memory_order_relaxed);
        if (app)
            return m_apps->name(app);
    }
    if (r.transport == Transport::Link)
        return knownLinkTypeName(r.linkType);
    return transportName(r.transport);
}

StatsSnapshotPtr Engine::buildSnapshot(const SnapshotOptions &options)
{
    return m_snapshots.build(
        m_stats, m_flows, m_addresses, [this](std::uint32_t label) { return labelName(label); },
        m_notDetected, options);
}

StatsSnapshotPtr Engine::buildFinalSnapshot(SnapshotOptions options)
{
    options.complete = options.final = true;
    return buildSnapshot(options);
}

std::string Engine::labelName(std::uint32_t label) const
{
    if (label >= Statistics::kTransportLabelBase)
        return std::string(
            transportName(static_cast<Transport>(label - Statistics::kTransportLabelBase)));
    return std::string(m_apps->name(static_cast<std::uint16_t>(label)));
}

} // namespace netlens
