// SPDX-License-Identifier: GPL-3.0-or-later
#include "session/capturesession.h"

#include "capture/captureworker.h"
#include "engine/engine.h"
#include "engine/fileloader.h"
#include "engine/packetbytes.h"

#include <QFileInfo>
#include <QThread>

namespace netlens {

CaptureSession::CaptureSession(Kind kind, QObject *parent)
    : QObject(parent)
    , m_kind(kind)
    , m_thread(new QThread)
    , m_bytes(std::make_shared<PacketBytesReader>())
{
}

CaptureSession *CaptureSession::openFiles(const QStringList &files, QObject *parent,
                                          std::size_t storeCapacity, const AlertSettings &alerts,
                                          const MemoryLimits &limits, const EngineSettings &engine)
{
    auto *s = new CaptureSession(Kind::Files, parent);
    s->m_loader = new FileLoader(files, storeCapacity, nullptr, alerts, limits, engine);
    for (const QString &f : files)
        s->m_bytes->addFile(f.toStdString());
    s->m_knownFiles = files;
    s->m_loader->moveToThread(s->m_thread);
    // Queued: the loader lives on the worker thread, the session on the UI thread.
    connect(s->m_thread, &QThread::started, s->m_loader, &FileLoader::run);
    connect(s->m_loader, &FileLoader::batchReady, s, &CaptureSession::rowsAvailable,
            Qt::QueuedConnection);
    connect(s->m_loader, &FileLoader::progress, s, &CaptureSession::progress, Qt::QueuedConnection);
    connect(s->m_loader, &FileLoader::alertsReady, s, &CaptureSession::onAlerts,
            Qt::QueuedConnection);
    connect(s->m_loader, &FileLoader::snapshotReady, s, &CaptureSession::onSnapshot,
            Qt::QueuedConnection);
    connect(
        s->m_loader, &FileLoader::finished, s,
        [s](const QStringList &messages, bool) {
            for (const QString &m : messages)
                Q_EMIT s->errorOccurred(m);
            s->onFinished();
        },
        Qt::QueuedConnection);
    s->m_thread->start();
    return s;
}

CaptureSession *CaptureSession::startCapture(const CaptureSettings &settings, QObject *parent)
{
    auto *s = new CaptureSession(Kind::Live, parent);
    s->m_worker = new CaptureWorker(settings);
    s->m_worker->moveToThread(s->m_thread);
    connect(s->m_thread, &QThread::started, s->m_worker, &CaptureWorker::run);
    connect(
        s->m_worker, &CaptureWorker::started, s,
        [s](const QString &ifname, int linkType, const QString &file) {
            s->syncFiles();
            Q_EMIT s->captureStarted(ifname, linkType, file);
        },
        Qt::QueuedConnection);
    connect(
        s->m_worker, &CaptureWorker::batchReady, s,
        [s](qsizetype first, qsizetype end) {
            s->syncFiles(); // a rotation may have added a file these rows live in
            Q_EMIT s->rowsAvailable(first, end);
        },
        Qt::QueuedConnection);
    connect(
        s->m_worker, &CaptureWorker::statsTick, s,
        [s](const CaptureStats &stats) {
            s->m_lastStats = stats;
            Q_EMIT s->statsTick(stats);
        },
        Qt::QueuedConnection);
    connect(s->m_worker, &CaptureWorker::snapshotReady, s, &CaptureSession::onSnapshot,
            Qt::QueuedConnection);
    connect(s->m_worker, &CaptureWorker::errorOccurred, s, &CaptureSession::errorOccurred,
            Qt::QueuedConnection);
    connect(s->m_worker, &CaptureWorker::warningOccurred, s, &CaptureSession::warningOccurred,
            Qt::QueuedConnection);
    connect(s->m_worker, &CaptureWorker::alertsReady, s, &CaptureSession::onAlerts,
            Qt::QueuedConnection);
    connect(
        s->m_worker, &CaptureWorker::finished, s,
        [s](const CaptureStats &stats) {
            s->m_lastStats = stats;
            Q_EMIT s->statsTick(stats);
            s->onFinished();
        },
        Qt::QueuedConnection);
    s->m_thread->start();
    return s;
}

CaptureSession::~CaptureSession()
{
    stop();
    m_thread->quit();
    m_thread->wait();
    delete m_loader;
    delete m_worker;
    delete m_thread;
}

const Engine &CaptureSession::engine() const
{
    return m_loader ? m_loader->engine() : m_worker->engine();
}

QStringList CaptureSession::files() const
{
    return m_knownFiles;
}

std::vector<std::string> CaptureSession::filePaths() const
{
    std::vector<std::string> out;
    out.reserve(static_cast<std::size_t>(m_knownFiles.size()));
    for (const QString &f : m_knownFiles)
        out.push_back(f.toStdString());
    return out;
}

void CaptureSession::onSnapshot(const StatsSnapshotPtr &snapshot)
{
    m_lastSnapshot = snapshot;
    Q_EMIT snapshotReady(snapshot);
}

void CaptureSession::onAlerts(const QList<Alert> &alerts)
{
    for (const Alert &a : alerts) {
        const auto it = m_alertIndex.constFind(a.uid);
        if (it == m_alertIndex.constEnd()) {
            m_alertIndex.insert(a.uid, m_alerts.size());
            m_alerts.append(a);
        } else {
            m_alerts[*it] = a;
        }
    }
    Q_EMIT alertsReady(alerts);
}

std::vector<quint64> CaptureSession::filePackets() const
{
    return m_worker && !m_running ? m_worker->filePackets() : std::vector<quint64>{};
}

std::vector<FileResult> CaptureSession::fileResults() const
{
    if (m_loader)
        return m_running ? std::vector<FileResult>{} : m_loader->results();
    std::vector<FileResult> out;
    const std::vector<quint64> written = filePackets();
    for (qsizetype i = 0; i < m_knownFiles.size(); ++i) {
        // A ring buffer file deleted again (-b files:N) is not listed: it cannot be opened.
        if (!QFileInfo::exists(m_knownFiles[i]))
            continue;
        FileResult r;
        r.path = m_knownFiles[i].toStdString();
        r.format = "pcap (written by NetLens)";
        const auto at = static_cast<std::size_t>(i);
        r.packets = at < written.size() ? written[at] : 0;
        out.push_back(r);
    }
    return out;
}

void CaptureSession::syncFiles()
{
    if (!m_worker)
        return;
    const QStringList now = m_worker->files();
    for (qsizetype i = m_knownFiles.size(); i < now.size(); ++i) {
        m_bytes->addFile(now[i].toStdString());
        m_knownFiles << now[i];
    }
}

void CaptureSession::stop()
{
    if (!m_running)
        return;
    m_stopped = true;
    if (m_loader)
        m_loader->cancel();
    if (m_worker)
        m_worker->requestStop();
}

void CaptureSession::onFinished()
{
    syncFiles();
    m_running = false;
    m_thread->quit();
    Q_EMIT finished();
}

} // namespace netlens
