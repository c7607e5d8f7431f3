// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <cstdint>
#include <vector>

namespace netlens {

/// Bytes and packets each way. For a host, out = what it sent, in = what it received; for a
/// protocol, out = sent by one of the capture's local addresses, in = everything else.
struct HistoryCounts {
    std::uint64_t bytesIn = 0;
    std::uint64_t bytesOut = 0;
    std::uint64_t packetsIn = 0;
    std::uint64_t packetsOut = 0;

    std::uint64_t bytes() const { return bytesIn + bytesOut; }
    std::uint64_t packets() const { return packetsIn + packetsOut; }
    void add(const HistoryCounts &o)
    {
        bytesIn += o.bytesIn;
        bytesOut += o.bytesOut;
        packetsIn += o.packetsIn;
        packetsOut += o.packetsOut;
    }
    bool operator==(const HistoryCounts &) const = default;
};

/// One protocol's or host's counts in a period.
struct HistoryEntry {
    QString key; ///< protocol name, or host address text, or HistoryMinute::kOther
    HistoryCounts counts;
};

/// One closed minute, as the recorder hands it to the store.
struct HistoryMinute {
    /// The host row that sums every host past the busiest ones kept per period.
    static constexpr const char *kOther = "(other)";
    std::int64_t startSec = 0; ///< UTC, a multiple of 60
    std::vector<HistoryEntry> protocols;
    std::vector<HistoryEntry> hosts;
};

/// The three row resolutions, in seconds.
namespace historyres {
constexpr int kMinute = 60;
constexpr int kHour = 3600;
constexpr int kDay = 86400;
} // namespace historyres

/// What a query returns: the series per protocol at one resolution, and the top hosts.
struct HistoryPoint {
    std::int64_t startSec = 0;
    HistoryCounts counts;
};
struct HistorySeries {
    QString protocol;
    HistoryCounts total;
    std::vector<HistoryPoint> points; ///< only periods with traffic, in time order
};
struct HistoryReport {
    int resolution = historyres::kMinute;
    std::int64_t sinceSec = 0;
    std::int64_t untilSec = 0;
    HistoryCounts total;
    std::vector<HistorySeries> protocols; ///< busiest (bytes) first
    std::vector<HistoryEntry> hosts;      ///< busiest first, without the "(other)" row
    HistoryCounts otherHosts;             ///< hosts not kept by name in the rows read
    bool empty() const { return total.packets() == 0; }
};

} // namespace netlens
