// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "capture/captureoptions.h"

#include <cstdint>
#include <deque>
#include <string>
#include <utility>
#include <vector>

struct pcap;
struct pcap_dumper;
struct pcap_pkthdr;

namespace netlens {

struct CaptureSettings;

/**
 * Writes captured packets to pcap files with libpcap's dumper, rotating them as a ring buffer
 * when asked.
 *
 * Readability while capturing: records are kept in the recorder's own stdio buffer and only
 * reach the file as whole records, on flush() (the capture worker calls it every second) or
 * when the next record would not fit. So a reader (tcpdump -r, the GUI re-reading a packet)
 * opening the file at any moment finds only complete records.
 *
 * Files are opened with O_NOFOLLOW (never through a symlink) and, with
 * RecorderSettings::exclusive, O_EXCL (never an existing file).
 *
 * Standard library and libpcap only (netlens_capture_std): the capture helper links it too.
 *
 * Durability: if a write fails (disk full, I/O error), the file is cut back to its last
 * complete record, so what was written before stays a valid capture that any reader opens.
 */
class PcapRecorder {
public:
    PcapRecorder() = default;
    ~PcapRecorder();
    PcapRecorder(const PcapRecorder &) = delete;
    PcapRecorder &operator=(const PcapRecorder &) = delete;

    /// Opens the first file (named after the wall clock: capture-YYYYmmdd-HHMMSS.pcap).
    /// `nanoTimestamps` says whether the headers passed to write() carry nanoseconds in
    /// ts.tv_usec (the live handle's precision); the file says the same. `nowNs` is steady
    /// clock time, the reference for -b duration.
    bool open(const RecorderSettings &settings, int linkType, int snapLen, bool nanoTimestamps,
              std::int64_t nowNs, std::string &error);
    /// The same with a capture's settings (defined with CaptureSettings, in netlens_core).
    bool open(const CaptureSettings &settings, int linkType, int snapLen, bool nanoTimestamps,
              std::int64_t nowNs, std::string &error);
    /// Writes one packet; rotates first if the ring settings say so. `nowNs`: steady clock.
    /// False on a write error (the file is then cut back to its last complete record and
    /// closed).
    bool write(const pcap_pkthdr &header, const std::uint8_t *data, std::int64_t nowNs,
               std::string &error);
    /// Starts the next file when -b duration says so, packets or not (an idle link still gets
    /// one file per period, as with dumpcap). False on a write error, as for write().
    bool rotateIfDue(std::int64_t nowNs, std::string &error);
    /// Pushes buffered records to the file. False on a write error (the file is then cut back
    /// to its last complete record and closed).
    bool flush(std::string &error);
    /// Flushes and closes. Safe to call twice.
    bool close(std::string &error);

    bool isOpen() const { return m_dumper != nullptr; }
    const std::string &currentFile() const { return m_path; }
    /// Bytes in the current file (header included), as of the last write.
    std::uint64_t currentFileBytes() const { return m_fileBytes; }
    /// Bytes written to all files of this capture.
    std::uint64_t totalBytes() const { return m_totalBytes; }
    int filesOpened() const { return m_fileCount; }
    /// Files deleted by -b files:N since the last call, oldest first.
    std::vector<std::string> takeRemovedFiles() { return std::exchange(m_removed, {}); }

private:
    bool openNext(std::int64_t nowNs, std::string &error);
    std::string nextPath() const;
    bool fail(const std::string &what, int err, std::string &error);

    RecorderSettings m_settings;
    pcap *m_dead = nullptr;
    pcap_dumper *m_dumper = nullptr;
    std::vector<char> m_buffer; // the current file's stdio buffer; holds at least one record
    std::string m_path;
    std::deque<std::string> m_ring; // files of this capture still on disk, oldest first
    std::vector<std::string> m_removed;
    std::int64_t m_fileStartNs = 0;
    std::uint64_t m_flushedBytes = 0; // bytes of the current file handed to the kernel
    std::uint64_t m_fileBytes = 0;
    std::uint64_t m_totalBytes = 0;
    int m_fileCount = 0;
};

} // namespace netlens
