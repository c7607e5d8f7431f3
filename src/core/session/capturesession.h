// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alert.h"
#include "alerts/alertsettings.h"
#include "capture/capturesettings.h"
#include "capture/capturestats.h"
#include "engine/engine.h" // EngineSettings
#include "engine/fileanalyzer.h"
#include "stats/statssnapshot.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <memory>
#include <string>
#include <vector>

class QThread;

namespace netlens {

class CaptureWorker;
class Engine;
class FileLoader;
class PacketBytesReader;

/**
 * One opened capture: either files loading in the background or a live capture. Owns the
 * worker thread and the worker (and so the Engine whose rows the table shows) and turns
 * their signals into one vocabulary for every front end (the window, the CLI, later the web
 * server): rows available, snapshot, capture stats, error, finished. Destroying it stops the
 * work and joins the thread.
 *
 * Views subscribe on their own: the packet table to rowsAvailable(), charts, statistics
 * windows and alerts to snapshotReady(), never reading the engine's tables themselves.
 * Core only (Qt Core): no widgets.
 */
class CaptureSession final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaptureSession)

public:
    enum class Kind { Files, Live };

    /// Starts loading `files` (read as one capture, in order), keeping at most
    /// `storeCapacity` packet rows in memory (0: all of them).
    /// `alerts`: the alert engine runs over them when alerts.enabled; `limits`: flow expiry
    /// and caps; `engine`: the rest of the engine's settings (tests).
    static CaptureSession *openFiles(const QStringList &files, QObject *parent = nullptr,
                                     std::size_t storeCapacity = 0,
                                     const AlertSettings &alerts = {},
                                     const MemoryLimits &limits = {},
                                     const EngineSettings &engine = {});
    /// Starts a live capture.
    static CaptureSession *startCapture(const CaptureSettings &settings, QObject *parent = nullptr);
    ~CaptureSession() override;

    Kind kind() const { return m_kind; }
    const Engine &engine() const;
    /// Capture files behind the rows, by record fileIndex (grows while a live capture rotates).
    QStringList files() const;
    /// The same, as the core's jobs (display filter, pcap export) take them.
    std::vector<std::string> filePaths() const;
    std::shared_ptr<PacketBytesReader> bytes() const { return m_bytes; }
    bool isRunning() const { return m_running; }
    /// Loading was cancelled or the capture stopped by the user.
    bool wasStopped() const { return m_stopped; }
    /// Stops loading or capturing soon; finished() follows.
    void stop();
    /// Figures of the last stats tick (live captures).
    const CaptureStats &lastStats() const { return m_lastStats; }
    /// The newest statistics snapshot (null before the first). After finished(), the
    /// complete one: every host, conversation and flow.
    StatsSnapshotPtr lastSnapshot() const { return m_lastSnapshot; }
    /// Packets written to each of files() by a live capture; valid after finished().
    std::vector<quint64> filePackets() const;
    /// How reading each file went (files: valid after finished(); live: the files written,
    /// as the capture's report lists them), for the summary's "files".
    std::vector<FileResult> fileResults() const;
    /// Every alert so far, in the order they engaged, each in its latest state.
    QList<Alert> alerts() const { return m_alerts; }

Q_SIGNALS:
    void rowsAvailable(qsizetype firstRow, qsizetype endRow);
    void progress(quint64 bytesDone, quint64 bytesTotal);
    void statsTick(const netlens::CaptureStats &stats);
    /// A new statistics snapshot (every 250-500 ms while working, a complete one at the end,
    /// before finished()).
    void snapshotReady(const netlens::StatsSnapshotPtr &snapshot);
    void captureStarted(const QString &interface, int linkType, const QString &file);
    /// New, updated or released alerts (by uid), batched; the last ones before finished().
    void alertsReady(const QList<netlens::Alert> &alerts);
    void errorOccurred(const QString &message);
    /// A problem beside the work, which goes on (the IPFIX collector is down).
    void warningOccurred(const QString &message);
    void finished();

private:
    CaptureSession(Kind kind, QObject *parent);
    void syncFiles();
    void onFinished();

    Kind m_kind;
    QThread *m_thread = nullptr;
    FileLoader *m_loader = nullptr;
    CaptureWorker *m_worker = nullptr;
    std::shared_ptr<PacketBytesReader> m_bytes;
    QStringList m_knownFiles;
    void onSnapshot(const StatsSnapshotPtr &snapshot);
    void onAlerts(const QList<Alert> &alerts);
    QList<Alert> m_alerts;
    QHash<QString, qsizetype> m_alertIndex; // uid -> position in m_alerts

    CaptureStats m_lastStats;
    StatsSnapshotPtr m_lastSnapshot;
    bool m_running = true;
    bool m_stopped = false;
};

} // namespace netlens
