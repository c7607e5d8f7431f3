// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/statssnapshot.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace netlens {

struct Summary;

/// One row of the summary's top_talkers, conversations and flows: the web API lists the same
/// objects. `exact`: timestamps marked for exactJsonText() instead of doubles.
QJsonObject talkerJson(const StatsSnapshot &snapshot, const StatsSnapshot::Endpoint &talker);
QJsonObject conversationJson(const StatsSnapshot &snapshot,
                             const StatsSnapshot::Conversation &conversation, bool exact = false);
QJsonObject flowJson(const StatsSnapshot &snapshot, const StatsSnapshot::Flow &flow,
                     bool exact = false);

/// The summary as JSON: packets, bytes, start, end, transport, protocols, hierarchy, top_talkers,
/// conversations, flows, timeseries, files, warnings (see README for the schema).
/// Timestamps are doubles here (nearest to their decimals); the text form keeps them exact.
QJsonObject summaryToJson(const Summary &summary);
/// The indented JSON text, timestamps with their exact decimals.
QByteArray summaryToJsonText(const Summary &summary);
/// Writes it to `path` (indented). On failure returns false with a message naming the file.
bool writeSummaryJson(const QString &path, const Summary &summary, QString &error);

} // namespace netlens
