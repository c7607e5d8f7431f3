// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace netlens {

class PacketStore;

/// Writes stored packets to a classic pcap file (nanosecond resolution), re-reading their
/// bytes from the capture files. Classic pcap holds one link type: a capture that mixes link
/// types is refused with a message saying so. Written to a temporary name, then renamed, so
/// a failed save never leaves half a file under the chosen name.
bool exportPcap(const PacketStore &store, const std::vector<std::string> &files,
                const std::string &path, std::string &error,
                const std::function<bool(std::size_t row)> &keep = {});

} // namespace netlens
