// SPDX-License-Identifier: GPL-3.0-or-later
#include "capture/captureworker.h"

#include "alerts/alertengine.h"
#include "capture/pcaprecorder.h"
#include "engine/engine.h"
#include "store/clock.h"

#include <QMutexLocker>
#include <algorithm>
#include <climits>
#include <pcap/pcap.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace netlens {

namespace {
// Packets per pcap_dispatch() call: about a millisecond of work, far below the batch interval.
constexpr int kDispatchPackets = 1024;
QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}
} // namespace

CaptureWorker::CaptureWorker(CaptureSettings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_engine(std::make_unique<Engine>(EngineSettings::withLimits(m_settings.limits)))
    , m_recorder(std::make_unique<PcapRecorder>())
{
    qRegisterMetaType<netlens::CaptureStats>();
    qRegisterMetaType<QList<netlens::Alert>>();
    m_engine->setStoreCapacity(m_settings.storeCapacity);
    m_wakeFd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
}

CaptureWorker::~CaptureWorker()
{
    if (m_handle)
        pcap_close(m_handle);
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

QString CaptureWorker::permissionMessage(const QString &interface, const QString &executable)
{
    const QString exe = executable.isEmpty() ? QStringLiteral("netlens-cli") : executable;
    return tr("No permission to capture on %1. Grant the capture capabilities once with "
              "\"sudo setcap cap_net_raw,cap_net_admin=eip %2\" (or run deploy/setcap.sh), "
              "or start NetLens as root.")
        .arg(interface, exe);
}

bool CaptureWorker::openHandle(QString &error)
{
    const QString ifname = qs(m_settings.interface);
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    m_handle = pcap_create(m_settings.interface.c_str(), errbuf);
    if (!m_handle) {
        error = tr("Cannot open %1: %2").arg(ifname, QString::fromLocal8Bit(errbuf));
        return false;
    }
    pcap_set_snaplen(m_handle, m_settings.snapLen);
    pcap_set_promisc(m_handle, m_settings.promiscuous ? 1 : 0);
    // In 64 bits: 2 GiB and more would overflow the int libpcap takes.
    const long long bufferBytes = static_cast<long long>(m_settings.bufferMiB) * 1024 * 1024;
    pcap_set_buffer_size(m_handle,
                         static_cast<int>(std::clamp<long long>(bufferBytes, 0, INT_MAX)));
    pcap_set_timeout(m_handle, m_settings.timeoutMs);
    if (m_settings.immediate)
        pcap_set_immediate_mode(m_handle, 1);
    m_nano = pcap_set_tstamp_precision(m_handle, PCAP_TSTAMP_PRECISION_NANO) == 0;
    const int rc = pcap_activate(m_handle);
    if (rc < 0) {
        const QString detail = QString::fromLocal8Bit(pcap_geterr(m_handle));
        if (rc == PCAP_ERROR_PERM_DENIED)
            error = permissionMessage(ifname, qs(m_settings.executablePath));
        else if (rc == PCAP_ERROR_NO_SUCH_DEVICE)
            error = tr("There is no interface named \"%1\" (netlens-cli interfaces lists them): %2")
                        .arg(ifname, detail);
        else if (rc == PCAP_ERROR_IFACE_NOT_UP)
            error = tr("Interface %1 is down; bring it up first (ip link set %1 up).").arg(ifname);
        else
            error = tr("Cannot capture on %1: %2").arg(ifname, detail);
        return false;
    }
    if (m_nano)
        m_nano = pcap_get_tstamp_precision(m_handle) == PCAP_TSTAMP_PRECISION_NANO;
    // Non-blocking: run() waits in its own poll(), which requestStop() can wake (see the class
    // comment). A blocking TPACKET_V3 read would sleep until traffic came, however long.
    if (m_wakeFd < 0) {
        error = tr("Cannot capture on %1: the process is out of file descriptors.").arg(ifname);
        return false;
    }
    if (pcap_setnonblock(m_handle, 1, errbuf) != 0 || pcap_get_selectable_fd(m_handle) < 0) {
        error = tr("Cannot capture on %1: %2").arg(ifname, QString::fromLocal8Bit(errbuf));
        return false;
    }
    m_linkType = pcap_datalink(m_handle);
    if (!m_settings.filter.empty()) {
        bpf_program prog{};
        if (pcap_compile(m_handle, &prog, m_settings.filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) !=
            0) {
            error = tr("Capture filter \"%1\": %2")
                        .arg(qs(m_settings.filter), QString::fromLocal8Bit(pcap_geterr(m_handle)));
            return false;
        }
        const int set = pcap_setfilter(m_handle, &prog);
        pcap_freecode(&prog);
        if (set != 0) {
            error = tr("Capture filter \"%1\" could not be installed: %2")
                        .arg(qs(m_settings.filter), QString::fromLocal8Bit(pcap_geterr(m_handle)));
            return false;
        }
    }
    return true;
}

void CaptureWorker::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
    m_stop.store(true);
    if (m_handle)
        pcap_breakloop(m_handle);
}

void CaptureWorker::run()
{
    m_startNs = steadyNowNs();
    m_lastBatchNs = m_lastStatsNs = m_lastFlushNs = m_lastSnapshotNs = m_startNs;
    QString error;
    // Every way out sends a last (empty) snapshot before finished(), as the normal end does.
    const auto finishEarly = [this] {
        Q_EMIT snapshotReady(m_engine->buildFinalSnapshot(m_settings.snapshot));
        Q_EMIT finished(currentStats(steadyNowNs()));
    };
    if (!openHandle(error)) {
        Q_EMIT errorOccurred(error);
        finishEarly();
        return;
    }
    if (m_settings.alerts.enabled) {
        // No bytes reader: the capture file is written behind a buffer (and there may be
        // none), so the snippets copy their packets' bytes into a bounded ring instead.
        m_alerts = AlertEngine::create(*m_engine, m_settings.alerts, error);
        if (!m_alerts) {
            Q_EMIT errorOccurred(tr("Alerts are off: %1").arg(error));
        } else {
            m_engine->setPacketObserver(m_alerts.get());
        }
    }
    if (m_settings.record) {
        std::string err;
        if (!m_recorder->open(m_settings, m_linkType, m_settings.snapLen, m_nano, m_startNs, err)) {
            Q_EMIT errorOccurred(qs(err));
            finishEarly();
            return;
        }
        trackRecorderFiles();
    }
    Q_EMIT started(qs(m_settings.interface), m_linkType, qs(m_recorder->currentFile()));

    // The longest the loop sleeps with nothing to read: the housekeeping below stays on time.
    const int idleWaitMs = std::max(1, std::min(m_settings.timeoutMs, m_settings.batchIntervalMs));
    pollfd fds[2] = {{pcap_get_selectable_fd(m_handle), POLLIN, 0}, {m_wakeFd, POLLIN, 0}};
    while (!m_stop.load(std::memory_order_relaxed)) {
        // A bounded count: under sustained load libpcap would otherwise keep reading as long as
        // packets keep coming, and batches, stats, flushes and -a duration would all wait.
        const int n = pcap_dispatch(m_handle, kDispatchPackets, &CaptureWorker::onPacket,
                                    reinterpret_cast<unsigned char *>(this));
        if (n >= 0 && n < kDispatchPackets && !m_stop.load(std::memory_order_relaxed)) {
            // Caught up: sleep until the kernel hands over more, requestStop() wakes us, or the
            // housekeeping is due. An error on the socket wakes poll() too, and the next
            // pcap_dispatch() reports it.
            if (::poll(fds, 2, idleWaitMs) > 0 && (fds[1].revents & POLLIN)) {
                eventfd_t ignored = 0;
                ::eventfd_read(m_wakeFd, &ignored);
            }
        }
        if (n < 0 && n != PCAP_ERROR_BREAK) {
            const QString detail = QString::fromLocal8Bit(pcap_geterr(m_handle));
            QString msg = tr("Capture on %1 stopped: the interface went down or was removed (%2).")
                              .arg(qs(m_settings.interface), detail);
            if (m_recorder->filesOpened())
                msg += QLatin1Char(' ') + tr("The packets captured so far are saved in %1.")
                                              .arg(qs(m_recorder->currentFile()));
            fail(msg);
            break;
        }
        const std::int64_t now = steadyNowNs();
        const auto &stop = m_settings.autoStop;
        if (stop.durationS && now - m_startNs >= stop.durationS * 1000000000)
            m_stop.store(true);
        if (m_settings.record && m_recorder->isOpen()) {
            std::string err;
            if (!m_recorder->rotateIfDue(now, err))
                fail(qs(err));
            trackRecorderFiles();
        }
        if (m_settings.record && now - m_lastFlushNs >= m_settings.flushIntervalMs * 1000000ll) {
            m_lastFlushNs = now;
            std::string err;
            if (!m_recorder->flush(err))
                fail(qs(err));
        }
        publish(now, false);
    }

    const std::int64_t end = steadyNowNs();
    std::string err;
    if (!m_recorder->close(err))
        fail(qs(err));
    m_engine->finish();
    if (m_alerts) {
        m_alerts->advanceTo(wallNowNs()); // the quiet time up to the stop counts too
        m_alerts->finish();               // released at the last packet's time, snippets written
    }
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
    pcap_close(m_handle);
    m_handle = nullptr;
    Q_EMIT finished(last);
}

void CaptureWorker::onPacket(unsigned char *user, const pcap_pkthdr *header,
                             const unsigned char *data)
{
    reinterpret_cast<CaptureWorker *>(user)->handlePacket(header, data);
}

void CaptureWorker::handlePacket(const pcap_pkthdr *h, const unsigned char *data)
{
    // Once stopping (-a packets reached, a write failed), not one packet more: libpcap may
    // still hand over the rest of the packets it has ready.
    if (m_stop.load(std::memory_order_relaxed))
        return;
    RawPacket p;
    p.data = data;
    p.capLen = h->caplen;
    p.wireLen = h->len;
    p.tsNs = static_cast<std::int64_t>(h->ts.tv_sec) * 1000000000 +
             static_cast<std::int64_t>(h->ts.tv_usec) * (m_nano ? 1 : 1000);
    p.linkType = static_cast<std::uint16_t>(m_linkType);
    p.nanoResolution = m_nano;
    if (m_settings.record && m_recorder->isOpen()) {
        std::string err;
        if (!m_recorder->write(*h, data, steadyNowNs(), err)) {
            fail(qs(err));
            return;
        }
        trackRecorderFiles();
        ++m_filePackets.back();
        // Where this record's bytes now live, so they can be re-read later.
        p.fileOffset = m_recorder->currentFileBytes() - h->caplen;
        m_engine->beginFile(static_cast<std::uint16_t>(m_fileIndex));
    }
    m_engine->process(p);
    ++m_packets;
    m_bytes += h->len;
    const auto &stop = m_settings.autoStop;
    if ((stop.packets && m_packets >= stop.packets) ||
        (stop.fileSizeKB && m_recorder->totalBytes() >= stop.fileSizeKB * 1000)) {
        m_stop.store(true);
        pcap_breakloop(m_handle);
    }
}

void CaptureWorker::trackRecorderFiles()
{
    // The recorder counts the files it opened; the session's list grows to match (this
    // thread is its only writer, so reading its size needs no lock).
    if (m_files.size() >= m_recorder->filesOpened())
        return;
    QMutexLocker lock(&m_filesMutex);
    m_files.append(qs(m_recorder->currentFile()));
    m_filePackets.push_back(0);
    m_fileIndex = static_cast<int>(m_files.size()) - 1;
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
    }
    if (force || nowNs - m_lastStatsNs >= m_settings.statsIntervalMs * 1000000ll) {
        // Packet times are the wall clock: flows that went quiet get their final name even
        // when no later packet advances the engine's own clock.
        m_engine->expireIdle(wallNowNs());
        // The same clock for the alerts: a link gone quiet still releases them.
        if (m_alerts && !force)
            m_alerts->advanceTo(wallNowNs());
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
    if (m_handle) {
        pcap_stat ps{};
        if (pcap_stats(m_handle, &ps) == 0) {
            s.received = ps.ps_recv;
            s.droppedKernel = ps.ps_drop;
            s.droppedInterface = ps.ps_ifdrop;
        }
    }
    s.file = qs(m_recorder->currentFile());
    s.fileBytes = m_recorder->totalBytes();
    s.files = m_recorder->filesOpened();
    return s;
}

} // namespace netlens
