// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats/snapshotbuilder.h"

#include "decode/linktype.h"
#include "stats/flowtable.h"
#include "stats/statistics.h"
#include "stats/timeseries.h"
#include "store/addresstable.h"
#include "store/clock.h"

#include <absl/container/flat_hash_map.h>
#include <algorithm>
#include <array>

namespace netlens {

namespace {

/// The busiest items by bytes: a min-heap of at most `limit` (bytes, id) pairs, or every
/// item when unlimited. Ties go to the smaller id, so the order is the same on every run.
class TopN {
public:
    explicit TopN(std::size_t limit, bool all)
        : m_limit(limit)
        , m_all(all)
    {
    }
    /// Room for `count` items when keeping all of them.
    void reserve(std::size_t count)
    {
        if (m_all)
            m_items.reserve(count);
    }

    void offer(std::uint64_t bytes, std::uint32_t id)
    {
        if (m_all) {
            m_items.push_back({bytes, id});
            return;
        }
        if (m_limit == 0)
            return;
        if (m_items.size() < m_limit) {
            m_items.push_back({bytes, id});
            std::push_heap(m_items.begin(), m_items.end(), better);
        } else if (better({bytes, id}, m_items.front())) {
            std::pop_heap(m_items.begin(), m_items.end(), better);
            m_items.back() = {bytes, id};
            std::push_heap(m_items.begin(), m_items.end(), better);
        }
    }

    /// True when an item with these bytes, offered after every item so far (so with a larger
    /// id), could not enter: the heap is full and its weakest has at least as many bytes.
    bool rejects(std::uint64_t bytes) const
    {
        return !m_all && m_items.size() >= m_limit &&
               (m_limit == 0 || bytes <= m_items.front().bytes);
    }

    struct Item {
        std::uint64_t bytes;
        std::uint32_t id;
    };
    /// The items kept, in no particular order.
    const std::vector<Item> &items() const { return m_items; }

private:
    // "x ranks before y"; as a heap comparator it keeps the lowest-ranked item on top.
    static bool better(const Item &x, const Item &y)
    {
        return x.bytes != y.bytes ? x.bytes > y.bytes : x.id < y.id;
    }

    std::size_t m_limit;
    bool m_all;
    std::vector<Item> m_items;
};

/// The ids kept by several TopN (one per family or transport), in the order of the rows:
/// by bytes, descending, then by TopN, then by id. One sort of small items, rather than a
/// sort per TopN and a stable sort of the finished rows (a complete snapshot has a million).
template <std::size_t K> std::vector<std::uint32_t> rankAll(const std::array<TopN, K> &tops)
{
    struct Ranked {
        std::uint64_t bytes;
        std::uint32_t slot;
        std::uint32_t id;
    };
    std::size_t count = 0;
    for (const TopN &t : tops)
        count += t.items().size();
    std::vector<Ranked> ranked;
    ranked.reserve(count);
    for (std::uint32_t k = 0; k < K; ++k)
        for (const TopN::Item &i : tops[k].items())
            ranked.push_back({i.bytes, k, i.id});
    std::sort(ranked.begin(), ranked.end(), [](const Ranked &x, const Ranked &y) {
        if (x.bytes != y.bytes)
            return x.bytes > y.bytes;
        return x.slot != y.slot ? x.slot < y.slot : x.id < y.id;
    });
    std::vector<std::uint32_t> ids;
    ids.reserve(count);
    for (const Ranked &r : ranked)
        ids.push_back(r.id);
    return ids;
}

/// True when an item enters none of the heaps: the scan then skips looking up its family (a
/// read of the address table per item, most of a live snapshot's cost in a flood).
template <std::size_t K> bool rejectedByAll(const std::array<TopN, K> &tops, std::uint64_t bytes)
{
    for (const TopN &t : tops)
        if (!t.rejects(bytes))
            return false;
    return true;
}

Family familyOf(const AddressTable &addresses, std::uint32_t id)
{
    if (id >= addresses.size())
        return Family::None;
    return static_cast<Family>(addresses.at(id).family);
}

std::size_t familySlot(Family f)
{
    switch (f) {
    case Family::V4: return 0;
    case Family::V6: return 1;
    case Family::Mac: return 2;
    default: return 3;
    }
}

std::size_t transportSlot(Transport t)
{
    return t == Transport::TCP ? 0 : t == Transport::UDP ? 1 : 2;
}

/// Engine address ids to indexes into the snapshot's own address list.
class AddressIndex {
public:
    /// `dense`: most addresses will be used (a complete snapshot), so a plain array indexed
    /// by address id replaces the hash map: at a million addresses the map's growing and
    /// hashing were most of a complete build's time.
    AddressIndex(const AddressTable &table, std::vector<std::string> &out, bool dense)
        : m_table(table)
        , m_out(out)
    {
        if (dense) {
            m_dense.assign(table.size(), kNone);
            m_out.reserve(table.size());
        }
    }
    std::uint32_t operator()(std::uint32_t id)
    {
        if (!m_dense.empty() && id < m_dense.size()) {
            std::uint32_t &index = m_dense[id];
            if (index == kNone) {
                index = static_cast<std::uint32_t>(m_out.size());
                m_out.emplace_back(m_table.text(id));
            }
            return index;
        }
        auto [it, inserted] = m_ids.try_emplace(id, static_cast<std::uint32_t>(m_out.size()));
        if (inserted)
            m_out.emplace_back(m_table.text(id));
        return it->second;
    }

private:
    static constexpr std::uint32_t kNone = 0xffffffffu;
    const AddressTable &m_table;
    std::vector<std::string> &m_out;
    std::vector<std::uint32_t> m_dense;
    absl::flat_hash_map<std::uint32_t, std::uint32_t> m_ids;
};

TwoWay twoWay(std::uint64_t pAB, std::uint64_t pBA, std::uint64_t bAB, std::uint64_t bBA,
              std::int64_t first, std::int64_t last)
{
    return TwoWay{pAB, pBA, bAB, bBA, first, last};
}

void sortNodes(StatsSnapshot::Node &n)
{
    // Children come from a hash map, whose order changes from run to run (absl seeds its
    // hash per process): equal counts are ordered by name so that the same capture gives
    // the same hierarchy, and the same JSON, every time.
    std::sort(n.children.begin(), n.children.end(), [](const auto &x, const auto &y) {
        if (x.counter.packets != y.counter.packets)
            return x.counter.packets > y.counter.packets;
        if (x.counter.bytes != y.counter.bytes)
            return x.counter.bytes > y.counter.bytes;
        return x.name < y.name;
    });
    for (auto &c : n.children)
        sortNodes(c);
}

StatsSnapshot::Series makeSeries(const std::vector<const ProtocolSeries::Slot *> &buckets,
                                 std::int64_t intervalNs, std::int64_t firstStartNs,
                                 std::size_t maxLabels, const StatsSnapshotBuilder::LabelName &name)
{
    StatsSnapshot::Series s;
    s.intervalNs = intervalNs;
    s.firstStartNs = firstStartNs;
    absl::flat_hash_map<std::uint32_t, std::uint64_t> bytesByLabel;
    s.total.reserve(buckets.size());
    for (const auto *slot : buckets) {
        s.total.push_back(slot->total);
        for (const auto &[label, c] : slot->labels)
            bytesByLabel[label] += c.bytes;
    }
    std::vector<std::pair<std::uint64_t, std::uint32_t>> ranked;
    for (const auto &[label, bytes] : bytesByLabel)
        ranked.emplace_back(bytes, label);
    std::sort(ranked.begin(), ranked.end(), [](const auto &x, const auto &y) {
        return x.first != y.first ? x.first > y.first : x.second < y.second;
    });
    ranked.resize(std::min(ranked.size(), maxLabels));
    for (const auto &[bytes, label] : ranked) {
        s.labels.push_back(label);
        s.names.push_back(name(label));
        std::vector<Counter> points;
        points.reserve(buckets.size());
        for (const auto *slot : buckets)
            points.push_back(slot->label(label));
        s.byLabel.push_back(std::move(points));
    }
    return s;
}

} // namespace

StatsSnapshotPtr StatsSnapshotBuilder::build(const Statistics &st, const FlowTable &flows,
                                             const AddressTable &addresses,
                                             const LabelName &labelName,
                                             std::uint64_t flowsNotDetected,
                                             const SnapshotOptions &options)
{
    const std::int64_t started = steadyNowNs();
    auto s = std::make_shared<StatsSnapshot>();
    s->sequence = ++m_sequence;
    s->complete = options.complete;
    s->final = options.final;
    s->builtAtNs = wallNowNs();
    s->total = st.total();
    s->firstNs = st.firstNs();
    s->lastNs = st.lastNs();
    for (std::size_t t = 0; t < st.transports().size(); ++t)
        if (st.transports()[t].packets)
            s->transports.push_back({std::string(transportName(static_cast<Transport>(t))),
                                     static_cast<std::uint32_t>(t), st.transports()[t]});
    for (const auto &[label, counter] : st.protocols())
        s->protocols.push_back({labelName(label), label, counter});
    const auto byPackets = [](const StatsSnapshot::Named &x, const StatsSnapshot::Named &y) {
        return x.counter.packets > y.counter.packets;
    };
    std::stable_sort(s->transports.begin(), s->transports.end(), byPackets);
    std::stable_sort(s->protocols.begin(), s->protocols.end(), byPackets);
    for (const auto &[lt, count] : st.linkTypes())
        s->linkTypes.push_back({linkTypeName(lt), lt, Counter{count, 0}});
    s->truncatedPackets = st.truncatedPackets();
    s->malformedPackets = st.malformedPackets();
    s->undecodedPackets = st.undecodedPackets();
    s->flowsNotDetected = flowsNotDetected;

    const std::size_t n = options.topN;
    const bool all = options.complete;
    AddressIndex addr(addresses, s->addresses, all);

    // Hosts: ids are address ids, so the family is the address's.
    {
        std::array<TopN, 4> top{TopN(n, all), TopN(n, all), TopN(n, all), TopN(n, all)};
        const auto &hosts = st.hosts();
        const std::uint32_t count =
            std::min<std::uint32_t>(static_cast<std::uint32_t>(hosts.size()), addresses.size());
        // Reserving is only address space until written: every family may hold them all.
        for (auto &t : top)
            t.reserve(st.hostCount());
        if (all)
            s->endpoints.reserve(st.hostCount());
        for (std::uint32_t id = 0; id < count; ++id)
            if (hosts[id].packets() && !rejectedByAll(top, hosts[id].bytes()))
                top[familySlot(familyOf(addresses, id))].offer(hosts[id].bytes(), id);
        s->hostCount = st.hostCount();
        s->otherHosts = {st.otherHosts().entries.estimate(), st.otherHosts().traffic};
        for (const std::uint32_t id : rankAll(top)) {
            const HostStats &h = hosts[id];
            s->endpoints.push_back(
                {addr(id), familyOf(addresses, id),
                 twoWay(h.packetsSent, h.packetsReceived, h.bytesSent, h.bytesReceived, 0, 0)});
        }
    }

    // Conversations: address pairs.
    {
        std::array<TopN, 4> top{TopN(n, all), TopN(n, all), TopN(n, all), TopN(n, all)};
        const auto &convs = st.conversations();
        for (auto &t : top)
            t.reserve(convs.size());
        if (all)
            s->conversations.reserve(convs.size());
        for (std::uint32_t id = 0; id < convs.size(); ++id)
            if (!rejectedByAll(top, convs[id].bytes()))
                top[familySlot(familyOf(addresses, convs[id].addrA))].offer(convs[id].bytes(), id);
        s->conversationCount = convs.size();
        s->otherConversations = {st.otherConversations().entries.estimate(),
                                 st.otherConversations().traffic};
        for (const std::uint32_t id : rankAll(top)) {
            const Conversation &c = convs[id];
            s->conversations.push_back(
                {addr(c.addrA), addr(c.addrB), familyOf(addresses, c.addrA),
                 twoWay(c.packetsAB, c.packetsBA, c.bytesAB, c.bytesBA, c.firstNs, c.lastNs)});
        }
    }

    // Flows, and the protocol hierarchy summed over them (flows carry the final protocol,
    // so the hierarchy agrees with the distribution, which moves packets when a flow is named).
    {
        std::array<TopN, 3> top{TopN(n, all), TopN(n, all), TopN(n, all)};
        constexpr std::size_t kT = static_cast<std::size_t>(Transport::Count);
        std::array<Counter, 4 * kT> byTransport{};
        absl::flat_hash_map<std::uint64_t, Counter> byApp; // (kind, transport, app)
        std::uint64_t lastKey = ~0ull;
        Counter *lastApp = nullptr;
        std::array<Counter, kT> flowTransport{};
        // Flows folded away or not held count as they would have: the hierarchy stays exact.
        const FoldedFlows &folded = flows.folded();
        static_assert(FoldedFlows::kTransports == kT && FoldedFlows::kKinds == 4);
        byTransport = folded.byKindTransport;
        for (std::size_t k = 0; k < 4; ++k)
            for (std::size_t t = 0; t < kT; ++t)
                flowTransport[t].add(folded.byKindTransport[k * kT + t]);
        for (const auto &[key, c] : folded.byApp)
            byApp[key].add(c);
        const std::uint32_t count = flows.size();
        const auto held = static_cast<std::size_t>(flows.heldCount());
        for (auto &t : top)
            t.reserve(held);
        if (all)
            s->flows.reserve(held);
        for (std::uint32_t id = 0; id < count; ++id) {
            if (!flows.isHeld(id))
                continue;
            const Flow &f = flows.at(id);
            top[transportSlot(f.transport)].offer(f.bytes(), id);
            const std::size_t kind = familySlot(static_cast<Family>(f.addrLen));
            const auto t = static_cast<std::size_t>(f.transport);
            byTransport[kind * kT + t].add(f.packets(), f.bytes());
            flowTransport[t].add(f.packets(), f.bytes());
            const std::uint16_t app = f.app.load(std::memory_order_relaxed);
            if (app) {
                const std::uint64_t key = std::uint64_t{kind} << 40 | std::uint64_t{t} << 32 | app;
                if (key != lastKey) {
                    lastApp = &byApp[key];
                    lastKey = key;
                }
                lastApp->add(f.packets(), f.bytes());
            }
        }
        s->flowCount = flows.heldCount() + folded.folded;
        s->flowsHeld = flows.heldCount();
        s->flowsFolded = folded.folded;
        s->otherFlows = {folded.otherFlows.estimate(), folded.other};
        absl::flat_hash_map<std::uint32_t, std::uint32_t> labelIndex;
        // Server names: each once, index 0 for none. Most flows of a flood have none, and
        // the rows that do are few next to a complete snapshot's, so a small map suffices.
        const ServerNames &names = flows.serverNames();
        s->serverNames.emplace_back();
        absl::flat_hash_map<std::uint32_t, std::uint32_t> nameIndex;
        const auto serverName = [&](std::uint32_t id) -> std::uint32_t {
            if (id == ServerNames::kNone || id >= names.size())
                return 0;
            auto [it, inserted] =
                nameIndex.try_emplace(id, static_cast<std::uint32_t>(s->serverNames.size()));
            if (inserted)
                s->serverNames.push_back(names.text(id));
            return it->second;
        };
        for (const std::uint32_t id : rankAll(top)) {
            const Flow &f = flows.at(id);
            const std::uint32_t label =
                Statistics::labelFor(f.app.load(std::memory_order_relaxed), f.transport);
            auto [it, inserted] =
                labelIndex.try_emplace(label, static_cast<std::uint32_t>(s->protocolNames.size()));
            if (inserted)
                s->protocolNames.push_back(labelName(label));
            s->flows.push_back(
                {addr(f.addrA), addr(f.addrB), f.portA, f.portB, static_cast<Family>(f.addrLen),
                 f.transport, it->second,
                 twoWay(f.packetsAB, f.packetsBA, f.bytesAB, f.bytesBA, f.firstNs, f.lastNs),
                 serverName(f.serverName)});
        }

        static const char *const kKinds[] = {"IPv4", "IPv6", "Ethernet", "Other"};
        StatsSnapshot::Node &root = s->hierarchy;
        root.name = "All";
        root.counter = st.total();
        std::array<StatsSnapshot::Node, 4> kinds;
        for (std::size_t k = 0; k < 4; ++k)
            kinds[k].name = kKinds[k];
        // Packets outside any flow (no address to key on) are "Other", by transport.
        for (std::size_t t = 0; t < kT; ++t) {
            const Counter &seen = st.transports()[t];
            if (seen.packets > flowTransport[t].packets)
                byTransport[3 * kT + t].add(seen.packets - flowTransport[t].packets,
                                            seen.bytes - flowTransport[t].bytes);
        }
        for (std::size_t k = 0; k < 4; ++k)
            for (std::size_t t = 0; t < kT; ++t) {
                const Counter &c = byTransport[k * kT + t];
                if (!c.packets)
                    continue;
                StatsSnapshot::Node node{
                    std::string(transportName(static_cast<Transport>(t))), c, {}};
                kinds[k].counter.add(c);
                for (const auto &[key, appCounter] : byApp)
                    if ((key >> 40) == k && ((key >> 32) & 0xff) == t)
                        node.children.push_back(
                            {labelName(static_cast<std::uint32_t>(key & 0xffff)), appCounter, {}});
                kinds[k].children.push_back(std::move(node));
            }
        for (auto &k : kinds)
            if (k.counter.packets)
                root.children.push_back(std::move(k));
        sortNodes(root);
    }

    // Time series.
    const ProtocolSeries &series = st.series();
    if (!series.isEmpty()) {
        std::vector<const ProtocolSeries::Slot *> buckets;
        buckets.reserve(series.overall().size());
        for (const auto &slot : series.overall())
            buckets.push_back(&slot);
        s->overall =
            makeSeries(buckets, series.overallIntervalNs(),
                       TimeSeries::startOf(series.overallFirstKey(), series.overallIntervalNs()),
                       options.seriesLabels, labelName);
        std::int64_t firstSecond = 0;
        const auto recent = series.recent(firstSecond);
        s->recent =
            makeSeries(recent, ProtocolSeries::kSecondNs, firstSecond * ProtocolSeries::kSecondNs,
                       options.seriesLabels, labelName);
    }
    s->buildCostNs = steadyNowNs() - started;
    return s;
}

} // namespace netlens
