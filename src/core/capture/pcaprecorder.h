#pragma once

#include "capture/capturesettings.h"

#include <cstdint>
#include <deque>
#include <string>

struct pcap;
struct pcap_dumper;
struct pcap_pkthdr;

namespace netlens {

/**
 * Writes captured packets to pcap files with libpcap's dumper (nanosecond pcap), rotating
 * them as a ring buffer when asked.
 *
 * Durability: flush() pushes buffered records to the kernel and remembers the offset of the
 * last complete record. If a write fails (disk full, I/O error), the file is cut back to that
 * offset, so what was written before stays a valid capture that any reader opens.
 */
class PcapRecorder {
public:
    PcapRecorder() = default;
    ~PcapRecorder();
    PcapRecorder(const PcapRecorder &) = delete;
    PcapRecorder &operator=(const PcapRecorder &) = delete;

    /// Opens the first file. `startNs` names it (capture-YYYYmmdd-HHMMSS.pcap).
    bool open(const CaptureSettings &settings, int linkType, int snapLen, std::int64_t startNs,
              std::string &error);
    /// Writes one packet; rotates first if the ring settings say so. False on a write error.
    bool write(const pcap_pkthdr &header, const std::uint8_t *data, std::int64_t nowNs,
               std::string &error);
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

private:
    bool openNext(std::int64_t nowNs, std::string &error);
    std::string nextPath(std::int64_t nowNs) const;
    bool fail(const std::string &what, std::string &error);

    CaptureSettings m_settings;
    pcap *m_dead = nullptr;
    pcap_dumper *m_dumper = nullptr;
    std::string m_path;
    std::deque<std::string> m_ring; // files of this capture still on disk, oldest first
    std::int64_t m_fileStartNs = 0;
    std::int64_t m_lastGoodOffset = 0;
    std::uint64_t m_fileBytes = 0;
    std::uint64_t m_totalBytes = 0;
    int m_fileCount = 0;
};

} // namespace netlens
