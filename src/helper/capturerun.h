// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "capture/pcaprecorder.h"
#include "helperoptions.h"
#include "statuswriter.h"
#include "streamwriter.h"

#include <cstdint>
#include <string>
#include <sys/types.h>

struct pcap;
struct pcap_pkthdr;

namespace netlens::helper {

/**
 * One capture: opens the interface, applies the filter, drops the capabilities, then copies
 * every packet to the capture file (PcapRecorder, -w/-o) and to stdout as a pcap stream,
 * record for record the same bytes, until a stop signal, -c/-a, the parent's end or an error.
 *
 * The loop polls the capture socket (non-blocking libpcap), the stop signal's self-pipe and
 * stdout (an error there means the parent closed the stream), and reads at most a bounded
 * batch per pcap_dispatch(); both outputs are flushed after every batch, so a packet waits
 * at most the block timeout (-t) in the kernel plus one batch.
 */
class CaptureRun {
public:
    CaptureRun(const HelperOptions &options, StatusWriter &status, pid_t parent);
    ~CaptureRun();
    CaptureRun(const CaptureRun &) = delete;
    CaptureRun &operator=(const CaptureRun &) = delete;

    /// Runs the capture to its end; returns the exit code (exitcodes.h).
    int run();

private:
    int openHandle();
    bool checkOutputPath(std::string &error) const;
    int loop();
    void drain();
    int finish(int code, std::string message);
    int fail(int code, const std::string &message);
    static void onPacket(unsigned char *user, const pcap_pkthdr *header, const unsigned char *data);
    void handlePacket(const pcap_pkthdr *header, const unsigned char *data);
    void reportFiles();
    void reportStats();
    bool limitReached() const;
    void stopSoon(int code, const std::string &message);

    const HelperOptions &m_options;
    StatusWriter &m_status;
    pid_t m_parent;
    pcap *m_handle = nullptr;
    PcapRecorder m_recorder;
    StreamWriter m_stream{1};
    int m_linkType = -1;
    int m_snapLen = 0;
    bool m_nano = false;
    std::uint64_t m_packets = 0; ///< streamed (and written) packets
    int m_filesReported = 0;
    std::int64_t m_startNs = 0;
    bool m_stopping = false;
    int m_endCode = 0; ///< why the loop stopped, if not a clean end
    std::string m_endMessage;
};

} // namespace netlens::helper
