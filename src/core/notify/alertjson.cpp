// SPDX-License-Identifier: GPL-3.0-or-later
#include "notify/alertjson.h"

#include <QDateTime>
#include <QJsonArray>

namespace netlens {

namespace {

QJsonArray itemsToJson(const std::vector<EvidenceItem> &items)
{
    QJsonArray array;
    for (const EvidenceItem &item : items)
        array.append(QJsonObject{{QStringLiteral("name"), item.name},
                                 {QStringLiteral("packets"), qint64(item.packets)},
                                 {QStringLiteral("bytes"), qint64(item.bytes)}});
    return array;
}

std::vector<EvidenceItem> itemsFromJson(const QJsonValue &value)
{
    std::vector<EvidenceItem> items;
    for (const QJsonValue &v : value.toArray()) {
        const QJsonObject o = v.toObject();
        items.push_back({o.value(QLatin1String("name")).toString(),
                         std::uint64_t(o.value(QLatin1String("packets")).toInteger()),
                         std::uint64_t(o.value(QLatin1String("bytes")).toInteger())});
    }
    return items;
}

} // namespace

QString captureTimeText(std::int64_t ns)
{
    if (ns == 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(ns / 1000000, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonObject alertToJson(const Alert &alert)
{
    const Evidence &e = alert.evidence;
    const QJsonObject evidence{
        {QStringLiteral("value"), e.value},
        {QStringLiteral("threshold"), e.threshold},
        {QStringLiteral("unit"), e.unit},
        {QStringLiteral("peakValue"), e.peakValue},
        {QStringLiteral("packets"), qint64(e.packets)},
        {QStringLiteral("bytes"), qint64(e.bytes)},
        {QStringLiteral("topSources"), itemsToJson(e.topSources)},
        {QStringLiteral("topDestinations"), itemsToJson(e.topDestinations)},
        {QStringLiteral("topPorts"), itemsToJson(e.topPorts)},
    };
    return QJsonObject{
        {QStringLiteral("uid"), alert.uid},
        {QStringLiteral("rule"), alert.ruleId},
        {QStringLiteral("ruleName"), alert.ruleName},
        {QStringLiteral("type"), alertKindName(alert.kind)},
        {QStringLiteral("severity"), severityName(alert.severity)},
        {QStringLiteral("state"),
         alert.isEngaged() ? QStringLiteral("engaged") : QStringLiteral("released")},
        {QStringLiteral("key"), alert.key},
        {QStringLiteral("start"), captureTimeText(alert.startNs)},
        {QStringLiteral("end"),
         alert.endNs ? QJsonValue(captureTimeText(alert.endNs)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("startNs"), qint64(alert.startNs)},
        {QStringLiteral("endNs"), qint64(alert.endNs)},
        {QStringLiteral("lastNs"), qint64(alert.lastNs)},
        {QStringLiteral("summary"), alert.summary},
        {QStringLiteral("evidence"), evidence},
        {QStringLiteral("displayFilter"), alert.displayFilter},
        {QStringLiteral("snippet"), alert.snippetPath},
        {QStringLiteral("snippetBytes"), qint64(alert.snippetBytes)},
        {QStringLiteral("snippetPackets"), qint64(alert.snippetPackets)},
    };
}

bool alertFromJson(const QJsonObject &o, Alert &alert, QString &error)
{
    Alert a;
    a.uid = o.value(QLatin1String("uid")).toString();
    if (a.uid.isEmpty()) {
        error = QStringLiteral("alert JSON: missing \"uid\"");
        return false;
    }
    if (!parseAlertKind(o.value(QLatin1String("type")).toString(), a.kind)) {
        error = QStringLiteral("alert JSON %1: bad \"type\"").arg(a.uid);
        return false;
    }
    if (!parseSeverity(o.value(QLatin1String("severity")).toString(), a.severity)) {
        error = QStringLiteral("alert JSON %1: bad \"severity\"").arg(a.uid);
        return false;
    }
    a.ruleId = o.value(QLatin1String("rule")).toString();
    a.ruleName = o.value(QLatin1String("ruleName")).toString();
    a.state = o.value(QLatin1String("state")).toString() == QLatin1String("released")
                  ? Alert::State::Released
                  : Alert::State::Engaged;
    a.key = o.value(QLatin1String("key")).toString();
    a.startNs = o.value(QLatin1String("startNs")).toInteger();
    a.endNs = o.value(QLatin1String("endNs")).toInteger();
    a.lastNs = o.value(QLatin1String("lastNs")).toInteger();
    a.summary = o.value(QLatin1String("summary")).toString();
    a.displayFilter = o.value(QLatin1String("displayFilter")).toString();
    a.snippetPath = o.value(QLatin1String("snippet")).toString();
    a.snippetBytes = std::uint64_t(o.value(QLatin1String("snippetBytes")).toInteger());
    a.snippetPackets = std::uint32_t(o.value(QLatin1String("snippetPackets")).toInteger());
    const QJsonObject e = o.value(QLatin1String("evidence")).toObject();
    a.evidence.value = e.value(QLatin1String("value")).toDouble();
    a.evidence.threshold = e.value(QLatin1String("threshold")).toDouble();
    a.evidence.unit = e.value(QLatin1String("unit")).toString();
    a.evidence.peakValue = e.value(QLatin1String("peakValue")).toDouble();
    a.evidence.packets = std::uint64_t(e.value(QLatin1String("packets")).toInteger());
    a.evidence.bytes = std::uint64_t(e.value(QLatin1String("bytes")).toInteger());
    a.evidence.topSources = itemsFromJson(e.value(QLatin1String("topSources")));
    a.evidence.topDestinations = itemsFromJson(e.value(QLatin1String("topDestinations")));
    a.evidence.topPorts = itemsFromJson(e.value(QLatin1String("topPorts")));
    alert = std::move(a);
    return true;
}

} // namespace netlens
