#include "export/summary.h"

#include "decode/linktype.h"
#include "engine/engine.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <ctime>
#include <limits>

namespace netlens {

namespace {
template <typename T, typename Key> void sortDescending(std::vector<T> &v, Key key)
{
    std::stable_sort(v.begin(), v.end(), [&](const T &x, const T &y) { return key(x) > key(y); });
}

template <typename Key>
std::vector<std::uint32_t> topIds(std::size_t count, std::size_t topN, Key key)
{
    std::vector<std::uint32_t> ids(count);
    for (std::uint32_t i = 0; i < count; ++i)
        ids[i] = i;
    const std::size_t n = std::min(topN, count);
    // Ties break on id, so the order is the same on every run.
    std::partial_sort(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(n), ids.end(),
                      [&](std::uint32_t x, std::uint32_t y) {
                          const auto kx = key(x), ky = key(y);
                          return kx != ky ? kx > ky : x < y;
                      });
    ids.resize(n);
    return ids;
}

/// end - start (end >= start): timestamps near both ends of int64 have a span beyond int64.
std::uint64_t spanNs(std::int64_t start, std::int64_t end)
{
    return static_cast<std::uint64_t>(end) - static_cast<std::uint64_t>(start);
}

/// The time-series interval for a span that may not fit in an int64.
std::int64_t seriesInterval(std::int64_t start, std::int64_t end, std::size_t maxPoints)
{
    const std::uint64_t span = spanNs(start, end);
    if (span <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return TimeSeries::niceInterval(static_cast<std::int64_t>(span), maxPoints);
    // Only whole-day intervals are that long: twice the interval for half the span keeps
    // span / interval below maxPoints.
    return 2 * TimeSeries::niceInterval(static_cast<std::int64_t>(span / 2), maxPoints);
}
} // namespace

Summary Summary::build(const Engine &engine, std::size_t topN, const std::vector<FileResult> &files,
                       std::size_t maxPoints)
{
    const Statistics &st = engine.statistics();
    const AddressTable &addr = engine.addresses();
    Summary s;
    s.total = st.total();
    s.startNs = st.firstNs();
    s.endNs = st.lastNs();
    s.files = files;
    for (std::size_t t = 0; t < st.transports().size(); ++t)
        if (st.transports()[t].packets)
            s.transports.push_back(
                {std::string(transportName(static_cast<Transport>(t))), st.transports()[t]});
    sortDescending(s.transports, [](const Named &n) { return n.counter.packets; });
    for (const auto &[label, counter] : st.protocols())
        s.protocols.push_back({engine.labelName(label), counter});
    sortDescending(s.protocols, [](const Named &n) { return n.counter.packets; });
    for (const auto &[lt, count] : st.linkTypes())
        s.linkTypes.push_back({linkTypeName(lt), Counter{count, 0}});

    const auto &hosts = st.hosts();
    s.hostCount = std::count_if(hosts.begin(), hosts.end(),
                                [](const HostStats &h) { return h.packets() > 0; });
    for (std::uint32_t id :
         topIds(hosts.size(), topN, [&](std::uint32_t i) { return hosts[i].bytes(); }))
        if (hosts[id].packets())
            s.topTalkers.push_back({std::string(addr.text(id)), hosts[id]});

    const auto &convs = st.conversations();
    s.conversationCount = convs.size();
    for (std::uint32_t id :
         topIds(convs.size(), topN, [&](std::uint32_t i) { return convs[i].bytes(); }))
        s.conversations.push_back({std::string(addr.text(convs[id].addrA)),
                                   std::string(addr.text(convs[id].addrB)), convs[id]});

    const FlowTable &flows = engine.flows();
    s.flowCount = flows.size();
    for (std::uint32_t id :
         topIds(flows.size(), topN, [&](std::uint32_t i) { return flows.at(i).bytes(); })) {
        const Flow &f = flows.at(id);
        FlowRow row;
        row.a = std::string(addr.text(f.addrA));
        row.b = std::string(addr.text(f.addrB));
        row.portA = f.portA;
        row.portB = f.portB;
        row.transport = transportName(f.transport);
        const std::uint16_t app = f.app.load(std::memory_order_relaxed);
        row.protocol = app ? std::string(engine.applications().name(app)) : row.transport;
        row.packets = f.packets();
        row.bytes = f.bytes();
        row.firstNs = f.firstNs;
        row.lastNs = f.lastNs;
        s.flows.push_back(std::move(row));
    }

    s.truncated = st.truncatedPackets();
    s.malformed = st.malformedPackets();
    s.undecoded = st.undecodedPackets();
    s.intervalNs = seriesInterval(s.startNs, s.endNs, maxPoints);
    s.series = st.timeSeries().points(s.intervalNs);

    for (const auto &f : files)
        if (f.outcome != FileResult::Outcome::Ok)
            s.warnings.push_back(f.message);
    if (s.undecoded)
        s.warnings.push_back(std::to_string(s.undecoded) +
                             " packets have a link type NetLens counts but does not decode");
    if (s.truncated)
        s.warnings.push_back(std::to_string(s.truncated) +
                             " packets were cut short by the capture's snap length");
    if (const std::uint64_t n = engine.flowsNotDetected())
        s.warnings.push_back(std::to_string(n) +
                             " flows were named by port only: too many flows were being classified"
                             " at once (a scan or flood?)");
    return s;
}

namespace {
std::string human(std::uint64_t bytes)
{
    char buf[32];
    const char *units[] = {"B", "KB", "MB", "GB", "TB"};
    double v = static_cast<double>(bytes);
    int u = 0;
    while (v >= 1000 && u < 4) {
        v /= 1000;
        ++u;
    }
    std::snprintf(buf, sizeof buf, u ? "%.1f %s" : "%.0f %s", v, units[u]);
    return buf;
}

std::string utc(std::int64_t ns)
{
    const std::time_t t = static_cast<std::time_t>(TimeSeries::floorDiv(ns, 1000000000));
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
    return buf;
}

void line(std::string &out, const char *fmt, auto... args)
{
    char buf[512];
    std::snprintf(buf, sizeof buf, fmt, args...);
    out += buf;
}
} // namespace

std::string formatSummaryText(const Summary &s)
{
    std::string out;
    line(out, "Packets: %" PRIu64 "   Bytes: %" PRIu64 " (%s)\n", s.total.packets, s.total.bytes,
         human(s.total.bytes).c_str());
    if (s.total.packets) {
        const double span = static_cast<double>(spanNs(s.startNs, s.endNs)) / 1e9;
        line(out, "Time:    %s .. %s (%.3f s)\n", utc(s.startNs).c_str(), utc(s.endNs).c_str(),
             span);
    }
    line(out, "Hosts: %" PRIu64 "   Conversations: %" PRIu64 "   Flows: %" PRIu64 "\n", s.hostCount,
         s.conversationCount, s.flowCount);
    const auto pct = [&](std::uint64_t n) {
        return s.total.packets
                   ? 100.0 * static_cast<double>(n) / static_cast<double>(s.total.packets)
                   : 0.0;
    };
    out += "\nTransport             packets        bytes      %\n";
    for (const auto &n : s.transports)
        line(out, "  %-16s %12" PRIu64 " %12" PRIu64 " %6.2f\n", n.name.c_str(), n.counter.packets,
             n.counter.bytes, pct(n.counter.packets));
    out += "\nProtocol              packets        bytes      %\n";
    for (const auto &n : s.protocols)
        line(out, "  %-16s %12" PRIu64 " %12" PRIu64 " %6.2f\n", n.name.c_str(), n.counter.packets,
             n.counter.bytes, pct(n.counter.packets));
    out += "\nTop talkers                                   packets        bytes         sent     "
           "received\n";
    for (const auto &t : s.topTalkers)
        line(out, "  %-40s %12" PRIu64 " %12" PRIu64 " %12" PRIu64 " %12" PRIu64 "\n",
             t.address.c_str(), t.stats.packets(), t.stats.bytes(), t.stats.bytesSent,
             t.stats.bytesReceived);
    out += "\nTop conversations                                                          packets   "
           "     bytes\n";
    for (const auto &c : s.conversations)
        line(out, "  %-35s <-> %-35s %12" PRIu64 " %12" PRIu64 "\n", c.a.c_str(), c.b.c_str(),
             c.conversation.packets(), c.conversation.bytes());
    if (!s.warnings.empty()) {
        out += "\nWarnings:\n";
        for (const auto &w : s.warnings)
            out += "  " + w + "\n";
    }
    return out;
}

} // namespace netlens
