// SPDX-License-Identifier: GPL-3.0-or-later
#include "capturerun.h"

#include "exitcodes.h"
#include "privileges.h"
#include "stopsignal.h"
#include "store/clock.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <pcap/pcap.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

namespace netlens::helper {

namespace {
// Packets per pcap_dispatch(): about a millisecond of copying, so that flushes, stats and the
// stop signal are never held up by a flood.
constexpr int kDispatchPackets = 1024;
constexpr std::int64_t kStatsIntervalNs = 1'000'000'000;
// A stop writes out what is buffered for the parent for at most this long, so that a parent
// that stopped reading cannot hold up the end (the contract's 100 ms).
constexpr std::int64_t kFinalFlushNs = 50'000'000;
// After a stop signal, packets the kernel already has are still read for at most this long.
constexpr std::int64_t kDrainNs = 20'000'000;

/// The 16-byte record header exactly as libpcap's pcap_dump() writes it (host byte order,
/// 32-bit seconds).
struct RecordHeader {
    std::uint32_t sec;
    std::uint32_t frac;
    std::uint32_t capLen;
    std::uint32_t len;
};
static_assert(sizeof(RecordHeader) == 16);

/// The 24-byte file header libpcap writes for this link type, snap length and precision:
/// made by libpcap itself (into memory), so the stream's is byte for byte the file's.
std::string fileHeader(int linkType, int snapLen, bool nano)
{
    pcap_t *dead = pcap_open_dead_with_tstamp_precision(
        linkType, snapLen, nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO);
    if (!dead)
        return {};
    char *buf = nullptr;
    std::size_t size = 0;
    FILE *mem = ::open_memstream(&buf, &size);
    std::string out;
    if (mem) {
        pcap_dumper_t *d = pcap_dump_fopen(dead, mem);
        if (d)
            pcap_dump_close(d); // flushes into buf and closes mem
        else
            std::fclose(mem);
        out.assign(buf ? buf : "", size);
        std::free(buf);
    }
    pcap_close(dead);
    return out;
}

std::string oneLine(std::string s)
{
    std::replace(s.begin(), s.end(), '\n', ' ');
    return s;
}
} // namespace

CaptureRun::CaptureRun(const HelperOptions &options, StatusWriter &status, pid_t parent)
    : m_options(options)
    , m_status(status)
    , m_parent(parent)
{
    m_stream.setInterruptFlag(stopsignal::flag());
}

CaptureRun::~CaptureRun()
{
    if (m_handle)
        pcap_close(m_handle);
}

int CaptureRun::fail(int code, const std::string &message)
{
    std::fprintf(stderr, "%s\n", message.c_str());
    m_status.line("error " + std::to_string(code) + " " + oneLine(message));
    return code;
}

bool CaptureRun::checkOutputPath(std::string &error) const
{
    // Checked before the interface is opened, for a clear error without capturing first;
    // the real guarantee is PcapRecorder's O_CREAT|O_EXCL|O_NOFOLLOW open.
    const bool ring = m_options.ring.enabled();
    std::string dir = m_options.outputDir;
    if (!m_options.outputFile.empty()) {
        struct stat st {};
        if (!ring && ::lstat(m_options.outputFile.c_str(), &st) == 0) {
            error = "-w " + m_options.outputFile +
                    (S_ISLNK(st.st_mode) ? ": is a symbolic link; give a new file"
                                         : ": exists already; give a new file");
            return false;
        }
        const auto slash = m_options.outputFile.rfind('/');
        dir = slash == 0 ? "/" : m_options.outputFile.substr(0, slash);
    }
    // The folder must exist (or be creatable by the recorder) and be writable by the user
    // (access() checks the real user: the helper is never set-user-ID).
    struct stat st {};
    if (::stat(dir.c_str(), &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            error = dir + ": is not a folder";
            return false;
        }
        if (::access(dir.c_str(), W_OK | X_OK) != 0) {
            error = dir + ": cannot write there: " + std::strerror(errno);
            return false;
        }
    } else if (errno != ENOENT) {
        // Not missing but out of reach (a parent folder the user may not enter): the recorder
        // could not create it either.
        error = dir + ": cannot reach it: " + std::strerror(errno);
        return false;
    }
    return true;
}

int CaptureRun::openHandle()
{
    const std::string &ifname = m_options.interface;
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    m_handle = pcap_create(ifname.c_str(), errbuf);
    if (!m_handle)
        return fail(kExitInterfaceOrFilter, "cannot open " + ifname + ": " + errbuf);
    pcap_set_snaplen(m_handle, m_options.snapLen);
    pcap_set_promisc(m_handle, m_options.promiscuous ? 1 : 0);
    pcap_set_buffer_size(m_handle, m_options.bufferMiB * 1024 * 1024); // at most 1 GiB
    pcap_set_timeout(m_handle, m_options.timeoutMs);
    if (m_options.immediate)
        pcap_set_immediate_mode(m_handle, 1);
    m_nano = pcap_set_tstamp_precision(m_handle, PCAP_TSTAMP_PRECISION_NANO) == 0;
    const int rc = pcap_activate(m_handle);
    if (rc < 0) {
        const std::string detail = pcap_geterr(m_handle);
        if (rc == PCAP_ERROR_PERM_DENIED || rc == PCAP_ERROR_PROMISC_PERM_DENIED)
            return fail(kExitNoPermission, permissionMessage(ifname));
        if (rc == PCAP_ERROR_NO_SUCH_DEVICE)
            return fail(kExitInterfaceOrFilter,
                        "there is no interface named " + ifname + ": " + detail);
        if (rc == PCAP_ERROR_IFACE_NOT_UP)
            return fail(kExitInterfaceOrFilter, "interface " + ifname + " is down");
        return fail(kExitInterfaceOrFilter, "cannot capture on " + ifname + ": " + detail);
    }
    if (m_nano)
        m_nano = pcap_get_tstamp_precision(m_handle) == PCAP_TSTAMP_PRECISION_NANO;
    if (pcap_setnonblock(m_handle, 1, errbuf) != 0 || pcap_get_selectable_fd(m_handle) < 0)
        return fail(kExitOther, "cannot capture on " + ifname + ": " + errbuf);
    m_linkType = pcap_datalink(m_handle);
    m_snapLen = pcap_snapshot(m_handle);
    if (!m_options.filter.empty()) {
        bpf_program prog{};
        if (pcap_compile(m_handle, &prog, m_options.filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0)
            return fail(kExitInterfaceOrFilter,
                        "-f \"" + m_options.filter + "\": " + pcap_geterr(m_handle));
        const int set = pcap_setfilter(m_handle, &prog);
        pcap_freecode(&prog);
        if (set != 0)
            return fail(kExitInterfaceOrFilter,
                        "-f \"" + m_options.filter +
                            "\" could not be installed: " + pcap_geterr(m_handle));
    }
    return kExitOk;
}

int CaptureRun::run()
{
    std::string error;
    if (m_options.records() && !checkOutputPath(error))
        return fail(kExitFile, error);
    if (const int rc = openHandle(); rc != kExitOk)
        return rc;
    // The socket is open and filtered: nothing from here on needs a capability.
    if (!dropCapabilities(error))
        return fail(kExitOther, error);
    if (!watchParent(m_parent))
        stopsignal::request(); // the parent died before the death signal was armed

    m_startNs = steadyNowNs();
    if (m_options.records()) {
        RecorderSettings rs;
        rs.outputFile = m_options.outputFile;
        rs.outputDir = m_options.outputDir;
        rs.ring = m_options.ring;
        rs.exclusive = true;
        if (!m_recorder.open(rs, m_linkType, m_snapLen, m_nano, m_startNs, error))
            return fail(kExitFile, error);
    }
    m_status.line("started " + std::to_string(m_linkType) + " " + std::to_string(m_snapLen) + " " +
                  (m_nano ? "1" : "0"));
    reportFiles();
    const std::string header = fileHeader(m_linkType, m_snapLen, m_nano);
    if (header.size() != 24)
        return fail(kExitOther, "libpcap could not make a file header for link type " +
                                    std::to_string(m_linkType));
    m_stream.append(header.data(), header.size());
    m_stream.flush();
    return loop();
}

void CaptureRun::reportFiles()
{
    for (const auto &path : m_recorder.takeRemovedFiles())
        m_status.line("removed " + path);
    if (m_recorder.filesOpened() > m_filesReported) {
        // The packet being handled (if any) is the first of the new file.
        m_filesReported = m_recorder.filesOpened();
        m_status.line("file " + std::to_string(m_filesReported - 1) + " " +
                      std::to_string(m_packets) + " " + m_recorder.currentFile());
    }
}

void CaptureRun::reportStats()
{
    pcap_stat ps{};
    if (m_handle && pcap_stats(m_handle, &ps) == 0)
        m_status.line("stats " + std::to_string(ps.ps_recv) + " " + std::to_string(ps.ps_drop) +
                      " " + std::to_string(ps.ps_ifdrop));
}

bool CaptureRun::limitReached() const
{
    const auto &stop = m_options.autoStop;
    const std::uint64_t written = m_options.records()
                                      ? m_recorder.totalBytes()
                                      : m_stream.bytesWritten() + m_stream.pending();
    return (m_options.count && m_packets >= m_options.count) ||
           (stop.packets && m_packets >= stop.packets) ||
           (stop.fileSizeKB && written >= stop.fileSizeKB * 1000);
}

void CaptureRun::stopSoon(int code, const std::string &message)
{
    if (!m_stopping && code != kExitOk) {
        m_endCode = code;
        m_endMessage = message;
    }
    m_stopping = true;
    if (m_handle)
        pcap_breakloop(m_handle);
}

void CaptureRun::onPacket(unsigned char *user, const pcap_pkthdr *header, const unsigned char *data)
{
    reinterpret_cast<CaptureRun *>(user)->handlePacket(header, data);
}

void CaptureRun::handlePacket(const pcap_pkthdr *h, const unsigned char *data)
{
    // Once stopping, not one packet more: libpcap may still hand over the rest of a block.
    if (m_stopping)
        return;
    if (m_recorder.isOpen()) {
        std::string error;
        if (!m_recorder.write(*h, data, steadyNowNs(), error)) {
            stopSoon(kExitFile, error);
            return;
        }
        reportFiles(); // before the packet reaches the stream
    }
    const RecordHeader rh{static_cast<std::uint32_t>(h->ts.tv_sec),
                          static_cast<std::uint32_t>(h->ts.tv_usec), h->caplen, h->len};
    // Both appends or neither: a failed stream stops everything, and the file's last record
    // is then one the parent did not see; that is the parent's end anyway.
    if (!m_stream.append(&rh, sizeof rh) || !m_stream.append(data, h->caplen)) {
        stopSoon(kExitOk, {});
        return;
    }
    ++m_packets;
    if (limitReached())
        stopSoon(kExitOk, {});
}

int CaptureRun::loop()
{
    std::int64_t lastStatsNs = m_startNs;
    pollfd fds[3] = {{pcap_get_selectable_fd(m_handle), POLLIN, 0},
                     {stopsignal::wakeFd(), POLLIN, 0},
                     {1, 0, 0}}; // stdout: POLLERR/POLLHUP once the parent closed its end
    std::string error;
    while (!m_stopping && !stopsignal::requested()) {
        const int n = pcap_dispatch(m_handle, kDispatchPackets, &CaptureRun::onPacket,
                                    reinterpret_cast<unsigned char *>(this));
        if (n < 0 && n != PCAP_ERROR_BREAK) {
            stopSoon(kExitInterfaceOrFilter, "capture on " + m_options.interface +
                                                 " stopped: the interface went down or was "
                                                 "removed (" +
                                                 pcap_geterr(m_handle) + ")");
            break;
        }
        if (n > 0) {
            if (!m_recorder.flush(error))
                stopSoon(kExitFile, error);
            if (!m_stream.flush() && m_stream.failed())
                stopSoon(kExitOk, {});
        }
        const std::int64_t now = steadyNowNs();
        const auto &stop = m_options.autoStop;
        if (stop.durationS && now - m_startNs >= stop.durationS * 1'000'000'000)
            stopSoon(kExitOk, {});
        if (m_recorder.isOpen() && !m_stopping) {
            if (!m_recorder.rotateIfDue(now, error))
                stopSoon(kExitFile, error);
            reportFiles();
        }
        if (now - lastStatsNs >= kStatsIntervalNs) {
            lastStatsNs = now;
            reportStats();
        }
        if (n >= 0 && n < kDispatchPackets && !m_stopping && !stopsignal::requested()) {
            // Caught up: sleep until the kernel hands over a block, a stop, or the next stats.
            const auto untilStats = (lastStatsNs + kStatsIntervalNs - now) / 1'000'000 + 1;
            const int waitMs =
                static_cast<int>(std::clamp<std::int64_t>(untilStats, 1, m_options.timeoutMs));
            if (::poll(fds, 3, waitMs) > 0 && (fds[2].revents & (POLLERR | POLLHUP | POLLNVAL)))
                stopSoon(kExitOk, {}); // the parent is gone
        }
    }
    if (!m_stopping)
        drain();
    return finish(m_endCode, m_endMessage);
}

void CaptureRun::drain()
{
    // Stopped from outside (a signal, the parent's death): what the kernel has already handed
    // over still goes to the file and the stream, for a bounded time. The stream does not
    // block meanwhile (the stop flag is set): it buffers, and finish() writes it out.
    const std::int64_t deadline = steadyNowNs() + kDrainNs;
    while (!m_stopping && steadyNowNs() < deadline &&
           pcap_dispatch(m_handle, kDispatchPackets, &CaptureRun::onPacket,
                         reinterpret_cast<unsigned char *>(this)) > 0) {
    }
}

int CaptureRun::finish(int code, std::string message)
{
    if (!m_stream.failed())
        m_stream.flush(steadyNowNs() + kFinalFlushNs);
    std::string closeError;
    if (!m_recorder.close(closeError) && code == kExitOk) {
        code = kExitFile;
        message = closeError;
    }
    reportStats();
    pcap_close(m_handle);
    m_handle = nullptr;
    if (code != kExitOk)
        return fail(code, message);
    m_status.line("done " + std::to_string(m_packets));
    return kExitOk;
}

} // namespace netlens::helper
