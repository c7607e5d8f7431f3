// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "history/historysettings.h"
#include "history/historytypes.h"

#include <QString>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace netlens {

class HistoryStore;

/**
 * Writes closed minutes to a HistoryStore on its own thread, so the engine thread never waits
 * for SQLite (a minute costs a few ms, more when another process holds the file). The queue
 * is bounded (kMaxPending minutes, hours of them): past it a minute is dropped and counted,
 * never waited for. The store is opened and used on the writer thread only (Qt SQL
 * connections belong to one thread).
 */
class HistoryWriter {
public:
    static constexpr std::size_t kMaxPending = 256;

    explicit HistoryWriter(HistorySettings settings);
    ~HistoryWriter(); ///< stop()
    HistoryWriter(const HistoryWriter &) = delete;
    HistoryWriter &operator=(const HistoryWriter &) = delete;

    /// Starts the thread and opens the store there; false with the message when it cannot.
    bool start(QString &error);
    /// Any thread: queues a minute (dropped when kMaxPending are waiting).
    void push(HistoryMinute &&minute);
    /// Writes what is queued and ends the thread.
    void stop();

    /// Thread-safe. The last write error (empty: none), minutes written and dropped.
    QString lastError() const;
    std::uint64_t written() const;
    std::uint64_t dropped() const;
    /// Milliseconds the slowest write took.
    double slowestWriteMs() const;

private:
    void loop(HistoryStore *store);

    HistorySettings m_settings;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<HistoryMinute> m_queue;
    bool m_stopping = false;
    bool m_running = false;
    QString m_error;
    std::uint64_t m_written = 0;
    std::uint64_t m_dropped = 0;
    double m_slowestMs = 0;
};

} // namespace netlens
