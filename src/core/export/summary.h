#pragma once

#include "engine/fileanalyzer.h"
#include "stats/statistics.h"
#include "stats/timeseries.h"

#include <cstdint>
#include <string>
#include <vector>

namespace netlens {

class Engine;

/// The ranked, named view of an engine's statistics that the text report and the JSON export
/// share, so the two can never disagree.
struct Summary {
    struct Named {
        std::string name;
        Counter counter;
    };
    struct Talker {
        std::string address;
        HostStats stats;
    };
    struct Pair {
        std::string a;
        std::string b;
        Conversation conversation;
    };
    struct FlowRow {
        std::string a;
        std::string b;
        std::uint16_t portA = 0;
        std::uint16_t portB = 0;
        std::string transport;
        std::string protocol;
        std::uint64_t packets = 0;
        std::uint64_t bytes = 0;
        std::int64_t firstNs = 0;
        std::int64_t lastNs = 0;
    };

    Counter total;
    std::int64_t startNs = 0;
    std::int64_t endNs = 0;
    std::vector<Named> transports;  ///< by packets, descending
    std::vector<Named> protocols;   ///< by packets, descending
    std::vector<Named> linkTypes;
    std::vector<Talker> topTalkers; ///< by bytes, descending, at most topN
    std::vector<Pair> conversations;
    std::vector<FlowRow> flows;
    std::uint64_t hostCount = 0;
    std::uint64_t conversationCount = 0;
    std::uint64_t flowCount = 0;
    std::uint64_t truncated = 0;
    std::uint64_t malformed = 0;
    std::uint64_t undecoded = 0;
    std::int64_t intervalNs = 0;
    std::vector<TimeSeries::Point> series;
    std::vector<FileResult> files;
    std::vector<std::string> warnings;

    static Summary build(const Engine &engine, std::size_t topN,
                         const std::vector<FileResult> &files, std::size_t maxPoints = 1000);
};

/// Human-readable report (what `netlens-cli analyze` prints).
std::string formatSummaryText(const Summary &summary);

} // namespace netlens
