// SPDX-License-Identifier: GPL-3.0-or-later
#include "capture/captureworker.h"

#include "alerts/alertengine.h"
#include "capture/helperprocess.h"
#include "capture/pcapstream.h"
#include "engine/engine.h"
#include "history/historyrecorder.h"
#include "history/historywriter.h"
#include "ipfix/ipfixexporter.h"
#include "store/clock.h"

#include <QMutexLocker>
#include <algorithm>
#include <csignal>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace netlens {

namespace {
// Bytes taken from the stream per loop turn: a few milliseconds of decoding, far below the
// batch interval, so batches, stats and the stop stay on time under any load.
constexpr std::size_t kReadBytes = std::size_t{1} << 20;
constexpr std::uint64_t kFileHeaderBytes = 24;
constexpr std::uint64_t kRecordHeaderBytes = 16;
// After SIGTERM the helper has this long to write what it holds and exit (it needs well
// under 100 ms); then SIGKILL.
constexpr std::int64_t kTermGraceNs = 2'000'000'000;

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

std::vector<std::string> words(const std::string &line, std::size_t count, std::string &rest)
{
    std::vector<std::string> out;
    std::size_t at = 0;
    while (out.size() < count && at < line.size()) {
        const auto space = line.find(' ', at);
        out.push_back(line.substr(at, space == std::string::npos ? std::string::npos : space - at));
        at = space == std::string::npos ? line.size() : space + 1;
    }
    rest = at < line.size() ? line.substr(at) : std::string();
    return out;
}

quint64 number(const std::string &s)
{
    return std::strtoull(s.c_str(), nullptr, 10);
}
} // namespace

CaptureWorker::CaptureWorker(CaptureSettings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_engine(std::make_unique<Engine>(EngineSettings::withLimits(m_settings.limits)))
    , m_stream(std::make_unique<PcapStream>())
{
    qRegisterMetaType<netlens::CaptureStats>();
    qRegisterMetaType<QList<netlens::Alert>>();
    m_engine->setStoreCapacity(m_settings.storeCapacity);
    m_wakeFd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
}

CaptureWorker::~CaptureWorker()
{
    m_helper.reset(); // ends a helper still running, and reaps it
    if (m_wakeFd >= 0)
        ::close(m_wakeFd);
}

QStringList CaptureWorker::files() const
{
    QMutexLocker lock(&m_filesMutex);
    return m_files;
}

void CaptureWorker::requestStop()
{
    m_stop.store(true);
    if (m_wakeFd >= 0)
        ::eventfd_write(m_wakeFd, 1);
}

QString CaptureWorker::permissionMessage(const QString &interface, const QString &helper)
{
    const QString exe = helper.isEmpty() ? QStringLiteral("netlens-capture") : helper;
    return tr("No permission to capture on %1: the capture helper lacks the capture "
              "capabilities. Run: sudo setcap cap_net_raw,cap_net_admin=eip %2 (or sudo "
              "deploy/setcap.sh), or start NetLens as administrator (pkexec).")
        .arg(interface, exe);
}

std::vector<std::string> CaptureWorker::helperArguments(const CaptureSettings &s)
{
    std::vector<std::string> a{"-i", s.interface};
    if (!s.filter.empty())
        a.insert(a.end(), {"-f", s.filter});
    a.insert(a.end(), {"-s", std::to_string(std::clamp(s.snapLen, 1, kMaxSnapLen)), "-B",
                       std::to_string(std::clamp(s.bufferMiB, 1, kMaxBufferMiB)), "-t",
                       std::to_string(std::clamp(s.timeoutMs, 1, 1000))});
    if (!s.promiscuous)
        a.emplace_back("-p");
    if (s.immediate)
        a.emplace_back("--immediate");
    if (s.record) {
        if (!s.outputFile.empty())
            a.insert(a.end(), {"-w", s.outputFile});
        else
            a.insert(a.end(), {"-o", s.outputDir.empty() ? std::string(".") : s.outputDir});
        if (s.ring.fileSizeKB)
            a.insert(a.end(), {"-b", "filesize:" + std::to_string(s.ring.fileSizeKB)});
        if (s.ring.durationS)
            a.insert(a.end(), {"-b", "duration:" + std::to_string(s.ring.durationS)});
        if (s.ring.files)
            a.insert(a.end(), {"-b", "files:" + std::to_string(s.ring.files)});
        if (s.autoStop.fileSizeKB)
            a.insert(a.end(), {"-a", "filesize:" + std::to_string(s.autoStop.fileSizeKB)});
    }
    if (s.autoStop.durationS)
        a.insert(a.end(), {"-a", "duration:" + std::to_string(s.autoStop.durationS)});
    if (s.autoStop.packets)
        a.insert(a.end(), {"-c", std::to_string(s.autoStop.packets)});
    return a;
}

bool CaptureWorker::startHelper(QString &error)
{
    m_helperPath = qs(m_settings.helperPath.empty()
                          ? findCaptureHelper(executableDir(m_settings.executablePath))
                          : m_settings.helperPath);
    if (m_helperPath.isEmpty()) {
        error = tr("Cannot capture on %1: the capture helper netlens-capture was not found "
                   "(looked beside %2, in ../helper and on PATH). Install it, or set "
                   "NETLENS_CAPTURE_HELPER to its path.")
                    .arg(qs(m_settings.interface), qs(executableDir(m_settings.executablePath)));
        return false;
    }
    if (m_wakeFd < 0) {
        error = tr("Cannot capture on %1: the process is out of file descriptors.")
                    .arg(qs(m_settings.interface));
        return false;
    }
    std::vector<std::string> args = helperArguments(m_settings);
    args.insert(args.end(), {"--status-fd", std::to_string(HelperProcess::kStatusFd)});
    m_helper = std::make_unique<HelperProcess>();
    std::string err;
    if (!m_helper->start(m_helperPath.toStdString(), args, true, err)) {
        error = tr("Cannot capture on %1: %2").arg(qs(m_settings.interface), qs(err));
        return false;
    }
    return true;
}

void CaptureWorker::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
    m_stop.store(true);
}

void CaptureWorker::handleStatus(const std::string &line)
{
    std::string rest;
    const auto w = words(line, 1, rest);
    if (w.empty())
        return;
    const std::string &kind = w[0];
    if (kind == "started") {
        std::string ignored;
        const auto f = words(rest, 3, ignored);
        if (!f.empty())
            m_linkType = static_cast<int>(std::strtol(f[0].c_str(), nullptr, 10));
        m_startedSeen = true;
    } else if (kind == "file") {
        std::string path;
        const auto f = words(rest, 2, path);
        if (f.size() == 2 && !path.empty())
            m_pendingFiles.push_back({static_cast<int>(number(f[0])), number(f[1]), qs(path)});
    } else if (kind == "stats") {
        std::string ignored;
        const auto f = words(rest, 3, ignored);
        if (f.size() == 3) {
            m_received = number(f[0]);
            m_dropped = number(f[1]);
            m_ifDropped = number(f[2]);
        }
    } else if (kind == "error") {
        std::string message;
        const auto f = words(rest, 1, message);
        if (!f.empty() && m_helperError.isEmpty()) {
            m_helperErrorCode = static_cast<int>(number(f[0]));
            m_helperError = qs(message);
        }
    } else if (kind == "done") {
        m_doneSeen = true;
    }
    // "removed PATH": -b files:N deleted an old file; files() keeps its place (the rows'
    // fileIndex), and the reports skip the files that no longer exist.
}

void CaptureWorker::switchFiles()
{
    std::size_t used = 0;
    while (used < m_pendingFiles.size() && m_pendingFiles[used].firstPacket <= m_packets) {
        const PendingFile &f = m_pendingFiles[used++];
        {
            QMutexLocker lock(&m_filesMutex);
            m_files.append(f.path);
        }
        m_filePackets.push_back(0);
        m_fileIndex = static_cast<int>(m_files.size()) - 1;
        m_fileBytes = kFileHeaderBytes;
        m_totalBytes += kFileHeaderBytes;
    }
    m_pendingFiles.erase(m_pendingFiles.begin(),
                         m_pendingFiles.begin() + static_cast<std::ptrdiff_t>(used));
}

void CaptureWorker::emitStarted()
{
    if (m_startedEmitted)
        return;
    m_startedEmitted = true;
    Q_EMIT started(qs(m_settings.interface), m_linkType,
                   m_files.isEmpty() ? QString() : m_files.constLast());
}

void CaptureWorker::run()
{
    m_startNs = steadyNowNs();
    m_lastBatchNs = m_lastStatsNs = m_lastSnapshotNs = m_startNs;
    QString error;
    if (!startHelper(error)) {
        Q_EMIT errorOccurred(error);
        Q_EMIT snapshotReady(m_engine->buildFinalSnapshot(m_settings.snapshot));
        Q_EMIT finished(currentStats(steadyNowNs()));
        return;
    }
    if (m_settings.alerts.enabled) {
        // No bytes reader: the capture file is written behind a buffer (and there may be
        // none), so the snippets copy their packets' bytes into a bounded ring instead.
        m_alerts = AlertEngine::create(*m_engine, m_settings.alerts, error);
        if (!m_alerts)
            Q_EMIT errorOccurred(tr("Alerts are off: %1").arg(error));
        else
            m_engine->addPacketObserver(m_alerts.get());
    }
    startExport();
    startHistory();

    // The longest the loop sleeps with nothing to read: the housekeeping below stays on time.
    const int idleWaitMs = std::max(1, std::min(m_settings.timeoutMs, m_settings.batchIntervalMs));
    bool outOpen = true, statusOpen = true, errOpen = true, caughtUp = true;
    std::int64_t killAtNs = 0;
    bool killed = false;
    std::vector<std::string> lines;
    while (outOpen || statusOpen) {
        if (m_stop.load(std::memory_order_relaxed) && !m_terminated) {
            // The helper writes what it holds, closes its file and ends; we read to the end.
            m_helper->signal(SIGTERM);
            m_terminated = true;
            killAtNs = steadyNowNs() + kTermGraceNs;
        }
        if (m_terminated && !killed && steadyNowNs() >= killAtNs) {
            m_helper->signal(SIGKILL);
            killed = true;
        }
        pollfd fds[4] = {{outOpen ? m_helper->stdoutFd() : -1, POLLIN, 0},
                         {statusOpen ? m_helper->statusFd() : -1, POLLIN, 0},
                         {errOpen ? m_helper->stderrFd() : -1, POLLIN, 0},
                         {m_wakeFd, POLLIN, 0}};
        if (::poll(fds, 4, caughtUp ? idleWaitMs : 0) > 0 && (fds[3].revents & POLLIN)) {
            eventfd_t ignored = 0;
            ::eventfd_read(m_wakeFd, &ignored);
        }
        // The stream first, then the status lines: the helper writes a line before the
        // packets it concerns, so once packets are in hand their lines can be read too.
        caughtUp = true;
        if (outOpen) {
            switch (m_stream->fill(m_helper->stdoutFd(), kReadBytes)) {
            case PcapStream::Fill::Data: caughtUp = false; break;
            case PcapStream::Fill::Again: break;
            case PcapStream::Fill::End: outOpen = false; break;
            case PcapStream::Fill::Error:
                outOpen = false;
                fail(qs(m_stream->errorText()));
                break;
            }
        }
        lines.clear();
        if (statusOpen)
            statusOpen = m_helper->readStatusLines(lines);
        for (const std::string &line : lines)
            handleStatus(line);
        switchFiles();
        if (m_startedSeen && (!m_settings.record || !m_files.isEmpty()))
            emitStarted();
        PcapStream::Record r;
        while (m_stream->next(r)) {
            switchFiles();
            if (m_startedSeen)
                emitStarted();
            handlePacket(*m_stream, r.tsNs, r.capLen, r.wireLen, r.data);
        }
        if (m_stream->failed() && outOpen) {
            fail(qs(m_stream->errorText()));
            m_helper->closeStdout(); // the helper sees EPIPE and ends
            outOpen = false;
        }
        if (errOpen)
            errOpen = m_helper->readStderr();
        publish(steadyNowNs(), false);
    }
    m_helper->reap(1000);
    if (errOpen)
        m_helper->readStderr(); // what it said last, now that it has ended
    if (m_startedSeen)
        emitStarted();
    if (const QString end = endMessage(); !end.isEmpty())
        fail(end);

    const std::int64_t end = steadyNowNs();
    m_engine->finish();
    if (m_alerts) {
        m_alerts->advanceTo(wallNowNs()); // the quiet time up to the stop counts too
        m_alerts->finish();               // released at the last packet's time, snippets written
    }
    if (m_ipfix) {
        m_ipfix->finish(); // every flow still metered, with its final protocol
        exportWarnings();
    }
    finishHistory();
    publish(end, true);
    Q_EMIT snapshotReady(m_engine->buildFinalSnapshot(m_settings.snapshot));
    CaptureStats last = currentStats(end);
    if (last.elapsedMs > 0) { // the final figures are averages over the whole capture
        last.packetsPerSec =
            static_cast<double>(m_packets) * 1000.0 / static_cast<double>(last.elapsedMs);
        last.bytesPerSec =
            static_cast<double>(m_bytes) * 1000.0 / static_cast<double>(last.elapsedMs);
    }
    if (!m_error.isEmpty())
        Q_EMIT errorOccurred(m_error);
    Q_EMIT finished(last);
}

QString CaptureWorker::endMessage() const
{
    const int code = m_helper->exitCode();
    const int sig = m_helper->termSignal();
    if (code == 0 || (m_terminated && sig == SIGTERM))
        return {};
    const QString ifname = qs(m_settings.interface);
    QString detail = m_helperError;
    if (detail.isEmpty())
        detail = qs(m_helper->lastStderrLine());
    QString saved;
    if (!m_files.isEmpty() && m_startedSeen)
        saved = QLatin1Char(' ') +
                tr("The packets captured so far are saved in %1.").arg(m_files.constLast());
    if (sig != 0) {
        if (m_terminated)
            return tr("Capture on %1: the capture helper did not stop in time and was killed.")
                       .arg(ifname) +
                   saved;
        return tr("Capture on %1 stopped: the capture helper %2 ended unexpectedly (signal %3).")
                   .arg(ifname, m_helperPath)
                   .arg(sig) +
               saved;
    }
    switch (code) {
    case 2: return tr("The capture helper refused its arguments: %1").arg(detail);
    case 3:
        // Its own words: they name the command to run with the helper's real path.
        return m_helperError.isEmpty() && m_helper->stderrText().empty()
                   ? permissionMessage(ifname, m_helperPath)
                   : QString::fromStdString(m_helper->stderrText()).trimmed();
    case 4:
        if (m_startedSeen) {
            // The helper says "capture on IF stopped: why"; said once here.
            const QString prefix = QStringLiteral("capture on %1 stopped: ").arg(ifname);
            if (detail.startsWith(prefix, Qt::CaseInsensitive))
                detail = detail.mid(prefix.size());
            return tr("Capture on %1 stopped: %2").arg(ifname, detail) + saved;
        }
        return tr("Cannot capture on %1: %2").arg(ifname, detail);
    case 5:
        return m_startedSeen ? tr("Capture on %1 stopped: %2").arg(ifname, detail)
                             : tr("Cannot capture on %1: %2").arg(ifname, detail);
    default:
        return tr("Capture on %1 failed: the capture helper exited with status %2: %3")
                   .arg(ifname)
                   .arg(code)
                   .arg(detail) +
               saved;
    }
}

void CaptureWorker::handlePacket(const PcapStream &stream, std::int64_t tsNs, std::uint32_t capLen,
                                 std::uint32_t wireLen, const std::uint8_t *data)
{
    RawPacket p;
    p.data = data;
    p.capLen = capLen;
    p.wireLen = wireLen;
    p.tsNs = tsNs;
    p.linkType = static_cast<std::uint16_t>(stream.linkType());
    p.nanoResolution = stream.nano();
    if (m_fileIndex >= 0) {
        // The file holds exactly the streamed records: this one's data follows its header.
        p.fileOffset = m_fileBytes + kRecordHeaderBytes;
        m_fileBytes += kRecordHeaderBytes + capLen;
        m_totalBytes += kRecordHeaderBytes + capLen;
        ++m_filePackets.back();
        m_engine->beginFile(static_cast<std::uint16_t>(m_fileIndex));
    }
    m_engine->process(p);
    ++m_packets;
    m_bytes += wireLen;
}

void CaptureWorker::publish(std::int64_t nowNs, bool force)
{
    if (force || nowNs - m_lastBatchNs >= m_settings.batchIntervalMs * 1000000ll) {
        m_lastBatchNs = nowNs;
        const std::size_t rows = m_engine->store().size();
        if (rows > m_publishedRows) {
            Q_EMIT batchReady(static_cast<qsizetype>(m_publishedRows),
                              static_cast<qsizetype>(rows));
            m_publishedRows = rows;
        }
        if (m_alerts && m_alerts->hasChanges())
            Q_EMIT alertsReady(m_alerts->takeChanges());
        m_engine->reclaim(nowNs);
        if (m_ipfix && !force) {
            m_ipfix->advanceTo(wallNowNs()); // flows end on the clock on a quiet link too
            exportWarnings();
        }
    }
    if (force || nowNs - m_lastStatsNs >= m_settings.statsIntervalMs * 1000000ll) {
        // Packet times are the wall clock: flows that went quiet get their final name even
        // when no later packet advances the engine's own clock.
        m_engine->expireIdle(wallNowNs());
        // The same clock for the alerts: a link gone quiet still releases them.
        if (m_alerts && !force)
            m_alerts->advanceTo(wallNowNs());
        // And for the history: a quiet link still writes its minute.
        if (m_history && !force)
            m_history->advanceTo(wallNowNs());
        Q_EMIT statsTick(currentStats(nowNs));
    }
    // Not forced at the end: run() sends the complete snapshot then.
    if (!force && nowNs - m_lastSnapshotNs >= m_settings.snapshotIntervalMs * 1000000ll) {
        m_lastSnapshotNs = nowNs;
        Q_EMIT snapshotReady(m_engine->buildSnapshot(m_settings.snapshot));
    }
}

CaptureStats CaptureWorker::currentStats(std::int64_t nowNs)
{
    CaptureStats s;
    s.packets = m_packets;
    s.bytes = m_bytes;
    s.elapsedMs = (nowNs - m_startNs) / 1000000;
    const double dt = static_cast<double>(nowNs - m_lastStatsNs) / 1e9;
    if (dt > 0) {
        s.packetsPerSec = static_cast<double>(m_packets - m_ticksPackets) / dt;
        s.bytesPerSec = static_cast<double>(m_bytes - m_ticksBytes) / dt;
    }
    m_lastStatsNs = nowNs;
    m_ticksPackets = m_packets;
    m_ticksBytes = m_bytes;
    // The kernel's counters, as the helper last reported them (every second and at the end).
    s.received = m_received;
    s.droppedKernel = m_dropped;
    s.droppedInterface = m_ifDropped;
    s.file = m_files.isEmpty() ? QString() : m_files.constLast();
    s.fileBytes = m_totalBytes;
    s.files = static_cast<int>(m_files.size());
    if (m_ipfix) {
        const IpfixStats e = m_ipfix->stats();
        s.flowsExported = e.records;
        s.exportLost = e.lost;
    }
    return s;
}

} // namespace netlens
