// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alertsettings.h"
#include "capture/captureoptions.h"
#include "history/historysettings.h"
#include "ipfix/ipfixsettings.h"
#include "stats/memorylimits.h"
#include "stats/snapshotbuilder.h"

#include <cstdint>
#include <string>

namespace netlens {

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
    /// The program capturing (the window or netlens-cli): the capture helper is looked for
    /// beside it (findCaptureHelper).
    std::string executablePath;
    /// The capture helper to run; empty: findCaptureHelper(the folder of executablePath).
    std::string helperPath;
    /// The alert engine's rules and where its snippets go (off unless alerts.enabled).
    AlertSettings alerts;
    /// IPFIX flow export (off unless a collector or file is named); live on the clock.
    IpfixSettings ipfix;
    /// Per-minute traffic history into the database (off unless history.enabled).
    HistorySettings history;
};

} // namespace netlens
