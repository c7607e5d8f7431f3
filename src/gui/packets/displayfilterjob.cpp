// SPDX-License-Identifier: GPL-3.0-or-later
#include "displayfilterjob.h"

#include "engine/engine.h"
#include "session/capturesession.h"
#include "store/packetstore.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

namespace netlens {

DisplayFilterJob::DisplayFilterJob(QObject *parent)
    : QObject(parent)
    , m_cancel(std::make_shared<std::atomic<bool>>(false))
{
    m_retry.setSingleShot(true);
    m_retry.setInterval(kRetryMs);
    connect(&m_retry, &QTimer::timeout, this, &DisplayFilterJob::update);
}

DisplayFilterJob::~DisplayFilterJob()
{
    abandonPasses();
    waitForFinished();
}

void DisplayFilterJob::abandonPasses()
{
    m_cancel->store(true);
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    ++m_generation;
    m_fullRunning = m_incrementalRunning = false;
    m_retry.stop();
}

void DisplayFilterJob::waitForFinished()
{
    // A future whose result was taken is no longer valid, and waiting on it would never
    // return (Qt resets its state): its pass has ended anyway.
    for (QFuture<DisplayFilter::Result> &f : m_passes)
        if (f.isValid())
            f.waitForFinished();
    m_passes.clear();
}

void DisplayFilterJob::setSession(CaptureSession *session)
{
    abandonPasses();
    waitForFinished();
    m_session = session;
    m_covered = session ? session->engine().store().firstRow() : 0;
}

void DisplayFilterJob::start(const QString &expression)
{
    abandonPasses();
    m_expression = expression.trimmed();
    if (!m_session || m_expression.isEmpty())
        return;
    const PacketStore &store = m_session->engine().store();
    m_fullRunning = true;
    launch(true, store.firstRow(), store.size());
}

void DisplayFilterJob::update()
{
    if (!m_session || m_expression.isEmpty() || m_fullRunning || m_incrementalRunning)
        return;
    const PacketStore &store = m_session->engine().store();
    const RowId from = std::max(m_covered, store.firstRow()), end = store.size();
    if (from >= end)
        return;
    m_retry.stop();
    m_incrementalRunning = true;
    launch(false, from, end);
}

void DisplayFilterJob::cancel()
{
    if (!m_fullRunning)
        return;
    abandonPasses();
    m_expression.clear();
    Q_EMIT cancelled();
}

bool DisplayFilterJob::isBusy() const
{
    if (m_fullRunning || m_incrementalRunning)
        return true;
    return m_session && !m_expression.isEmpty() && m_covered < m_session->engine().store().size();
}

void DisplayFilterJob::launch(bool full, RowId from, RowId end)
{
    const Engine *engine = &m_session->engine();
    // The file list is read at each pass: a live capture's ring buffer adds files.
    const std::vector<std::string> files = m_session->filePaths();
    const std::string expr = m_expression.toStdString();
    const auto cancel = m_cancel;
    const quint64 generation = m_generation;
    std::function<void(std::size_t)> progress;
    if (full) {
        // Called on the pool thread; the destructor waits for the pass, so `this` outlives
        // it, and a queued call to a deleted object is dropped by Qt.
        progress = [this, generation, total = std::max<RowId>(end - from, 1)](std::size_t done) {
            const int permille = static_cast<int>(std::min<RowId>(done * 1000 / total, 1000));
            QMetaObject::invokeMethod(
                this,
                [this, generation, permille] {
                    if (generation == m_generation && m_fullRunning)
                        Q_EMIT this->progress(permille);
                },
                Qt::QueuedConnection);
        };
    }
    auto *watcher = new QFutureWatcher<DisplayFilter::Result>(this);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, full, generation, from, end] {
                watcher->deleteLater();
                // Taken, not copied: the future would otherwise keep the rows until the
                // next pass.
                onPassFinished(full, generation, from, end, watcher->future().takeResult());
            });
    const QFuture<DisplayFilter::Result> future =
        QtConcurrent::run([engine, files, expr, from, end, cancel, progress] {
            // BPF plus the protocol/transport/time terms the charts set.
            return DisplayFilter::run(*engine, files, expr, from, end, cancel.get(), progress);
        });
    m_passes.removeIf(
        [](const QFuture<DisplayFilter::Result> &f) { return !f.isValid() || f.isFinished(); });
    m_passes.append(future);
    watcher->setFuture(future);
}

void DisplayFilterJob::onPassFinished(bool full, quint64 generation, RowId from, RowId end,
                                      DisplayFilter::Result result)
{
    if (generation != m_generation)
        return; // superseded, cancelled, or the session changed
    (full ? m_fullRunning : m_incrementalRunning) = false;
    if (!result.ok) {
        m_expression.clear();
        Q_EMIT failed(QString::fromStdString(result.error));
        return;
    }
    // Only what the pass examined is covered; it may have stopped short of `end`.
    m_covered = std::max(m_covered, result.endRow);
    if (full) {
        m_applied = std::move(result.rows);
        Q_EMIT applied(result.endRow);
        m_applied = {}; // not taken: no need to keep it
    } else
        Q_EMIT rowsMatched(result.rows, result.endRow);
    if (generation != m_generation)
        return; // a receiver started over
    if (result.endRow >= end) {
        update(); // rows stored while the pass ran
        return;
    }
    // Stopped short: the next rows' bytes are not on disk yet, or live in a file the session
    // has not reported yet. Look again soon, while the session may still write them, or
    // while passes still make headway.
    const bool running = m_session && m_session->isRunning();
    if (running || result.endRow > from)
        m_retry.start();
}

} // namespace netlens
