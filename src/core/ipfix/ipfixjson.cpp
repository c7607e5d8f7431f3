// SPDX-License-Identifier: GPL-3.0-or-later
#include "ipfix/ipfixjson.h"

#include "decode/dissecttext.h"
#include "ipfix/ipfixexporter.h"

#include <algorithm>
#include <cstdio>

namespace netlens {

namespace {
QJsonValue count(std::uint64_t n)
{
    return static_cast<qint64>(n);
}
qint64 milliseconds(std::int64_t ns)
{
    return ns >= 0 ? ns / 1000000 : (ns - 999999) / 1000000;
}
} // namespace

QJsonObject ipfixJson(const IpfixExporter &exporter)
{
    const IpfixSettings &s = exporter.settings();
    const IpfixStats st = exporter.stats();
    QJsonObject o{
        {QStringLiteral("collector"),
         s.collectorHost.empty() ? QJsonValue() : QString::fromStdString(s.collectorText())},
        {QStringLiteral("file"),
         s.filePath.empty() ? QJsonValue() : QString::fromStdString(s.filePath)},
        {QStringLiteral("observation_domain"), count(s.observationDomain)},
        {QStringLiteral("idle_timeout_s"), static_cast<double>(s.idleTimeoutNs) / 1e9},
        {QStringLiteral("active_timeout_s"), static_cast<double>(s.activeTimeoutNs) / 1e9},
        {QStringLiteral("records"), count(st.records)},
        {QStringLiteral("messages"), count(st.messages)},
        {QStringLiteral("bytes"), count(st.bytes)},
        {QStringLiteral("template_sends"), count(st.templateSends)},
        {QStringLiteral("messages_lost"), count(st.lost)},
        {QStringLiteral("evicted"), count(st.evicted)},
        {QStringLiteral("peak_flows"), count(st.peakFlows)},
        {QStringLiteral("largest_message"), count(st.largestMessage)},
        {QStringLiteral("max_message"), count(st.maxMessageBytes)},
    };
    return o;
}

std::string ipfixFlowsJson(const IpfixExporter &exporter)
{
    std::string out;
    const auto &records = exporter.records();
    out.reserve(records.size() * 240 + 2);
    out += '[';
    char buf[512];
    const auto text = [](std::string_view v) {
        std::string t;
        for (const char c : v) {
            if (c == '"' || c == '\\') {
                t += '\\';
                t += c;
            } else if (static_cast<unsigned char>(c) < 0x20) {
                char u[8];
                std::snprintf(u, sizeof u, "\\u%04x", c);
                t += u;
            } else {
                t += c;
            }
        }
        return t;
    };
    bool first = true;
    for (const MeteredFlow &f : records) {
        const int n = std::snprintf(
            buf, sizeof buf,
            "%s\n    {\"src\": \"%s\", \"dst\": \"%s\", \"src_port\": %u, \"dst_port\": %u, "
            "\"proto\": %u, \"packets\": %llu, \"octets\": %llu, \"start_ms\": %lld, "
            "\"end_ms\": %lld, \"tcp_flags\": %u, \"end_reason\": %u, \"application\": "
            "\"%s\", \"ingress\": %u}",
            first ? "" : ",", dissect::addressText(f.src.data(), f.addrLen).c_str(),
            dissect::addressText(f.dst.data(), f.addrLen).c_str(), unsigned{f.srcPort},
            unsigned{f.dstPort}, unsigned{f.proto}, static_cast<unsigned long long>(f.packets),
            static_cast<unsigned long long>(f.octets),
            static_cast<long long>(milliseconds(f.firstNs)),
            static_cast<long long>(milliseconds(f.lastNs)), unsigned{f.tcpFlags},
            static_cast<unsigned>(f.reason), text(exporter.applicationName(f.app)).c_str(),
            unsigned{f.ingress});
        out.append(buf, static_cast<std::size_t>(std::max(0, std::min(n, int(sizeof buf) - 1))));
        first = false;
    }
    out += records.empty() ? "]" : "\n]";
    return out;
}

} // namespace netlens
