#pragma once

#include <QJsonObject>
#include <QString>

namespace netlens {

struct Summary;

/// The summary as JSON: packets, bytes, start, end, transport, protocols, top_talkers,
/// conversations, flows, timeseries, files, warnings (see README for the schema).
QJsonObject summaryToJson(const Summary &summary);
/// Writes it to `path` (indented). On failure returns false with a message naming the file.
bool writeSummaryJson(const QString &path, const Summary &summary, QString &error);

} // namespace netlens
