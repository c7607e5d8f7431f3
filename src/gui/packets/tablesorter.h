// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/rowid.h"

namespace netlens {

class Engine;
class PacketBytesReader;

/// Sorts store rows by a packet-list column, off the UI thread. Keys are computed once per
/// row (addresses and protocol names by rank), so 10 M rows sort in a few seconds at most.
class TableSorter {
public:
    /// `column` is a PacketTableModel::Column. Ties keep store order. Rows retired from the
    /// store (below its firstRow()) are dropped, also those retired while the sort runs.
    static void sortRows(const Engine &engine, const PacketBytesReader *bytes, RowList &rows,
                         int column, bool descending);
};

} // namespace netlens
