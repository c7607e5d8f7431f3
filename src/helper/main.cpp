// SPDX-License-Identifier: GPL-3.0-or-later
// netlens-capture: the capture helper. The only NetLens binary that holds the capture
// capabilities; it opens the interface, drops them, and streams raw packets (pcap) to its
// parent, which decodes them unprivileged. No Qt, no nDPI, no decoding here.

#include "capturerun.h"
#include "exitcodes.h"
#include "helperoptions.h"
#include "privileges.h"
#include "queries.h"
#include "statuswriter.h"
#include "stopsignal.h"

#include <cstdio>
#include <string>
#include <unistd.h>
#include <vector>

using namespace netlens::helper;

int main(int argc, char **argv)
{
    const pid_t parent = ::getppid(); // before anything can make it change
    ensureStandardDescriptors();
    std::string error;
    if (!checkNotSetId(error)) {
        std::fprintf(stderr, "netlens-capture: %s\n", error.c_str());
        return kExitNoPermission;
    }
    if (!stopsignal::install()) {
        std::fprintf(stderr, "netlens-capture: cannot make the stop signal's pipe\n");
        return kExitOther;
    }
    HelperOptions options;
    if (!parseHelperOptions(std::vector<std::string>(argv + 1, argv + argc), options, error)) {
        std::fprintf(stderr, "netlens-capture: %s\n", error.c_str());
        return kExitBadArguments;
    }
    switch (options.mode) {
    case HelperOptions::Mode::Version:
        std::printf("netlens-capture %s\n", NETLENS_VERSION);
        return 0;
    case HelperOptions::Mode::ListInterfaces: return listInterfaces();
    case HelperOptions::Mode::CheckFilter: return checkFilter(options);
    case HelperOptions::Mode::Capture: break;
    }
    StatusWriter status(options.statusFd);
    CaptureRun run(options, status, parent);
    return run.run();
}
