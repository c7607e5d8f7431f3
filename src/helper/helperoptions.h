// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "capture/captureoptions.h"

#include <cstdint>
#include <string>
#include <vector>

namespace netlens::helper {

/// What netlens-capture was asked to do, every value already checked.
struct HelperOptions {
    enum class Mode { Capture, Version, ListInterfaces, CheckFilter };
    Mode mode = Mode::Capture;

    std::string interface;
    std::string filter;
    int linkType = -1; ///< --check-filter --linktype; -1: not given
    int snapLen = 262144;
    int bufferMiB = 16;
    bool promiscuous = true;
    bool immediate = false;
    int timeoutMs = 50;
    std::string outputFile; ///< -w, absolute
    std::string outputDir;  ///< -o, absolute
    RingBufferSettings ring;
    AutoStopSettings autoStop;
    std::uint64_t count = 0; ///< -c: stop after this many packets (0: never)
    int statusFd = -1;

    bool records() const { return !outputFile.empty() || !outputDir.empty(); }
};

/// Parses and checks the command line (argv[1..]). False with one line naming the bad
/// argument in `error`.
bool parseHelperOptions(const std::vector<std::string> &args, HelperOptions &options,
                        std::string &error);

/// Interface names as the kernel allows them, and no more: 1..15 characters of
/// [A-Za-z0-9._:@-], not starting with '-' (so never an option).
bool validInterfaceName(const std::string &name);

} // namespace netlens::helper
