// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The ring-buffer and auto-stop options of a capture, and their dumpcap-style parsers.
// Standard library only: the capture helper (src/helper) links these without Qt.

#include <cstdint>
#include <string>

namespace netlens {

/// Bounds of a capture's snap length and kernel buffer, checked alike by netlens-capture,
/// netlens-cli and the settings (a buffer is locked kernel memory: a GiB is plenty).
constexpr int kMaxSnapLen = 262144;
constexpr int kMaxBufferMiB = 1024;

/// When to start a new capture file (all zero: one file). Like dumpcap's -b.
struct RingBufferSettings {
    std::uint64_t fileSizeKB = 0; ///< new file once the current one reaches this size
    std::int64_t durationS = 0;   ///< new file after this many seconds
    int files = 0;                ///< keep at most this many files, deleting the oldest
    bool enabled() const { return fileSizeKB || durationS; }
};

/// When to stop by itself (all zero: never). Like dumpcap's -a.
struct AutoStopSettings {
    std::uint64_t packets = 0;
    std::int64_t durationS = 0;
    std::uint64_t fileSizeKB = 0; ///< total bytes written, all files together
};

/// Where and how a PcapRecorder writes its files.
struct RecorderSettings {
    std::string outputDir = "data";
    std::string outputFile; ///< explicit file (-w); empty: outputDir/capture-DATE-TIME.pcap
    RingBufferSettings ring;
    /// Only ever create new files (O_EXCL): an existing path, a symlink included, is an
    /// error instead of being overwritten. The capture helper needs this; the in-process
    /// capture overwrites an existing -w file, as tcpdump does.
    bool exclusive = false;
};

/// Parses dumpcap-style "key:value" options for -b and -a. Returns false with a message
/// naming the option on a bad key or value.
bool parseRingOption(const std::string &text, RingBufferSettings &ring, std::string &error);
bool parseAutoStopOption(const std::string &text, AutoStopSettings &stop, std::string &error);

} // namespace netlens
