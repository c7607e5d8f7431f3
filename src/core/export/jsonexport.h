// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <QJsonObject>
#include <QString>

namespace netlens {

struct Summary;

/// The summary as JSON: packets, bytes, start, end, transport, protocols, hierarchy, top_talkers,
/// conversations, flows, timeseries, files, warnings (see README for the schema).
/// Timestamps are doubles here (nearest to their decimals); the text form keeps them exact.
QJsonObject summaryToJson(const Summary &summary);
/// The indented JSON text, timestamps with their exact decimals.
QByteArray summaryToJsonText(const Summary &summary);
/// Writes it to `path` (indented). On failure returns false with a message naming the file.
bool writeSummaryJson(const QString &path, const Summary &summary, QString &error);

} // namespace netlens
