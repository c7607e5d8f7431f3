// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/alertjson.h"

#include "export/summary.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace netlens {

namespace {
// Exact decimals do not fit a double: written as marked strings, unmarked in the text.
constexpr char16_t kMark = u'\u0001';

QJsonValue seconds(std::int64_t ns)
{
    return QString(QChar(kMark) + QString::fromStdString(exactSeconds(ns)));
}
QJsonArray itemsJson(const std::vector<EvidenceItem> &items)
{
    QJsonArray a;
    for (const EvidenceItem &i : items)
        a.append(QJsonObject{{QStringLiteral("name"), i.name},
                             {QStringLiteral("packets"), static_cast<qint64>(i.packets)},
                             {QStringLiteral("bytes"), static_cast<qint64>(i.bytes)}});
    return a;
}
QString clean(QString s)
{
    return s.replace(QChar(kMark), QChar(u'\uFFFD'));
}
} // namespace

QByteArray alertToJsonLine(const Alert &a)
{
    const Evidence &e = a.evidence;
    QJsonObject evidence{{QStringLiteral("value"), e.value},
                         {QStringLiteral("threshold"), e.threshold},
                         {QStringLiteral("unit"), e.unit},
                         {QStringLiteral("peak"), e.peakValue},
                         {QStringLiteral("packets"), static_cast<qint64>(e.packets)},
                         {QStringLiteral("bytes"), static_cast<qint64>(e.bytes)},
                         {QStringLiteral("top_sources"), itemsJson(e.topSources)},
                         {QStringLiteral("top_destinations"), itemsJson(e.topDestinations)},
                         {QStringLiteral("top_ports"), itemsJson(e.topPorts)}};
    QJsonObject o{{QStringLiteral("type"), alertKindName(a.kind)},
                  {QStringLiteral("severity"), severityName(a.severity)},
                  {QStringLiteral("key"), clean(a.key)},
                  {QStringLiteral("start"), seconds(a.startNs)},
                  {QStringLiteral("end"), a.isEngaged() ? QJsonValue() : seconds(a.endNs)},
                  {QStringLiteral("state"),
                   a.isEngaged() ? QStringLiteral("engaged") : QStringLiteral("released")},
                  {QStringLiteral("summary"), clean(a.summary)},
                  {QStringLiteral("rule"), clean(a.ruleId)},
                  {QStringLiteral("rule_name"), clean(a.ruleName)},
                  {QStringLiteral("uid"), a.uid},
                  {QStringLiteral("display_filter"), clean(a.displayFilter)},
                  {QStringLiteral("evidence"), evidence}};
    if (a.snippetPath.isEmpty())
        o.insert(QStringLiteral("snippet"), QJsonValue());
    else
        o.insert(QStringLiteral("snippet"),
                 QJsonObject{{QStringLiteral("path"), clean(a.snippetPath)},
                             {QStringLiteral("bytes"), static_cast<qint64>(a.snippetBytes)},
                             {QStringLiteral("packets"), static_cast<qint64>(a.snippetPackets)}});
    QByteArray text = QJsonDocument(o).toJson(QJsonDocument::Compact);
    static const QRegularExpression marked(QStringLiteral("\"\\\\u0001(-?[0-9.]+)\""));
    return QString::fromUtf8(text).replace(marked, QStringLiteral("\\1")).toUtf8();
}

} // namespace netlens
