// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alert.h"
#include "capture/capturesettings.h"
#include "capture/capturestats.h"
#include "stats/statssnapshot.h"

#include <QMutex>
#include <QObject>
#include <QStringList>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace netlens {

class AlertEngine;
class Engine;
class HelperProcess;
class IpfixExporter;
class HistoryRecorder;
class HistoryWriter;
class PcapStream;

/**
 * Live capture on one interface, through the capture helper. Lives in its own QThread
 * (moveToThread); run() is its capture loop and is started by the thread's started() signal.
 *
 * This process holds no capture privilege: run() starts `netlens-capture` (the only program
 * given the capabilities; see HelperProcess) with the settings as arguments. The helper opens
 * the interface, applies the filter, writes the capture file(s) and streams every packet as
 * pcap on a pipe; its status lines (another pipe) say which file each packet went to, the
 * kernel's drop counts and how it ended. The worker decodes and aggregates each packet with
 * its own Engine, and computes each packet's place in its file from the record sizes (the
 * file holds exactly the streamed records), so the window re-reads the bytes from there.
 *
 * The UI hears about it in batches: batchReady() at most every batchIntervalMs with the new
 * store rows, statsTick() every statsIntervalMs, and errorOccurred()/finished() at the end.
 * Never a signal per packet.
 *
 * requestStop() may be called from any thread (the loop does not return to the event loop,
 * so a queued slot would wait): it wakes the loop's poll() at once; the loop then sends the
 * helper SIGTERM and reads the stream to its end, so no packet the helper wrote is lost.
 */
class CaptureWorker final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaptureWorker)

public:
    explicit CaptureWorker(CaptureSettings settings, QObject *parent = nullptr);
    ~CaptureWorker() override;

    /// The engine the worker fills. Other threads may read its store's published rows;
    /// everything else only after finished().
    const Engine &engine() const { return *m_engine; }
    /// Capture files written so far, by the fileIndex stored in packet records. With -b
    /// files:N the older ones are deleted again.
    QStringList files() const;
    /// Packets written to each of files(), in the same order. Only after finished().
    const std::vector<quint64> &filePackets() const { return m_filePackets; }

    /// Thread-safe: ends the capture loop promptly.
    void requestStop();
    /// The message for a capture refused for lack of privilege, when the helper gave none.
    static QString permissionMessage(const QString &interface, const QString &helper);
    /// The helper's command line for `settings` (without the program and --status-fd).
    static std::vector<std::string> helperArguments(const CaptureSettings &settings);

public Q_SLOTS:
    void run();

Q_SIGNALS:
    void started(const QString &interface, int linkType, const QString &file);
    /// Rows [firstRow, endRow) of engine().store() are new.
    void batchReady(qsizetype firstRow, qsizetype endRow);
    void statsTick(const netlens::CaptureStats &stats);
    /// Every snapshotIntervalMs, and a complete one (every row) before finished().
    void snapshotReady(const netlens::StatsSnapshotPtr &snapshot);
    void errorOccurred(const QString &message);
    /// Something went wrong beside the capture, which goes on (the IPFIX collector is down).
    void warningOccurred(const QString &message);
    /// New, updated and released alerts, with the row batches (never one per packet).
    void alertsReady(const QList<netlens::Alert> &alerts);
    void finished(const netlens::CaptureStats &stats);

private:
    bool startHelper(QString &error);
    void handleStatus(const std::string &line);
    void handlePacket(const PcapStream &stream, std::int64_t tsNs, std::uint32_t capLen,
                      std::uint32_t wireLen, const std::uint8_t *data);
    /// Applies the `file` lines whose first packet is the next one.
    void switchFiles();
    void emitStarted();
    QString endMessage() const;
    void publish(std::int64_t nowNs, bool force);
    CaptureStats currentStats(std::int64_t nowNs);
    void fail(const QString &message);
    void startExport();
    void exportWarnings();

    struct PendingFile {
        int index = 0;
        quint64 firstPacket = 0;
        QString path;
    };

    CaptureSettings m_settings;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<AlertEngine> m_alerts;
    std::unique_ptr<IpfixExporter> m_ipfix;
    std::unique_ptr<HistoryWriter> m_historyWriter; // before the recorder: it feeds the writer
    std::unique_ptr<HistoryRecorder> m_history;
    void startHistory();
    void finishHistory();
    std::unique_ptr<HelperProcess> m_helper;
    std::unique_ptr<PcapStream> m_stream;
    QString m_helperPath;
    std::atomic<bool> m_stop{false};
    // An eventfd the capture loop polls beside the helper's pipes: requestStop() writes it.
    // It lives as long as the worker, so any thread may write it at any time.
    int m_wakeFd = -1;
    bool m_startedSeen = false; // the helper's "started" line
    bool m_startedEmitted = false;
    bool m_doneSeen = false;   // the helper's "done" line: a clean end
    bool m_terminated = false; // we sent SIGTERM
    int m_linkType = 0;
    QString m_error;
    QString m_helperError; // the helper's "error CODE MESSAGE" line, message part
    int m_helperErrorCode = 0;
    mutable QMutex m_filesMutex;
    QStringList m_files;                // guarded by m_filesMutex
    std::vector<quint64> m_filePackets; // worker thread only, until finished()
    std::vector<PendingFile> m_pendingFiles;
    int m_fileIndex = -1;
    std::uint64_t m_fileBytes = 0;  // bytes of the current file (header included)
    std::uint64_t m_totalBytes = 0; // of all files
    quint64 m_received = 0;
    quint64 m_dropped = 0;
    quint64 m_ifDropped = 0;
    std::int64_t m_startNs = 0;
    std::int64_t m_lastBatchNs = 0;
    std::int64_t m_lastStatsNs = 0;
    std::int64_t m_lastSnapshotNs = 0;
    std::size_t m_publishedRows = 0;
    quint64 m_packets = 0;
    quint64 m_bytes = 0;
    quint64 m_ticksPackets = 0;
    quint64 m_ticksBytes = 0;
};

} // namespace netlens
