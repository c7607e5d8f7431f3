// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alert.h"

#include <QByteArray>
#include <QJsonObject>

namespace netlens {

/**
 * The one JSON shape of an Alert: `netlens-cli alert --json` lines, the generic webhook
 * body, the outbox payload and the history's stored copy. Keys: type, severity, state, key,
 * start, end (seconds since the epoch with their exact decimals, as the summary JSON writes
 * them; end null while engaged), start_ns, end_ns, last_ns (integers), summary, rule,
 * rule_name, uid, display_filter, evidence {value, threshold, unit, peak, packets, bytes,
 * top_sources, top_destinations, top_ports: [{name, packets, bytes}]} and snippet {path,
 * bytes, packets} (null when none).
 *
 * A double cannot hold nanoseconds since 1970, so start and end are marked strings in the
 * object: write it with jsonText(), which turns them into plain numbers in the text.
 */
QJsonObject alertToJson(const Alert &alert);
/// Compact JSON text of `object` (an alert, or anything holding alerts) with exact times.
QByteArray jsonText(const QJsonObject &object);
/// One alert as one line of compact JSON.
QByteArray alertToJsonLine(const Alert &alert);
/// Reads alertToJson's shape back (times from the *_ns keys). False with a message naming
/// the missing or bad field.
bool alertFromJson(const QJsonObject &object, Alert &alert, QString &error);
/// "2026-12-01T23:12:28.123Z" (UTC, for people); empty for 0.
QString captureTimeText(std::int64_t ns);

} // namespace netlens
