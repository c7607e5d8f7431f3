// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/summary.h"

#include "engine/engine.h"
#include "stats/timeseries.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <ctime>

namespace netlens {

namespace {
template <typename T> std::vector<T> firstN(const std::vector<T> &v, std::size_t n)
{
    return std::vector<T>(v.begin(),
                          v.begin() + static_cast<std::ptrdiff_t>(std::min(n, v.size())));
}

/// end - start (end >= start): timestamps near both ends of int64 have a span beyond int64.
std::uint64_t spanNs(std::int64_t start, std::int64_t end)
{
    return static_cast<std::uint64_t>(end) - static_cast<std::uint64_t>(start);
}
} // namespace

Summary Summary::fromSnapshot(StatsSnapshotPtr stats, std::size_t topN,
                              const std::vector<FileResult> &files)
{
    Summary s;
    s.stats = stats ? std::move(stats) : std::make_shared<const StatsSnapshot>();
    s.topN = topN;
    s.files = files;
    for (const auto &f : files)
        if (f.outcome != FileResult::Outcome::Ok)
            s.warnings.push_back(f.message);
    const StatsSnapshot &st = *s.stats;
    if (st.undecodedPackets)
        s.warnings.push_back(std::to_string(st.undecodedPackets) +
                             " packets have a link type NetLens counts but does not decode");
    if (st.truncatedPackets)
        s.warnings.push_back(std::to_string(st.truncatedPackets) +
                             " packets were cut short by the capture's snap length");
    if (st.flowsNotDetected)
        s.warnings.push_back(std::to_string(st.flowsNotDetected) +
                             " flows were named by port only: too many flows were being classified"
                             " at once (a scan or flood?)");
    if (st.otherFlows.traffic.packets || st.otherHosts.traffic.packets ||
        st.otherConversations.traffic.packets)
        s.warnings.push_back("some flows, hosts or conversations were past the memory caps: their"
                             " traffic is counted under \"other\", not listed (a flood?)");
    return s;
}

Summary Summary::build(Engine &engine, std::size_t topN, const std::vector<FileResult> &files)
{
    SnapshotOptions options;
    options.topN = topN;
    options.final = true;
    return fromSnapshot(engine.buildSnapshot(options), topN, files);
}

std::vector<StatsSnapshot::Endpoint> Summary::topTalkers() const
{
    return firstN(stats->endpoints, topN);
}

std::vector<StatsSnapshot::Conversation> Summary::topConversations() const
{
    return firstN(stats->conversations, topN);
}

std::vector<StatsSnapshot::Flow> Summary::topFlows() const
{
    return firstN(stats->flows, topN);
}

std::string exactSeconds(std::int64_t ns)
{
    // Magnitude as unsigned: -INT64_MIN does not fit in an int64.
    const bool negative = ns < 0;
    const std::uint64_t a =
        negative ? 0 - static_cast<std::uint64_t>(ns) : static_cast<std::uint64_t>(ns);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s%" PRIu64 ".%09" PRIu64, negative ? "-" : "", a / 1000000000,
                  a % 1000000000);
    std::string out(buf);
    while (out.back() == '0')
        out.pop_back();
    if (out.back() == '.')
        out.pop_back();
    return out;
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

std::string formatSummaryText(const Summary &summary)
{
    const StatsSnapshot &s = *summary.stats;
    std::string out;
    line(out, "Packets: %" PRIu64 "   Bytes: %" PRIu64 " (%s)\n", s.total.packets, s.total.bytes,
         human(s.total.bytes).c_str());
    if (s.total.packets) {
        const double span = static_cast<double>(spanNs(s.firstNs, s.lastNs)) / 1e9;
        line(out, "Time:    %s .. %s (%.3f s)\n", utc(s.firstNs).c_str(), utc(s.lastNs).c_str(),
             span);
    }
    line(out, "Hosts: %" PRIu64 "   Conversations: %" PRIu64 "   Flows: %" PRIu64 "\n", s.hostCount,
         s.conversationCount, s.flowCount);
    if (s.flowsFolded)
        line(out, "Flows held: %" PRIu64 "   folded after going idle: %" PRIu64 "\n", s.flowsHeld,
             s.flowsFolded);
    // Past a cap (--max-flows, --max-hosts, --max-conversations): counted, not listed.
    const auto other = [&](const char *kind, const StatsSnapshot::Other &b) {
        if (b.traffic.packets)
            line(out,
                 "Other %s (about %" PRIu64 " not held): %" PRIu64 " packets, %" PRIu64 " bytes\n",
                 kind, b.entries, b.traffic.packets, b.traffic.bytes);
    };
    other("flows", s.otherFlows);
    other("hosts", s.otherHosts);
    other("conversations", s.otherConversations);
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
    for (const auto &t : summary.topTalkers())
        line(out, "  %-40s %12" PRIu64 " %12" PRIu64 " %12" PRIu64 " %12" PRIu64 "\n",
             s.address(t.address).c_str(), t.traffic.packets(), t.traffic.bytes(),
             t.traffic.bytesAB, t.traffic.bytesBA);
    out += "\nTop conversations                                                          packets   "
           "     bytes\n";
    for (const auto &c : summary.topConversations())
        line(out, "  %-35s <-> %-35s %12" PRIu64 " %12" PRIu64 "\n", s.address(c.a).c_str(),
             s.address(c.b).c_str(), c.traffic.packets(), c.traffic.bytes());
    if (!summary.warnings.empty()) {
        out += "\nWarnings:\n";
        for (const auto &w : summary.warnings)
            out += "  " + w + "\n";
    }
    return out;
}

} // namespace netlens
