// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/displayfilter.h"
#include "session/capturesession.h" // QPointer needs the complete type

#include <QFuture>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace netlens {

class CaptureSession;

/**
 * The display filter's passes over a session's store: BPF on each packet's bytes, re-read
 * from the capture files on a pool thread, so the window never waits for them.
 *
 * start() runs a full pass, with progress, over the rows stored when it starts. The store may
 * keep growing meanwhile (a live capture, a file still loading): every result says which rows
 * it examined, and whenever the store holds rows past those (after each pass, and on update(),
 * which the owner calls when rows arrive) the job runs an incremental pass over just them. No
 * row is skipped and none is examined twice. A pass that stops early because bytes are not on
 * disk yet (a live capture flushes once a second) is tried again a moment later.
 *
 * Results are emitted on the job's thread (the UI thread), from the pass's QFutureWatcher.
 */
class DisplayFilterJob final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DisplayFilterJob)

public:
    /// How long to wait before looking again at rows whose bytes were not on disk yet.
    static constexpr int kRetryMs = 250;

    explicit DisplayFilterJob(QObject *parent = nullptr);
    /// Cancels the passes and waits for them: they read the session's store.
    ~DisplayFilterJob() override;

    /// The session whose rows are filtered (null: none). Cancels the passes over the previous
    /// one and waits until they have returned, so that session may be deleted right after.
    /// The expression stays: the new session's rows are filtered as update() reports them.
    void setSession(CaptureSession *session);
    CaptureSession *session() const { return m_session; }

    /// Filters every stored row with `expression` (BPF), cancelling the passes of the previous
    /// one; applied() or failed() follows. Empty turns the filter off (no signal). Without a
    /// session the expression is only remembered.
    void start(const QString &expression);
    /// Examines rows stored since the last pass, unless a pass is running (it looks again when
    /// it ends). Call it when rows arrive.
    void update();
    /// Stops a running full pass and forgets the expression (the status bar's Cancel);
    /// cancelled() follows. Does nothing when no full pass runs.
    void cancel();

    QString expression() const { return m_expression; }
    /// A full pass (start()) is running.
    bool isApplying() const { return m_fullRunning; }
    /// A pass is running, or stored rows are still to be examined.
    bool isBusy() const;
    /// Store rows below this were examined for the current expression.
    RowId coveredRows() const { return m_covered; }
    /// While applied() is emitted: the full pass's matches (ascending), moved out to the
    /// caller, so a list of millions of rows is never copied. Empty afterwards.
    RowList takeAppliedRows() { return std::move(m_applied); }
    /// Blocks until every pass, cancelled ones included, has returned.
    void waitForFinished();

Q_SIGNALS:
    /// The full pass's progress, per mille of the rows it started with.
    void progress(int permille);
    /// The full pass ended: takeAppliedRows() (ascending) match among the store rows below
    /// `endRow`.
    void applied(netlens::RowId endRow);
    /// An incremental pass ended: `rows` (ascending, maybe none) match among the rows from the
    /// previous pass's end up to `endRow`.
    void rowsMatched(const netlens::RowList &rows, netlens::RowId endRow);
    /// The expression does not compile (libpcap's message); the filter is off again.
    void failed(const QString &error);
    /// cancel() stopped the full pass.
    void cancelled();

private:
    /// Drops every running pass: they see the cancel flag, their results are ignored.
    void abandonPasses();
    void launch(bool full, RowId from, RowId end);
    void onPassFinished(bool full, quint64 generation, RowId from, RowId end,
                        DisplayFilter::Result result);

    QPointer<CaptureSession> m_session;
    QString m_expression;
    quint64 m_generation = 0; ///< bumps when passes are abandoned; late results are dropped
    std::shared_ptr<std::atomic<bool>> m_cancel;
    bool m_fullRunning = false;
    bool m_incrementalRunning = false;
    RowId m_covered = 0;
    RowList m_applied; ///< the full pass's matches while applied() is emitted
    QList<QFuture<DisplayFilter::Result>> m_passes; ///< running or not yet collected
    QTimer m_retry;
};

} // namespace netlens
