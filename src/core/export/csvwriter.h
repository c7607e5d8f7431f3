// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/rowid.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace netlens {

class Engine;
struct PacketRecord;

/**
 * Writes the per-packet CSV (RFC 4180, CRLF line ends) with the header
 * `number,time,src,dst,src_port,dst_port,transport,protocol,length`.
 *
 * Text fields that a spreadsheet would run as a formula (leading = + - @ tab CR) get a
 * leading apostrophe; fields with a comma, quote or line break are quoted.
 */
class CsvWriter {
public:
    static constexpr const char *kHeader =
        "number,time,src,dst,src_port,dst_port,transport,protocol,length";

    /// Writes the store's rows in memory, or only `rows` (ascending store rows, e.g. those a
    /// display filter shows) when given; rows no longer in memory are left out. Creates the
    /// parent directory if needed. On failure returns false with a message naming the file.
    static bool write(const std::string &path, const Engine &engine, std::string &error,
                      const RowList *rows = nullptr);

    /// Appends one row's line (with CRLF) to `out`.
    static void appendRow(std::string &out, const Engine &engine, const PacketRecord &record);
    /// Appends `field` made safe for CSV and spreadsheets.
    static void appendField(std::string &out, std::string_view field);
};

} // namespace netlens
