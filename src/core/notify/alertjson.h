// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alert.h"

#include <QJsonObject>

namespace netlens {

/**
 * The one JSON shape of an Alert: the generic webhook body, the outbox payload and the
 * history's stored copy. Times are given twice: ISO 8601 UTC text for people ("start") and
 * exact integer nanoseconds ("startNs") so a stored alert reads back unchanged.
 */
QJsonObject alertToJson(const Alert &alert);
/// False with a message naming the missing or bad field.
bool alertFromJson(const QJsonObject &object, Alert &alert, QString &error);
/// "2026-12-01T23:12:28.123Z"; empty for 0.
QString captureTimeText(std::int64_t ns);

} // namespace netlens
