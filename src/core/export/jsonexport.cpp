// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/jsonexport.h"

#include "export/exactjson.h"
#include "export/summary.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <map>

namespace netlens {

namespace {
// Where the IPFIX records' text goes in the file (a string no field can hold).
constexpr char kFlowsMark[] = "\x01ipfix-flows\x01";
constexpr char kFlowsMarkQuoted[] = "\"\\u0001ipfix-flows\\u0001\"";
// Timestamps keep their exact decimals in the file (export/exactjson.h); text fields are
// cleaned of the mark that says so (qs()).
QString qs(const std::string &s)
{
    return withoutMark(QString::fromStdString(s));
}
/// Marked exact text for the file writer, a double for in-process readers.
QJsonValue secondsValue(std::int64_t ns, bool exact)
{
    if (exact)
        return exactSecondsJson(ns);
    return QString::fromStdString(exactSeconds(ns)).toDouble();
}
QJsonValue intervalSeconds(std::int64_t ns)
{
    return static_cast<double>(ns) / 1e9;
}
QJsonValue count(std::uint64_t n)
{
    return static_cast<qint64>(n);
}
QJsonObject counterJson(const Counter &c)
{
    return {{QStringLiteral("packets"), count(c.packets)},
            {QStringLiteral("bytes"), count(c.bytes)}};
}
QJsonObject namedMap(const std::vector<StatsSnapshot::Named> &list)
{
    // Two labels can share a name: nDPI calls its ICMP, GRE, SCTP and IGMP applications as
    // the transports are called, and packets of a flow nDPI never saw (a non-first fragment)
    // stay under the transport's label. One key each, so their counts add up instead of the
    // second overwriting the first.
    std::map<QString, Counter> merged;
    for (const auto &n : list)
        merged[qs(n.name)].add(n.counter);
    QJsonObject o;
    for (const auto &[name, counter] : merged)
        o.insert(name, counterJson(counter));
    return o;
}
QJsonObject nodeJson(const StatsSnapshot::Node &n)
{
    QJsonObject o{{QStringLiteral("name"), qs(n.name)},
                  {QStringLiteral("packets"), count(n.counter.packets)},
                  {QStringLiteral("bytes"), count(n.counter.bytes)}};
    if (!n.children.empty()) {
        QJsonArray children;
        for (const auto &c : n.children)
            children.append(nodeJson(c));
        o.insert(QStringLiteral("children"), children);
    }
    return o;
}
} // namespace

QJsonObject talkerJson(const StatsSnapshot &s, const StatsSnapshot::Endpoint &t)
{
    return {{QStringLiteral("address"), qs(s.address(t.address))},
            {QStringLiteral("packets"), count(t.traffic.packets())},
            {QStringLiteral("bytes"), count(t.traffic.bytes())},
            {QStringLiteral("sent_packets"), count(t.traffic.packetsAB)},
            {QStringLiteral("received_packets"), count(t.traffic.packetsBA)},
            {QStringLiteral("sent_bytes"), count(t.traffic.bytesAB)},
            {QStringLiteral("received_bytes"), count(t.traffic.bytesBA)}};
}

QJsonObject conversationJson(const StatsSnapshot &s, const StatsSnapshot::Conversation &c,
                             bool exact)
{
    return {{QStringLiteral("a"), qs(s.address(c.a))},
            {QStringLiteral("b"), qs(s.address(c.b))},
            {QStringLiteral("packets"), count(c.traffic.packets())},
            {QStringLiteral("bytes"), count(c.traffic.bytes())},
            {QStringLiteral("packets_a_to_b"), count(c.traffic.packetsAB)},
            {QStringLiteral("packets_b_to_a"), count(c.traffic.packetsBA)},
            {QStringLiteral("bytes_a_to_b"), count(c.traffic.bytesAB)},
            {QStringLiteral("bytes_b_to_a"), count(c.traffic.bytesBA)},
            {QStringLiteral("first"), secondsValue(c.traffic.firstNs, exact)},
            {QStringLiteral("last"), secondsValue(c.traffic.lastNs, exact)}};
}

QJsonObject flowJson(const StatsSnapshot &s, const StatsSnapshot::Flow &f, bool exact)
{
    return {{QStringLiteral("a"), qs(s.address(f.a))},
            {QStringLiteral("b"), qs(s.address(f.b))},
            {QStringLiteral("port_a"), f.portA},
            {QStringLiteral("port_b"), f.portB},
            {QStringLiteral("transport"), QString::fromLatin1(transportName(f.transport))},
            {QStringLiteral("protocol"), qs(s.protocolNames[f.label])},
            {QStringLiteral("server_name"), qs(s.serverName(f))},
            {QStringLiteral("packets"), count(f.traffic.packets())},
            {QStringLiteral("bytes"), count(f.traffic.bytes())},
            {QStringLiteral("first"), secondsValue(f.traffic.firstNs, exact)},
            {QStringLiteral("last"), secondsValue(f.traffic.lastNs, exact)}};
}

namespace {
QJsonObject toJson(const Summary &summary, bool exact)
{
    const auto seconds = [exact](std::int64_t ns) { return secondsValue(ns, exact); };
    const StatsSnapshot &s = *summary.stats;
    QJsonObject o;
    o.insert(QStringLiteral("packets"), count(s.total.packets));
    o.insert(QStringLiteral("bytes"), count(s.total.bytes));
    o.insert(QStringLiteral("start"), s.total.packets ? seconds(s.firstNs) : QJsonValue());
    o.insert(QStringLiteral("end"), s.total.packets ? seconds(s.lastNs) : QJsonValue());
    o.insert(QStringLiteral("transport"), namedMap(s.transports));
    o.insert(QStringLiteral("protocols"), namedMap(s.protocols));
    QJsonObject links;
    for (const auto &n : s.linkTypes)
        links.insert(qs(n.name), count(n.counter.packets));
    o.insert(QStringLiteral("link_types"), links);
    o.insert(QStringLiteral("hierarchy"), nodeJson(s.hierarchy));

    QJsonArray talkers;
    for (const auto &t : summary.topTalkers())
        talkers.append(talkerJson(s, t));
    o.insert(QStringLiteral("top_talkers"), talkers);
    o.insert(QStringLiteral("host_count"), count(s.hostCount));

    QJsonArray convs;
    for (const auto &c : summary.topConversations())
        convs.append(conversationJson(s, c, exact));
    o.insert(QStringLiteral("conversations"), convs);
    o.insert(QStringLiteral("conversation_count"), count(s.conversationCount));

    QJsonArray flows;
    for (const auto &f : summary.topFlows())
        flows.append(flowJson(s, f, exact));
    o.insert(QStringLiteral("flows"), flows);
    o.insert(QStringLiteral("flow_count"), count(s.flowCount));
    // What memory held (MemoryLimits): flows held now and folded after going idle, and what
    // did not fit under the caps (about how many, and their exact traffic).
    o.insert(QStringLiteral("held"),
             QJsonObject{{QStringLiteral("flows"), count(s.flowsHeld)},
                         {QStringLiteral("flows_folded"), count(s.flowsFolded)},
                         {QStringLiteral("hosts"), count(s.hostCount)},
                         {QStringLiteral("conversations"), count(s.conversationCount)}});
    const auto other = [](const StatsSnapshot::Other &b) {
        return QJsonObject{{QStringLiteral("count"), count(b.entries)},
                           {QStringLiteral("packets"), count(b.traffic.packets)},
                           {QStringLiteral("bytes"), count(b.traffic.bytes)}};
    };
    o.insert(QStringLiteral("other"),
             QJsonObject{{QStringLiteral("flows"), other(s.otherFlows)},
                         {QStringLiteral("hosts"), other(s.otherHosts)},
                         {QStringLiteral("conversations"), other(s.otherConversations)}});

    // Only buckets with traffic: a capture spanning years is mostly empty time.
    QJsonArray points;
    for (std::size_t i = 0; i < s.overall.size(); ++i)
        if (s.overall.total[i].packets)
            points.append(
                QJsonObject{{QStringLiteral("t"), seconds(s.overall.startNs(i))},
                            {QStringLiteral("packets"), count(s.overall.total[i].packets)},
                            {QStringLiteral("bytes"), count(s.overall.total[i].bytes)}});
    o.insert(QStringLiteral("timeseries"),
             QJsonObject{{QStringLiteral("interval_s"), intervalSeconds(s.overall.intervalNs)},
                         {QStringLiteral("points"), points}});

    QJsonArray files;
    for (const auto &f : summary.files) {
        const char *status = f.outcome == FileResult::Outcome::Ok         ? "ok"
                             : f.outcome == FileResult::Outcome::CutShort ? "cut_short"
                                                                          : "failed";
        QJsonObject fo{{QStringLiteral("path"), qs(f.path)},
                       {QStringLiteral("format"), qs(f.format)},
                       {QStringLiteral("packets"), count(f.packets)},
                       {QStringLiteral("status"), QLatin1String(status)}};
        if (!f.message.empty())
            fo.insert(QStringLiteral("message"), qs(f.message));
        files.append(fo);
    }
    o.insert(QStringLiteral("files"), files);
    o.insert(QStringLiteral("truncated_packets"), count(s.truncatedPackets));
    o.insert(QStringLiteral("malformed_packets"), count(s.malformedPackets));
    QJsonArray warnings;
    for (const auto &w : summary.warnings)
        warnings.append(qs(w));
    o.insert(QStringLiteral("warnings"), warnings);
    if (!summary.ipfix.isEmpty()) {
        QJsonObject ipfix = summary.ipfix;
        if (exact && !summary.ipfixFlows.empty())
            ipfix.insert(QStringLiteral("flows"), QLatin1String(kFlowsMark));
        o.insert(QStringLiteral("ipfix"), ipfix);
    }
    return o;
}
} // namespace

QJsonObject summaryToJson(const Summary &summary)
{
    return toJson(summary, false);
}

QByteArray summaryToJsonText(const Summary &summary)
{
    QByteArray text = exactJsonText(QJsonDocument(toJson(summary, true)), QJsonDocument::Indented);
    if (!summary.ipfixFlows.empty())
        text.replace(QByteArray(kFlowsMarkQuoted),
                     QByteArray::fromRawData(summary.ipfixFlows.data(),
                                             static_cast<qsizetype>(summary.ipfixFlows.size())));
    return text;
}

bool writeSummaryJson(const QString &path, const Summary &summary, QString &error)
{
    const QFileInfo info(path);
    QDir().mkpath(info.absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        error = path + QStringLiteral(": cannot write the JSON file: ") + file.errorString();
        return false;
    }
    // The records' text is written where its mark stands, not spliced into a copy of the
    // rest (a flood's million records are some 250 MB).
    const QByteArray text =
        exactJsonText(QJsonDocument(toJson(summary, true)), QJsonDocument::Indented);
    const QByteArray mark(kFlowsMarkQuoted);
    const qsizetype at = summary.ipfixFlows.empty() ? -1 : text.indexOf(mark);
    if (at < 0) {
        file.write(text);
    } else {
        file.write(text.constData(), at);
        file.write(summary.ipfixFlows.data(), static_cast<qint64>(summary.ipfixFlows.size()));
        file.write(text.constData() + at + mark.size(), text.size() - at - mark.size());
    }
    if (!file.commit()) {
        error = path + QStringLiteral(": writing the JSON file failed: ") + file.errorString();
        return false;
    }
    return true;
}

} // namespace netlens
