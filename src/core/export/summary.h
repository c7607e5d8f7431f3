// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/fileanalyzer.h"
#include "stats/statssnapshot.h"

#include <QJsonObject>
#include <cstdint>
#include <string>
#include <vector>

namespace netlens {

class Engine;

/**
 * What the text report and the JSON export print: the last statistics snapshot plus the
 * files read and the warnings. The window, the CLI and the web page read the same snapshot
 * type, so they can never disagree.
 */
struct Summary {
    StatsSnapshotPtr stats;
    std::size_t topN = 10; ///< rows listed per table
    std::vector<FileResult> files;
    std::vector<std::string> warnings;
    /// The IPFIX export of this run, if any: its JSON section (ipfix/ipfixjson.h).
    QJsonObject ipfix;
    /// Its records, a JSON array as text (ipfixFlowsJson()); empty: none. Spliced into the
    /// file as "ipfix": {"flows": ...} by summaryToJsonText() and writeSummaryJson().
    std::string ipfixFlows;

    /// From a snapshot the caller already has (a session's last one).
    static Summary fromSnapshot(StatsSnapshotPtr stats, std::size_t topN,
                                const std::vector<FileResult> &files);
    /// Builds the final snapshot of `engine` (engine thread), holding at least topN rows of
    /// each table.
    static Summary build(Engine &engine, std::size_t topN, const std::vector<FileResult> &files);

    /// The first topN rows of the snapshot's tables.
    std::vector<StatsSnapshot::Endpoint> topTalkers() const;
    std::vector<StatsSnapshot::Conversation> topConversations() const;
    std::vector<StatsSnapshot::Flow> topFlows() const;
};

/// Human-readable report (what `netlens-cli analyze` prints).
std::string formatSummaryText(const Summary &summary);

/// Seconds since the epoch with exactly the decimals of `ns` (trailing zeros dropped):
/// 1764000000009000000 gives "1764000000.009". Doubles cannot hold 19 digits.
std::string exactSeconds(std::int64_t ns);

} // namespace netlens
