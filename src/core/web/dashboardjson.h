// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/statssnapshot.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <limits>
#include <string>

namespace netlens {

class DashboardFeed;

/**
 * The JSON of each /api/v1 endpoint, built from the feed alone: the server answers with it
 * and the report inlines it, so the page reads the same thing either way. The shapes are in
 * the README ("Web dashboard and its API"). Keys are snake_case, as in analyze --json.
 */
namespace dashboardjson {

constexpr double kAll = -std::numeric_limits<double>::infinity(); ///< since: every point

/// analyze --json's text for the feed's snapshot and files (top 10, exact timestamps).
QByteArray summaryText(const DashboardFeed &feed);
QJsonObject status(const DashboardFeed &feed);
/// Points starting at or after `since` (seconds since the epoch) of the live series (1 s
/// points) while the capture runs, of the whole capture once it has finished.
QJsonObject timeseries(const StatsSnapshot &snapshot, double since);
QJsonObject talkers(const StatsSnapshot &snapshot, int n);
QJsonObject conversations(const StatsSnapshot &snapshot, int n);
/// {"flow_count", "flows": summary's flow objects (with server_name once the snapshot has it)}.
QJsonObject flows(const StatsSnapshot &snapshot, int n);
QJsonObject protocols(const StatsSnapshot &snapshot);
/// At most kMaxAlertsPerReply alerts changed after `since`. The alert objects hold their exact
/// times as marked strings (alerts/alertjson.h): write the result with jsonText().
QJsonObject alerts(const DashboardFeed &feed, quint64 since);
constexpr std::size_t kMaxAlertsPerReply = 500;
/// The snapshot's seconds as the summary writes them (the double nearest the exact decimals).
double seconds(std::int64_t ns);

} // namespace dashboardjson

} // namespace netlens
