#include "capture/pcaprecorder.h"

#include <pcap/pcap.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <unistd.h>

namespace netlens {

namespace {
constexpr std::uint64_t kFileHeaderBytes = 24;
constexpr std::uint64_t kRecordHeaderBytes = 16;

std::string stamp(std::int64_t ns, const char *format)
{
    const std::time_t t = static_cast<std::time_t>(ns / 1000000000);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, format, &tm);
    return buf;
}
} // namespace

PcapRecorder::~PcapRecorder()
{
    std::string ignored;
    close(ignored);
    if (m_dead)
        pcap_close(m_dead);
}

bool PcapRecorder::open(const CaptureSettings &settings, int linkType, int snapLen,
                        std::int64_t startNs, std::string &error)
{
    m_settings = settings;
    if (m_dead)
        pcap_close(m_dead);
    // A dead handle with nanosecond precision makes the dumper write the nanosecond magic,
    // so no timestamp digit the kernel gave us is lost.
    m_dead = pcap_open_dead_with_tstamp_precision(linkType, snapLen, PCAP_TSTAMP_PRECISION_NANO);
    if (!m_dead) {
        error = "libpcap could not create a writer for link type " + std::to_string(linkType);
        return false;
    }
    return openNext(startNs, error);
}

std::string PcapRecorder::nextPath(std::int64_t nowNs) const
{
    namespace fs = std::filesystem;
    if (!m_settings.outputFile.empty() && !m_settings.ring.enabled())
        return m_settings.outputFile;
    fs::path base = m_settings.outputFile.empty()
                        ? fs::path(m_settings.outputDir) /
                              ("capture-" + stamp(nowNs, "%Y%m%d-%H%M%S") + ".pcap")
                        : fs::path(m_settings.outputFile);
    if (!m_settings.ring.enabled())
        return base.string();
    // Ring files: name_00001_YYYYmmddHHMMSS.pcap, numbered so they sort in capture order.
    char num[16];
    std::snprintf(num, sizeof num, "_%05d_", m_fileCount + 1);
    fs::path stem = base.parent_path() / base.stem();
    return stem.string() + num + stamp(nowNs, "%Y%m%d%H%M%S") + base.extension().string();
}

bool PcapRecorder::openNext(std::int64_t nowNs, std::string &error)
{
    namespace fs = std::filesystem;
    const std::string path = nextPath(nowNs);
    std::error_code ec;
    const fs::path parent = fs::path(path).parent_path();
    if (!parent.empty() && !fs::exists(parent, ec) && !fs::create_directories(parent, ec)) {
        error = "cannot create the capture directory " + parent.string() + ": " + ec.message();
        return false;
    }
    pcap_dumper_t *d = pcap_dump_open(m_dead, path.c_str());
    if (!d) {
        error = "cannot write the capture file " + path + ": " + pcap_geterr(m_dead);
        return false;
    }
    m_dumper = d;
    m_path = path;
    m_fileStartNs = nowNs;
    m_fileBytes = kFileHeaderBytes;
    m_totalBytes += kFileHeaderBytes;
    m_lastGoodOffset = 0;
    ++m_fileCount;
    m_ring.push_back(path);
    if (m_settings.ring.files > 0)
        while (m_ring.size() > static_cast<std::size_t>(m_settings.ring.files)) {
            fs::remove(m_ring.front(), ec);
            m_ring.pop_front();
        }
    return flush(error); // the header reaches the disk at once: readers can open the file
}

bool PcapRecorder::write(const pcap_pkthdr &h, const std::uint8_t *data, std::int64_t nowNs,
                         std::string &error)
{
    if (!m_dumper)
        return false;
    const auto &ring = m_settings.ring;
    const std::uint64_t recordBytes = kRecordHeaderBytes + h.caplen;
    const bool bySize = ring.fileSizeKB && m_fileBytes > kFileHeaderBytes &&
                        m_fileBytes + recordBytes > ring.fileSizeKB * 1000;
    const bool byTime = ring.durationS && nowNs - m_fileStartNs >= ring.durationS * 1000000000;
    if (bySize || byTime) {
        if (!close(error) || !openNext(nowNs, error))
            return false;
    }
    pcap_dump(reinterpret_cast<u_char *>(m_dumper), &h, data);
    m_fileBytes += recordBytes;
    m_totalBytes += recordBytes;
    return true;
}

bool PcapRecorder::fail(const std::string &what, std::string &error)
{
    const int err = errno;
    FILE *f = pcap_dump_file(m_dumper);
    // Drop the half-written tail; the records before the last good flush stay intact.
    if (f && m_lastGoodOffset > 0 && ::ftruncate(fileno(f), m_lastGoodOffset) != 0) {
        // Nothing more to do: the reader's cut-short handling covers a partial last record.
    }
    error = what + " " + m_path + ": " + std::strerror(err ? err : EIO) +
            "; the file keeps the packets written before the error";
    pcap_dump_close(m_dumper);
    m_dumper = nullptr;
    return false;
}

bool PcapRecorder::flush(std::string &error)
{
    if (!m_dumper)
        return true;
    FILE *f = pcap_dump_file(m_dumper);
    if (pcap_dump_flush(m_dumper) != 0 || std::ferror(f))
        return fail("writing the capture file failed:", error);
    m_lastGoodOffset = pcap_dump_ftell64(m_dumper);
    return true;
}

bool PcapRecorder::close(std::string &error)
{
    if (!m_dumper)
        return true;
    if (!flush(error))
        return false;
    FILE *f = pcap_dump_file(m_dumper);
    const bool ok = ::fsync(fileno(f)) == 0 || errno == EINVAL;
    pcap_dump_close(m_dumper);
    m_dumper = nullptr;
    if (!ok) {
        error = "writing the capture file failed: " + m_path + ": " + std::strerror(errno);
        return false;
    }
    return true;
}

} // namespace netlens
