// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/addresstable.h"

#include <QString>
#include <cstdint>
#include <vector>

namespace netlens {

/**
 * Where and how long the traffic history is kept (HistoryRecorder, HistoryStore). A value
 * type, passed in: live captures fill it from the window's settings or the CLI's options.
 *
 * The bounds: minute rows for `minuteDays`, hour rows for `hourDays`, day rows for `dayDays`;
 * every period keeps its `hostsPerPeriod` busiest hosts (by bytes) and sums the rest into
 * one "(other)" row, so totals stay exact and the file stays bounded however many hosts a
 * link sees.
 */
struct HistorySettings {
    bool enabled = false; ///< live captures record history only when asked
    QString dbPath = QStringLiteral("data/netlens.db");
    int minuteDays = 7;
    int hourDays = 90;
    int dayDays = 365;
    int hostsPerPeriod = 100;
    /// The captured interface's own addresses: a packet from one of them is "out", any other
    /// "in" (see HistoryRecorder).
    std::vector<Address> localAddresses;
};

/// The addresses of interface `name` (QNetworkInterface); empty when it has none or is unknown.
std::vector<Address> interfaceAddresses(const QString &name);

} // namespace netlens
