// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alert.h"
#include "engine/fileanalyzer.h"
#include "stats/statssnapshot.h"

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QString>
#include <cstdint>
#include <deque>
#include <vector>

namespace netlens {

/// What /api/v1/status reports besides the snapshot.
struct WebStatus {
    enum class State { Idle, Loading, Capturing, Finished };
    State state = State::Idle;
    QString interface;        ///< live capture only
    QString file;             ///< the file being written (live) or the first file read
    QStringList files;        ///< every file behind the data
    double packetsPerSec = 0; ///< live: over the last second
    double bitsPerSec = 0;
    quint64 droppedKernel = 0;
    quint64 droppedInterface = 0;
    qint64 startedAtMs = 0; ///< wall clock, ms since the epoch (0: unknown)
    /// 1, 2, ...: a new one for each file or capture the feed follows, so a page open across
    /// two of them knows to start over (snapshot sequences start again at 1 too).
    quint64 session = 0;
};

/**
 * The one place the web side reads from: the latest statistics snapshot, the alerts and the
 * capture status, handed over by whoever owns the session (UI or CLI thread) and read by the
 * server thread. Setters and readers are cheap (a shared pointer under a mutex); nothing here
 * touches the engine. Rendered JSON is cached per snapshot sequence, so a hundred pollers of
 * the same snapshot cost one rendering.
 *
 * Alerts get a feed-wide change number: each time an alert is added or changes state it gets
 * the next number, and /api/v1/alerts?since=ID lists the alerts changed after ID. At most
 * kMaxAlerts are kept (the oldest released ones go first).
 */
class DashboardFeed {
public:
    static constexpr std::size_t kMaxAlerts = 1000;

    void setSnapshot(StatsSnapshotPtr snapshot);
    void setFiles(std::vector<FileResult> files); ///< the summary's "files" (analyze --json)
    void setStatus(const WebStatus &status);
    /// New or updated alerts (by uid), as CaptureSession::alertsReady gives them.
    void addAlerts(const QList<Alert> &alerts);
    /// Forgets the alerts (a new session); change numbers go on, so cursors stay valid.
    void clearAlerts();

    StatsSnapshotPtr snapshot() const;
    std::vector<FileResult> files() const;
    /// Counts setFiles() calls: a rendering that read the files keys its cache entry with it,
    /// so one made just before the files changed is never served after.
    quint64 filesVersion() const;
    WebStatus status() const;
    struct AlertEntry {
        quint64 change = 0; ///< the feed-wide change number of its latest state
        Alert alert;
    };
    /// Alerts changed after `since`, oldest change first, at most `limit`; `next` gets the
    /// cursor to pass next time (the newest change number, or `since` when nothing is new).
    std::vector<AlertEntry> alertsSince(quint64 since, std::size_t limit, quint64 &next) const;

    /// A rendered reply cached for the current snapshot: `key` names the endpoint and its
    /// parameters. Returns an empty array when not cached (or the snapshot changed since).
    QByteArray cached(const QByteArray &key, std::uint64_t sequence) const;
    void store(const QByteArray &key, std::uint64_t sequence, const QByteArray &body) const;

private:
    mutable QMutex m_mutex;
    StatsSnapshotPtr m_snapshot;
    std::vector<FileResult> m_files;
    quint64 m_filesVersion = 0;
    WebStatus m_status;
    std::deque<AlertEntry> m_alerts;
    quint64 m_lastChange = 0;
    // cache: small, cleared when the snapshot sequence changes
    mutable std::uint64_t m_cacheSequence = 0;
    mutable std::vector<std::pair<QByteArray, QByteArray>> m_cache;
};

} // namespace netlens
