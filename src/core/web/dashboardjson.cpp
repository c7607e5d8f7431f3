// SPDX-License-Identifier: GPL-3.0-or-later
#include "web/dashboardjson.h"

#include "alerts/alertjson.h"
#include "export/exactjson.h"
#include "export/jsonexport.h"
#include "export/summary.h"
#include "web/dashboardfeed.h"

#include <QJsonArray>
#include <algorithm>
#include <map>

namespace netlens::dashboardjson {

namespace {
QJsonValue count(std::uint64_t n)
{
    return static_cast<qint64>(n);
}
QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue() : QJsonValue(s);
}
const char *stateName(WebStatus::State state)
{
    switch (state) {
    case WebStatus::State::Idle: return "idle";
    case WebStatus::State::Loading: return "loading";
    case WebStatus::State::Capturing: return "capturing";
    case WebStatus::State::Finished: return "finished";
    }
    return "idle";
}
StatsSnapshotPtr orEmpty(StatsSnapshotPtr s)
{
    return s ? s : std::make_shared<const StatsSnapshot>();
}
/// The first `n` rows of a snapshot table (rows are kept busiest first), each as the
/// summary writes it, so they can never differ from analyze --json's.
template <typename Row, typename Encode>
QJsonArray firstRows(const std::vector<Row> &rows, int n, Encode encode)
{
    QJsonArray out;
    const std::size_t end = std::min(rows.size(), static_cast<std::size_t>(std::max(n, 0)));
    for (std::size_t i = 0; i < end; ++i)
        out.append(encode(rows[i]));
    return out;
}
QJsonArray namedList(const std::vector<StatsSnapshot::Named> &list)
{
    // Merged by name as the summary's maps are (two labels can share a name).
    std::map<std::string, Counter> merged;
    for (const auto &n : list)
        merged[n.name].add(n.counter);
    std::vector<std::pair<std::string, Counter>> rows(merged.begin(), merged.end());
    std::stable_sort(rows.begin(), rows.end(), [](const auto &x, const auto &y) {
        return x.second.packets > y.second.packets;
    });
    QJsonArray out;
    for (const auto &[name, c] : rows)
        out.append(QJsonObject{{QStringLiteral("name"), withoutMark(QString::fromStdString(name))},
                               {QStringLiteral("packets"), count(c.packets)},
                               {QStringLiteral("bytes"), count(c.bytes)}});
    return out;
}
} // namespace

double seconds(std::int64_t ns)
{
    return QString::fromStdString(exactSeconds(ns)).toDouble();
}

QByteArray summaryText(const DashboardFeed &feed)
{
    return summaryToJsonText(Summary::fromSnapshot(orEmpty(feed.snapshot()), 10, feed.files()));
}

QJsonObject status(const DashboardFeed &feed)
{
    const WebStatus st = feed.status();
    const StatsSnapshotPtr snap = orEmpty(feed.snapshot());
    return QJsonObject{
        {QStringLiteral("state"), QLatin1String(stateName(st.state))},
        {QStringLiteral("session"), count(st.session)},
        {QStringLiteral("capturing"), st.state == WebStatus::State::Capturing},
        {QStringLiteral("interface"), orNull(st.interface)},
        {QStringLiteral("file"), orNull(st.file)},
        {QStringLiteral("files"), QJsonArray::fromStringList(st.files)},
        {QStringLiteral("packets"), count(snap->total.packets)},
        {QStringLiteral("bytes"), count(snap->total.bytes)},
        {QStringLiteral("packets_per_s"), st.packetsPerSec},
        {QStringLiteral("bits_per_s"), st.bitsPerSec},
        {QStringLiteral("dropped_kernel"), count(st.droppedKernel)},
        {QStringLiteral("dropped_interface"), count(st.droppedInterface)},
        {QStringLiteral("started_at"),
         st.startedAtMs > 0 ? QJsonValue(static_cast<double>(st.startedAtMs) / 1e3) : QJsonValue()},
        {QStringLiteral("snapshot"),
         QJsonObject{{QStringLiteral("sequence"), count(snap->sequence)},
                     {QStringLiteral("final"), snap->final},
                     {QStringLiteral("complete"), snap->complete}}},
        {QStringLiteral("version"), QStringLiteral(NETLENS_VERSION)}};
}

QJsonObject timeseries(const StatsSnapshot &snapshot, double since)
{
    const bool overall = snapshot.final;
    const StatsSnapshot::Series &s = overall ? snapshot.overall : snapshot.recent;
    QJsonArray points;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const double t = seconds(s.startNs(i));
        if (t < since)
            continue;
        points.append(QJsonObject{{QStringLiteral("t"), t},
                                  {QStringLiteral("packets"), count(s.total[i].packets)},
                                  {QStringLiteral("bytes"), count(s.total[i].bytes)}});
    }
    return QJsonObject{
        {QStringLiteral("series"), overall ? QStringLiteral("overall") : QStringLiteral("recent")},
        {QStringLiteral("interval_s"), static_cast<double>(s.intervalNs) / 1e9},
        {QStringLiteral("points"), points}};
}

QJsonObject talkers(const StatsSnapshot &snapshot, int n)
{
    const auto row = [&](const StatsSnapshot::Endpoint &t) { return talkerJson(snapshot, t); };
    return QJsonObject{{QStringLiteral("host_count"), count(snapshot.hostCount)},
                       {QStringLiteral("talkers"), firstRows(snapshot.endpoints, n, row)}};
}

QJsonObject conversations(const StatsSnapshot &snapshot, int n)
{
    const auto row = [&](const StatsSnapshot::Conversation &c) {
        return conversationJson(snapshot, c);
    };
    return QJsonObject{
        {QStringLiteral("conversation_count"), count(snapshot.conversationCount)},
        {QStringLiteral("conversations"), firstRows(snapshot.conversations, n, row)}};
}

QJsonObject flows(const StatsSnapshot &snapshot, int n)
{
    const auto row = [&](const StatsSnapshot::Flow &f) { return flowJson(snapshot, f); };
    return QJsonObject{{QStringLiteral("flow_count"), count(snapshot.flowCount)},
                       {QStringLiteral("flows"), firstRows(snapshot.flows, n, row)}};
}

QJsonObject protocols(const StatsSnapshot &snapshot)
{
    return QJsonObject{{QStringLiteral("packets"), count(snapshot.total.packets)},
                       {QStringLiteral("bytes"), count(snapshot.total.bytes)},
                       {QStringLiteral("protocols"), namedList(snapshot.protocols)},
                       {QStringLiteral("transports"), namedList(snapshot.transports)}};
}

QJsonObject alerts(const DashboardFeed &feed, quint64 since)
{
    quint64 next = since;
    QJsonArray list;
    for (const auto &e : feed.alertsSince(since, kMaxAlertsPerReply, next)) {
        QJsonObject o = alertToJson(e.alert);
        o.insert(QStringLiteral("id"), static_cast<qint64>(e.change));
        list.append(o);
    }
    return QJsonObject{{QStringLiteral("next"), static_cast<qint64>(next)},
                       {QStringLiteral("alerts"), list}};
}

} // namespace netlens::dashboardjson
