// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

namespace netlens {

/**
 * A packet store row: an absolute number that is never reused. 64 bits wherever a row is
 * held (filtered and sorted lists, selections, signals): a capture kept for weeks under an
 * in-memory cap passes 2^32 rows (about 6 hours at 200,000 packets/s), and a 32-bit copy
 * would then point at the wrong packet.
 */
using RowId = std::uint64_t;
/// Store rows, e.g. the matches of a display filter (ascending) or a sorted view.
using RowList = std::vector<RowId>;

} // namespace netlens
