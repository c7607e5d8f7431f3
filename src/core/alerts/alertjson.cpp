// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/alertjson.h"

#include "export/exactjson.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace netlens {

namespace {
// Start and end keep their exact decimals (export/exactjson.h); text fields lose the mark
// that says so.
QJsonArray itemsToJson(const std::vector<EvidenceItem> &items)
{
    QJsonArray array;
    for (const EvidenceItem &item : items)
        array.append(QJsonObject{{QStringLiteral("name"), withoutMark(item.name)},
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

QJsonObject alertToJson(const Alert &a)
{
    const Evidence &e = a.evidence;
    const QJsonObject evidence{{QStringLiteral("value"), e.value},
                               {QStringLiteral("threshold"), e.threshold},
                               {QStringLiteral("unit"), e.unit},
                               {QStringLiteral("peak"), e.peakValue},
                               {QStringLiteral("packets"), qint64(e.packets)},
                               {QStringLiteral("bytes"), qint64(e.bytes)},
                               {QStringLiteral("top_sources"), itemsToJson(e.topSources)},
                               {QStringLiteral("top_destinations"), itemsToJson(e.topDestinations)},
                               {QStringLiteral("top_ports"), itemsToJson(e.topPorts)}};
    QJsonObject o{{QStringLiteral("type"), alertKindName(a.kind)},
                  {QStringLiteral("severity"), severityName(a.severity)},
                  {QStringLiteral("state"),
                   a.isEngaged() ? QStringLiteral("engaged") : QStringLiteral("released")},
                  {QStringLiteral("key"), withoutMark(a.key)},
                  {QStringLiteral("start"), exactSecondsJson(a.startNs)},
                  {QStringLiteral("end"), a.isEngaged() ? QJsonValue() : exactSecondsJson(a.endNs)},
                  {QStringLiteral("start_ns"), qint64(a.startNs)},
                  {QStringLiteral("end_ns"), qint64(a.endNs)},
                  {QStringLiteral("last_ns"), qint64(a.lastNs)},
                  {QStringLiteral("summary"), withoutMark(a.summary)},
                  {QStringLiteral("rule"), withoutMark(a.ruleId)},
                  {QStringLiteral("rule_name"), withoutMark(a.ruleName)},
                  {QStringLiteral("uid"), a.uid},
                  {QStringLiteral("display_filter"), withoutMark(a.displayFilter)},
                  {QStringLiteral("evidence"), evidence}};
    if (a.snippetPath.isEmpty())
        o.insert(QStringLiteral("snippet"), QJsonValue());
    else
        o.insert(QStringLiteral("snippet"),
                 QJsonObject{{QStringLiteral("path"), withoutMark(a.snippetPath)},
                             {QStringLiteral("bytes"), qint64(a.snippetBytes)},
                             {QStringLiteral("packets"), qint64(a.snippetPackets)}});
    return o;
}

QByteArray jsonText(const QJsonObject &object)
{
    return exactJsonText(QJsonDocument(object), QJsonDocument::Compact);
}

QByteArray alertToJsonLine(const Alert &alert)
{
    return jsonText(alertToJson(alert));
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
    a.ruleName = o.value(QLatin1String("rule_name")).toString();
    a.state = o.value(QLatin1String("state")).toString() == QLatin1String("released")
                  ? Alert::State::Released
                  : Alert::State::Engaged;
    a.key = o.value(QLatin1String("key")).toString();
    a.startNs = o.value(QLatin1String("start_ns")).toInteger();
    a.endNs = o.value(QLatin1String("end_ns")).toInteger();
    a.lastNs = o.value(QLatin1String("last_ns")).toInteger();
    a.summary = o.value(QLatin1String("summary")).toString();
    a.displayFilter = o.value(QLatin1String("display_filter")).toString();
    const QJsonObject snippet = o.value(QLatin1String("snippet")).toObject();
    a.snippetPath = snippet.value(QLatin1String("path")).toString();
    a.snippetBytes = std::uint64_t(snippet.value(QLatin1String("bytes")).toInteger());
    a.snippetPackets = std::uint32_t(snippet.value(QLatin1String("packets")).toInteger());
    const QJsonObject e = o.value(QLatin1String("evidence")).toObject();
    a.evidence.value = e.value(QLatin1String("value")).toDouble();
    a.evidence.threshold = e.value(QLatin1String("threshold")).toDouble();
    a.evidence.unit = e.value(QLatin1String("unit")).toString();
    a.evidence.peakValue = e.value(QLatin1String("peak")).toDouble();
    a.evidence.packets = std::uint64_t(e.value(QLatin1String("packets")).toInteger());
    a.evidence.bytes = std::uint64_t(e.value(QLatin1String("bytes")).toInteger());
    a.evidence.topSources = itemsFromJson(e.value(QLatin1String("top_sources")));
    a.evidence.topDestinations = itemsFromJson(e.value(QLatin1String("top_destinations")));
    a.evidence.topPorts = itemsFromJson(e.value(QLatin1String("top_ports")));
    alert = std::move(a);
    return true;
}

} // namespace netlens
