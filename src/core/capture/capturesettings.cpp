// SPDX-License-Identifier: GPL-3.0-or-later
#include "capture/capturesettings.h"

#include "capture/pcaprecorder.h"

namespace netlens {

// Here rather than in pcaprecorder.cpp: the recorder is std-only (the capture helper links
// it), CaptureSettings is not.
bool PcapRecorder::open(const CaptureSettings &settings, int linkType, int snapLen,
                        bool nanoTimestamps, std::int64_t nowNs, std::string &error)
{
    RecorderSettings r;
    r.outputDir = settings.outputDir;
    r.outputFile = settings.outputFile;
    r.ring = settings.ring;
    return open(r, linkType, snapLen, nanoTimestamps, nowNs, error);
}

} // namespace netlens
