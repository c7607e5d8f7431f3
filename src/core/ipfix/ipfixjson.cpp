// SPDX-License-Identifier: GPL-3.0-or-later
#include "ipfix/ipfixjson.h"

#include "decode/dissecttext.h"
#include "ipfix/ipfixexporter.h"

#include <QJsonArray>

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
    if (s.keepRecords) {
        QJsonArray flows;
        for (const MeteredFlow &f : exporter.records())
            flows.append(QJsonObject{
                {QStringLiteral("src"),
                 QString::fromStdString(dissect::addressText(f.src.data(), f.addrLen))},
                {QStringLiteral("dst"),
                 QString::fromStdString(dissect::addressText(f.dst.data(), f.addrLen))},
                {QStringLiteral("src_port"), f.srcPort},
                {QStringLiteral("dst_port"), f.dstPort},
                {QStringLiteral("proto"), f.proto},
                {QStringLiteral("packets"), count(f.packets)},
                {QStringLiteral("octets"), count(f.octets)},
                {QStringLiteral("start_ms"), milliseconds(f.firstNs)},
                {QStringLiteral("end_ms"), milliseconds(f.lastNs)},
                {QStringLiteral("tcp_flags"), f.tcpFlags},
                {QStringLiteral("end_reason"), static_cast<int>(f.reason)},
                {QStringLiteral("application"),
                 QString::fromUtf8(exporter.applicationName(f.app).data(),
                                   static_cast<qsizetype>(exporter.applicationName(f.app).size()))},
                {QStringLiteral("ingress"), count(f.ingress)}});
        o.insert(QStringLiteral("flows"), flows);
    }
    return o;
}

} // namespace netlens
