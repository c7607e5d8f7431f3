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
#include <vector>

struct pcap;
struct pcap_pkthdr;

namespace netlens {

class AlertEngine;
class Engine;
class PcapRecorder;

/**
 * Live capture on one interface. Lives in its own QThread (moveToThread); run() is its
 * capture loop and is started by the thread's started() signal.
 *
 * Each packet is written to the capture file, then decoded and aggregated by the worker's
 * own Engine. The UI hears about it in batches: batchReady() at most every
 * batchIntervalMs with the new store rows, statsTick() every statsIntervalMs, and
 * errorOccurred()/finished() at the end. Never a signal per packet.
 *
 * requestStop() may be called from any thread (the loop does not return to the event loop,
 * so a queued slot would wait): it wakes the loop's poll() at once.
 *
 * The loop reads libpcap in non-blocking mode and does its own poll() on the capture socket,
 * the wake-up eventfd and a timeout, so that batches, stats ticks, flushes and -a duration
 * happen on time whether packets flood in or none come at all.
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
    /// Builds the message for a capture refused for lack of privilege.
    static QString permissionMessage(const QString &interface, const QString &executable);

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
    /// New, updated and released alerts, with the row batches (never one per packet).
    void alertsReady(const QList<netlens::Alert> &alerts);
    void finished(const netlens::CaptureStats &stats);

private:
    static void onPacket(unsigned char *user, const pcap_pkthdr *header, const unsigned char *data);
    void handlePacket(const pcap_pkthdr *header, const unsigned char *data);
    bool openHandle(QString &error);
    void publish(std::int64_t nowNs, bool force);
    /// Adds the recorder's current file to files() when it opened one since the last call.
    void trackRecorderFiles();
    CaptureStats currentStats(std::int64_t nowNs);
    void fail(const QString &message);

    CaptureSettings m_settings;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<AlertEngine> m_alerts;
    std::unique_ptr<PcapRecorder> m_recorder;
    pcap *m_handle = nullptr;
    std::atomic<bool> m_stop{false};
    // An eventfd the capture loop polls beside the capture socket: requestStop() writes it.
    // It lives as long as the worker, so any thread may write it at any time (unlike the
    // pcap handle, which the loop closes when it ends).
    int m_wakeFd = -1;
    bool m_nano = false;
    int m_linkType = 0;
    QString m_error;
    mutable QMutex m_filesMutex;
    QStringList m_files;                // guarded by m_filesMutex
    std::vector<quint64> m_filePackets; // worker thread only, until finished()
    int m_fileIndex = -1;
    std::int64_t m_startNs = 0;
    std::int64_t m_lastBatchNs = 0;
    std::int64_t m_lastStatsNs = 0;
    std::int64_t m_lastSnapshotNs = 0;
    std::int64_t m_lastFlushNs = 0;
    std::size_t m_publishedRows = 0;
    quint64 m_packets = 0;
    quint64 m_bytes = 0;
    quint64 m_ticksPackets = 0;
    quint64 m_ticksBytes = 0;
};

} // namespace netlens
