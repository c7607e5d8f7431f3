// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alertsettings.h"
#include "stats/memorylimits.h"
#include "stats/snapshotbuilder.h"

#include <cstdint>
#include <string>

namespace netlens {

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

/// Everything a live capture needs, passed by value to the worker.
struct CaptureSettings {
    std::string interface;
    std::string filter; ///< BPF capture filter, compiled before the capture starts
    int snapLen = 262144;
    bool promiscuous = true;
    int bufferMiB = 16; ///< kernel buffer
    /// Off (the default, as in tcpdump): the kernel packs packets into blocks of the buffer
    /// (TPACKET_V3) and hands a block over when it is full or timeoutMs after it was opened.
    /// On: each packet is handed over at once, but in a fixed-size slot per packet
    /// (TPACKET_V2), sized for the largest packet the interface may deliver (64 KiB on a veth
    /// or with offloads): a 16 MiB buffer then holds just 256 packets, and bursts are dropped.
    bool immediate = false;
    int timeoutMs = 50; ///< block timeout: the longest a packet waits in the kernel
    bool record = true; ///< write every packet to a pcap file
    std::string outputDir = "data";
    std::string outputFile; ///< explicit file (-w); empty: outputDir/capture-DATE-TIME.pcap
    RingBufferSettings ring;
    AutoStopSettings autoStop;
    std::size_t storeCapacity = 5'000'000; ///< packet rows kept in memory (0: unbounded)
    MemoryLimits limits; ///< flow expiry and the caps on flows, hosts and conversations
    int batchIntervalMs = 100;
    int statsIntervalMs = 1000;
    /// A statistics snapshot this often (the charts' and statistics windows' refresh), and
    /// what it holds; the last one, at the end, holds every row.
    int snapshotIntervalMs = 400;
    SnapshotOptions snapshot;
    int flushIntervalMs = 1000;
    /// The program to name in the permission message (setcap needs its path).
    std::string executablePath;
    /// The alert engine's rules and where its snippets go (off unless alerts.enabled).
    AlertSettings alerts;
};

/// Parses dumpcap-style "key:value" options for -b and -a. Returns false with a message
/// naming the option on a bad key or value.
bool parseRingOption(const std::string &text, RingBufferSettings &ring, std::string &error);
bool parseAutoStopOption(const std::string &text, AutoStopSettings &stop, std::string &error);

} // namespace netlens
