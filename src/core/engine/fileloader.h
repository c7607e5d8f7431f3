// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alert.h"
#include "alerts/alertsettings.h"
#include "engine/engine.h" // EngineSettings
#include "engine/fileanalyzer.h"
#include "stats/memorylimits.h"
#include "stats/snapshotbuilder.h"

#include <QObject>
#include <QStringList>
#include <atomic>
#include <memory>

namespace netlens {

class AlertEngine;

/**
 * Opens capture files in the background: a QObject for a QThread, speaking the same small
 * vocabulary as CaptureWorker (batchReady every batchIntervalMs, progress, finished), so the
 * table fills while a big file is still loading.
 */
class FileLoader final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileLoader)

public:
    /// `storeCapacity` bounds the packet rows kept (0: all), as for a live capture.
    /// `alerts`: the alert engine runs over the files when alerts.enabled; `limits`: flow
    /// expiry and caps; `engine`: the rest of the engine's settings (tests; its limits are
    /// replaced by `limits`).
    explicit FileLoader(QStringList files, std::size_t storeCapacity = 0, QObject *parent = nullptr,
                        AlertSettings alerts = {}, MemoryLimits limits = {},
                        const EngineSettings &engine = {});
    ~FileLoader() override;

    /// The engine the loader fills; other threads may read published store rows.
    const Engine &engine() const { return *m_engine; }
    const QStringList &files() const { return m_files; }
    /// Thread-safe: stop reading soon; finished() still comes, with what was read.
    void cancel() { m_cancel.store(true); }
    bool wasCancelled() const { return m_cancel.load(); }
    /// Result per file, valid after finished().
    const std::vector<FileResult> &results() const { return m_results; }
    void setBatchInterval(int ms) { m_batchIntervalMs = ms; }
    void setSnapshotInterval(int ms) { m_snapshotIntervalMs = ms; }
    void setSnapshotOptions(const SnapshotOptions &options) { m_snapshotOptions = options; }

public Q_SLOTS:
    void run();

Q_SIGNALS:
    /// Rows [firstRow, endRow) of engine().store() are new.
    void batchReady(qsizetype firstRow, qsizetype endRow);
    void progress(quint64 bytesDone, quint64 bytesTotal);
    /// Every snapshotIntervalMs while loading, and a complete one (every row) before
    /// finished(), so charts grow while a big file loads.
    void snapshotReady(const netlens::StatsSnapshotPtr &snapshot);
    /// New, updated and released alerts (by uid), sent with the row batches; the last ones
    /// (alerts released at the last packet's time, snippets written) before finished().
    void alertsReady(const QList<netlens::Alert> &alerts);
    /// `messages` holds one line per file that could not be fully read.
    void finished(const QStringList &messages, bool cancelled);

private:
    void publish(bool force);

    QStringList m_files;
    std::unique_ptr<Engine> m_engine;
    AlertSettings m_alertSettings;
    std::unique_ptr<AlertEngine> m_alerts;
    std::atomic<bool> m_cancel{false};
    std::vector<FileResult> m_results;
    int m_batchIntervalMs = 100;
    int m_snapshotIntervalMs = 400;
    SnapshotOptions m_snapshotOptions;
    std::int64_t m_lastBatchNs = 0;
    std::int64_t m_lastSnapshotNs = 0;
    RowId m_published = 0;
    quint64 m_bytesDone = 0;
    quint64 m_bytesTotal = 0;
};

} // namespace netlens
