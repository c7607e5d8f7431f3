// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <memory>

namespace netlens {

class CaptureSession;
class DashboardFeed;

/**
 * Keeps a DashboardFeed up to date from a CaptureSession: snapshots, alerts, capture stats,
 * start and finish. The window, `netlens-cli capture --web` and `serve` all use it, so the
 * page shows the same thing whoever runs the session. Lives on the session's thread (UI or
 * CLI main); setting the feed is a pointer swap under its mutex.
 */
class SessionFeed final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionFeed)

public:
    SessionFeed(std::shared_ptr<DashboardFeed> feed, QObject *parent = nullptr);
    /// Follows `session` from now on (null: none; the feed keeps what it last had, as a
    /// finished capture). Takes what the session already has (snapshot, alerts, files).
    void follow(CaptureSession *session);
    std::shared_ptr<DashboardFeed> feed() const { return m_feed; }

private:
    std::shared_ptr<DashboardFeed> m_feed;
    CaptureSession *m_session = nullptr;
    QMetaObject::Connection m_connections[6];
};

} // namespace netlens
