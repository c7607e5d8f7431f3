#include "export/jsonexport.h"

#include "export/summary.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace netlens {

namespace {
QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}
double seconds(std::int64_t ns)
{
    return static_cast<double>(ns) / 1e9;
}
QJsonObject counterJson(const Counter &c)
{
    return {{QStringLiteral("packets"), static_cast<qint64>(c.packets)},
            {QStringLiteral("bytes"), static_cast<qint64>(c.bytes)}};
}
QJsonObject namedMap(const std::vector<Summary::Named> &list)
{
    QJsonObject o;
    for (const auto &n : list)
        o.insert(qs(n.name), counterJson(n.counter));
    return o;
}
} // namespace

QJsonObject summaryToJson(const Summary &s)
{
    QJsonObject o;
    o.insert(QStringLiteral("packets"), static_cast<qint64>(s.total.packets));
    o.insert(QStringLiteral("bytes"), static_cast<qint64>(s.total.bytes));
    o.insert(QStringLiteral("start"), s.total.packets ? QJsonValue(seconds(s.startNs)) : QJsonValue());
    o.insert(QStringLiteral("end"), s.total.packets ? QJsonValue(seconds(s.endNs)) : QJsonValue());
    o.insert(QStringLiteral("transport"), namedMap(s.transports));
    o.insert(QStringLiteral("protocols"), namedMap(s.protocols));
    QJsonObject links;
    for (const auto &n : s.linkTypes)
        links.insert(qs(n.name), static_cast<qint64>(n.counter.packets));
    o.insert(QStringLiteral("link_types"), links);

    QJsonArray talkers;
    for (const auto &t : s.topTalkers)
        talkers.append(QJsonObject{
            {QStringLiteral("address"), qs(t.address)},
            {QStringLiteral("packets"), static_cast<qint64>(t.stats.packets())},
            {QStringLiteral("bytes"), static_cast<qint64>(t.stats.bytes())},
            {QStringLiteral("sent_packets"), static_cast<qint64>(t.stats.packetsSent)},
            {QStringLiteral("received_packets"), static_cast<qint64>(t.stats.packetsReceived)},
            {QStringLiteral("sent_bytes"), static_cast<qint64>(t.stats.bytesSent)},
            {QStringLiteral("received_bytes"), static_cast<qint64>(t.stats.bytesReceived)}});
    o.insert(QStringLiteral("top_talkers"), talkers);
    o.insert(QStringLiteral("host_count"), static_cast<qint64>(s.hostCount));

    QJsonArray convs;
    for (const auto &c : s.conversations)
        convs.append(QJsonObject{
            {QStringLiteral("a"), qs(c.a)},
            {QStringLiteral("b"), qs(c.b)},
            {QStringLiteral("packets"), static_cast<qint64>(c.conversation.packets())},
            {QStringLiteral("bytes"), static_cast<qint64>(c.conversation.bytes())},
            {QStringLiteral("packets_a_to_b"), static_cast<qint64>(c.conversation.packetsAB)},
            {QStringLiteral("packets_b_to_a"), static_cast<qint64>(c.conversation.packetsBA)},
            {QStringLiteral("bytes_a_to_b"), static_cast<qint64>(c.conversation.bytesAB)},
            {QStringLiteral("bytes_b_to_a"), static_cast<qint64>(c.conversation.bytesBA)},
            {QStringLiteral("first"), seconds(c.conversation.firstNs)},
            {QStringLiteral("last"), seconds(c.conversation.lastNs)}});
    o.insert(QStringLiteral("conversations"), convs);
    o.insert(QStringLiteral("conversation_count"), static_cast<qint64>(s.conversationCount));

    QJsonArray flows;
    for (const auto &f : s.flows)
        flows.append(QJsonObject{{QStringLiteral("a"), qs(f.a)},
                                 {QStringLiteral("b"), qs(f.b)},
                                 {QStringLiteral("port_a"), f.portA},
                                 {QStringLiteral("port_b"), f.portB},
                                 {QStringLiteral("transport"), qs(f.transport)},
                                 {QStringLiteral("protocol"), qs(f.protocol)},
                                 {QStringLiteral("packets"), static_cast<qint64>(f.packets)},
                                 {QStringLiteral("bytes"), static_cast<qint64>(f.bytes)},
                                 {QStringLiteral("first"), seconds(f.firstNs)},
                                 {QStringLiteral("last"), seconds(f.lastNs)}});
    o.insert(QStringLiteral("flows"), flows);
    o.insert(QStringLiteral("flow_count"), static_cast<qint64>(s.flowCount));

    QJsonArray points;
    for (const auto &p : s.series)
        points.append(QJsonObject{{QStringLiteral("t"), seconds(p.startNs)},
                                  {QStringLiteral("packets"), static_cast<qint64>(p.packets)},
                                  {QStringLiteral("bytes"), static_cast<qint64>(p.bytes)}});
    o.insert(QStringLiteral("timeseries"),
             QJsonObject{{QStringLiteral("interval_s"), seconds(s.intervalNs)},
                         {QStringLiteral("points"), points}});

    QJsonArray files;
    for (const auto &f : s.files) {
        const char *status = f.outcome == FileResult::Outcome::Ok         ? "ok"
                             : f.outcome == FileResult::Outcome::CutShort ? "cut_short"
                                                                          : "failed";
        QJsonObject fo{{QStringLiteral("path"), qs(f.path)},
                       {QStringLiteral("format"), qs(f.format)},
                       {QStringLiteral("packets"), static_cast<qint64>(f.packets)},
                       {QStringLiteral("status"), QLatin1String(status)}};
        if (!f.message.empty())
            fo.insert(QStringLiteral("message"), qs(f.message));
        files.append(fo);
    }
    o.insert(QStringLiteral("files"), files);
    o.insert(QStringLiteral("truncated_packets"), static_cast<qint64>(s.truncated));
    o.insert(QStringLiteral("malformed_packets"), static_cast<qint64>(s.malformed));
    QJsonArray warnings;
    for (const auto &w : s.warnings)
        warnings.append(qs(w));
    o.insert(QStringLiteral("warnings"), warnings);
    return o;
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
    file.write(QJsonDocument(summaryToJson(summary)).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        error = path + QStringLiteral(": writing the JSON file failed: ") + file.errorString();
        return false;
    }
    return true;
}

} // namespace netlens
