// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "web/webreply.h"

namespace netlens {

class DashboardFeed;

/**
 * The /api/v1 endpoints: parameters checked (a 400 names the one at fault), bodies rendered
 * by dashboardjson from the feed and cached in it per snapshot, so a hundred pollers of one
 * snapshot cost one rendering. Pure: a request in, a reply out.
 */
namespace webapi {

/// False when `path` is no API path (the caller answers 404). `query` holds no token.
bool handle(const DashboardFeed &feed, const QByteArray &path,
            const QList<QPair<QString, QString>> &query, WebReply &reply);
/// The /api/v1/dashboard reply (what the page draws: status, protocols, talkers `n`,
/// conversations and flows 10, timeseries, alerts), assembled from the cached parts; the
/// report inlines the same text.
QByteArray dashboardText(const DashboardFeed &feed, double since, quint64 alertsSince, int n);

} // namespace webapi

} // namespace netlens
