// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/snapshotbuilder.h"
#include "stats/statssnapshot.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace netlens {

/**
 * Reads a per-packet CSV written by CsvWriter (`netlens-cli analyze`, the window's export)
 * and builds the StatsSnapshot those packets give, with the same StatsSnapshotBuilder as a
 * capture: the rows feed a Statistics, a FlowTable and an AddressTable as the engine would,
 * so totals, distributions, talkers, conversations, flows and the time series come out as in
 * the JSON summary of the same capture. Used by `netlens-cli visualize --from-csv PATH`.
 *
 * What a CSV cannot tell is left empty: link types, truncated and malformed counts, and
 * per-label time series (each row carries its final protocol, where a capture counts a
 * flow's first packets under its transport until nDPI names it).
 */
class CsvSnapshotReader {
public:
    struct Result {
        StatsSnapshotPtr snapshot; ///< null on error
        std::string error;         ///< "PATH:LINE: field FIELD: problem"
        std::uint64_t rows = 0;    ///< packet rows read
    };

    /// Reads `path`. Stops at the first bad line with an error naming the file, the line
    /// (1-based, counting line breaks inside quoted fields) and the field.
    static Result read(const std::string &path, const SnapshotOptions &options = {});
    /// The same over CSV text already in memory; `name` stands for the file in errors.
    static Result parse(std::string_view text, const std::string &name,
                        const SnapshotOptions &options = {});
};

} // namespace netlens
