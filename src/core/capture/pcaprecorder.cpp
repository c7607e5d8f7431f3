// SPDX-License-Identifier: GPL-3.0-or-later
#include "capture/pcaprecorder.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <pcap/pcap.h>
#include <sys/stat.h>
#include <unistd.h>

namespace netlens {

namespace {
constexpr std::uint64_t kFileHeaderBytes = 24;
constexpr std::uint64_t kRecordHeaderBytes = 16;
// Records reach the file in chunks of up to this much (or once a second, whichever is first).
constexpr std::size_t kBufferBytes = std::size_t{1} << 20;

std::string stamp(const char *format)
{
    // File names follow the wall clock, whatever clock the rotation is measured with.
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, format, &tm);
    return buf;
}

/// The end of the last complete record at or after `from` (a record boundary) in the pcap file
/// open on `fd`. The records are ours, in host byte order.
std::uint64_t completeRecordsEnd(int fd, std::uint64_t from, std::uint64_t maxCapLen)
{
    struct stat st {};
    if (::fstat(fd, &st) != 0)
        return from;
    const auto size = static_cast<std::uint64_t>(st.st_size);
    std::uint64_t end = from;
    unsigned char header[kRecordHeaderBytes];
    while (end + kRecordHeaderBytes <= size &&
           ::pread(fd, header, sizeof header, static_cast<off_t>(end)) ==
               static_cast<ssize_t>(sizeof header)) {
        std::uint32_t capLen = 0;
        std::memcpy(&capLen, header + 8, sizeof capLen);
        if (capLen > maxCapLen || end + kRecordHeaderBytes + capLen > size)
            break;
        end += kRecordHeaderBytes + capLen;
    }
    return end;
}
} // namespace

PcapRecorder::~PcapRecorder()
{
    std::string ignored;
    close(ignored);
    if (m_dead)
        pcap_close(m_dead);
}

bool PcapRecorder::open(const RecorderSettings &settings, int linkType, int snapLen,
                        bool nanoTimestamps, std::int64_t nowNs, std::string &error)
{
    m_settings = settings;
    if (m_dead)
        pcap_close(m_dead);
    // The dead handle's precision picks the file's magic number; it must be the live handle's,
    // since pcap_dump() copies ts.tv_usec as it is.
    m_dead = pcap_open_dead_with_tstamp_precision(linkType, snapLen,
                                                  nanoTimestamps ? PCAP_TSTAMP_PRECISION_NANO
                                                                 : PCAP_TSTAMP_PRECISION_MICRO);
    if (!m_dead) {
        error = "libpcap could not create a writer for link type " + std::to_string(linkType);
        return false;
    }
    // Room for the largest record, so that stdio never has to write part of one.
    m_buffer.assign(std::max<std::size_t>(kBufferBytes, 2 * (kRecordHeaderBytes + snapLen)), 0);
    return openNext(nowNs, error);
}

std::string PcapRecorder::nextPath() const
{
    namespace fs = std::filesystem;
    if (!m_settings.outputFile.empty() && !m_settings.ring.enabled())
        return m_settings.outputFile;
    fs::path base =
        m_settings.outputFile.empty()
            ? fs::path(m_settings.outputDir) / ("capture-" + stamp("%Y%m%d-%H%M%S") + ".pcap")
            : fs::path(m_settings.outputFile);
    if (!m_settings.ring.enabled())
        return base.string();
    // Ring files: name_00001_YYYYmmddHHMMSS.pcap, numbered so they sort in capture order.
    char num[16];
    std::snprintf(num, sizeof num, "_%05d_", m_fileCount + 1);
    fs::path stem = base.parent_path() / base.stem();
    return stem.string() + num + stamp("%Y%m%d%H%M%S") + base.extension().string();
}

bool PcapRecorder::openNext(std::int64_t nowNs, std::string &error)
{
    namespace fs = std::filesystem;
    const std::string path = nextPath();
    std::error_code ec;
    const fs::path parent = fs::path(path).parent_path();
    if (!parent.empty() && !fs::exists(parent, ec) && !fs::create_directories(parent, ec)) {
        error = "cannot create the capture directory " + parent.string() + ": " + ec.message();
        return false;
    }
    // Our own FILE, so that its buffer is ours: see write(). O_RDWR: fail() reads the
    // records back to find the last complete one. O_CLOEXEC: not inherited by children.
    const int flags =
        O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (m_settings.exclusive ? O_EXCL : O_TRUNC);
    const int fd = ::open(path.c_str(), flags, 0644);
    if (fd < 0) {
        const int err = errno;
        error = "cannot write the capture file " + path + ": " +
                (err == EEXIST  ? std::string("it exists already (a new file is needed)")
                 : err == ELOOP ? std::string("it is a symbolic link")
                                : std::string(std::strerror(err)));
        return false;
    }
    FILE *f = ::fdopen(fd, "w+b");
    if (!f) {
        error = "cannot write the capture file " + path + ": " + std::strerror(errno);
        ::close(fd);
        return false;
    }
    std::setvbuf(f, m_buffer.data(), _IOFBF, m_buffer.size());
    pcap_dumper_t *d = pcap_dump_fopen(m_dead, f);
    if (!d) {
        std::fclose(f);
        error = "cannot write the capture file " + path + ": " + pcap_geterr(m_dead);
        return false;
    }
    m_dumper = d;
    m_path = path;
    m_fileStartNs = nowNs;
    m_fileBytes = kFileHeaderBytes;
    m_totalBytes += kFileHeaderBytes;
    m_flushedBytes = 0;
    ++m_fileCount;
    m_ring.push_back(path);
    if (m_settings.ring.files > 0)
        while (m_ring.size() > static_cast<std::size_t>(m_settings.ring.files)) {
            if (fs::remove(m_ring.front(), ec))
                m_removed.push_back(m_ring.front());
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
    if (bySize && (!close(error) || !openNext(nowNs, error)))
        return false;
    if (!rotateIfDue(nowNs, error))
        return false;
    // stdio writes a full buffer out as soon as a record does not fit, which would leave half a
    // record in the file until the next flush. Pushing the whole records out first means the
    // record always fits, so the file only ever grows by whole records.
    if (m_fileBytes - m_flushedBytes + recordBytes > m_buffer.size() && !flush(error))
        return false;
    pcap_dump(reinterpret_cast<u_char *>(m_dumper), &h, data);
    m_fileBytes += recordBytes;
    m_totalBytes += recordBytes;
    return true;
}

bool PcapRecorder::rotateIfDue(std::int64_t nowNs, std::string &error)
{
    const std::int64_t period = m_settings.ring.durationS;
    if (!m_dumper || !period || nowNs - m_fileStartNs < period * 1000000000)
        return true;
    return close(error) && openNext(nowNs, error);
}

bool PcapRecorder::fail(const std::string &what, int err, std::string &error)
{
    FILE *f = pcap_dump_file(m_dumper);
    // Closing may still write part of the buffer, so the repair works on a duplicate of the
    // descriptor, after the close.
    const int fd = ::dup(fileno(f));
    pcap_dump_close(m_dumper);
    m_dumper = nullptr;
    std::uint64_t kept = m_flushedBytes;
    if (fd >= 0) {
        // Keep every record that made it whole; drop the torn tail.
        if (m_flushedBytes >= kFileHeaderBytes)
            kept = completeRecordsEnd(fd, m_flushedBytes,
                                      static_cast<std::uint64_t>(pcap_snapshot(m_dead)));
        [[maybe_unused]] const int rc = ::ftruncate(fd, static_cast<off_t>(kept));
        ::close(fd);
    }
    error = what + " " + m_path + ": " + std::strerror(err ? err : EIO);
    if (kept < kFileHeaderBytes) { // not even the file header fit: there is no capture file
        std::error_code ec;
        std::filesystem::remove(m_path, ec);
        error += "; no capture file was written";
    } else {
        error += "; the file keeps every packet written before the error";
    }
    return false;
}

bool PcapRecorder::flush(std::string &error)
{
    if (!m_dumper)
        return true;
    FILE *f = pcap_dump_file(m_dumper);
    errno = 0;
    if (pcap_dump_flush(m_dumper) != 0 || std::ferror(f))
        return fail("writing the capture file failed:", errno, error);
    m_flushedBytes = m_fileBytes;
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
    const int err = errno;
    pcap_dump_close(m_dumper);
    m_dumper = nullptr;
    if (!ok) {
        error = "writing the capture file failed: " + m_path + ": " + std::strerror(err);
        return false;
    }
    return true;
}

} // namespace netlens
