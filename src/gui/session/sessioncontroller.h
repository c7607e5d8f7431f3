// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alertsettings.h"
#include "capture/capturesettings.h"

#include <QObject>
#include <QStringList>
#include <functional>

namespace netlens {

class CaptureSession;

/**
 * The session's lifecycle: opening files or the bundled sample, starting, stopping and
 * restarting a live capture, the recently opened files. It owns the one current
 * CaptureSession; views never keep it alive, they follow it:
 *
 *     controller->follow(view, [view](CaptureSession *s) { view->setSession(s); });
 *
 * calls the view now with the current session and again on every change: first with null
 * while the old session still exists (the view must stop reading its engine before it returns:
 * wait for its background jobs), then with the new one. Only then is the old one deleted.
 */
class SessionController final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionController)

public:
    static constexpr int kMaxRecentFiles = 10;

    explicit SessionController(QObject *parent = nullptr);
    /// Closes the session the same careful way as a change does.
    ~SessionController() override;

    /// The current session, or null.
    CaptureSession *session() const { return m_session; }
    /// Calls `setSession` with the current session now and whenever it changes (null before
    /// the old one goes away); the connection lives as long as `context`.
    void follow(QObject *context, const std::function<void(CaptureSession *)> &setSession);

    /// Opens capture files (read as one capture, in order), loading in the background, and
    /// puts them first in the recent files.
    void openFiles(const QStringList &files);
    /// Opens the capture bundled with the application, copied out once (the readers re-read
    /// bytes from a real file; a failed copy shows as the file's error).
    void openSample();
    /// Starts a live capture, replacing the current session.
    void startCapture(const CaptureSettings &settings);
    /// Stops a live capture; finished() comes from the session, which stays current.
    void stopCapture();
    /// Stops the live capture and starts a new one with `settings`.
    void restartCapture(const CaptureSettings &settings);
    /// Stops loading files (the status bar's Cancel); what was loaded stays.
    void stopLoading();
    /// Deletes the session (null afterwards).
    void closeSession();

    /// The alert engine's settings for the sessions opened or started from now on (files and
    /// live captures alike; a live capture's own settings.alerts are replaced).
    void setAlertSettings(const AlertSettings &alerts) { m_alerts = alerts; }
    /// Flow expiry and caps for the files opened next (captures take theirs from the
    /// CaptureSettings).
    void setMemoryLimits(const MemoryLimits &limits) { m_limits = limits; }
    /// Packet rows kept in memory for files opened from now on (0: all), as a live capture
    /// keeps: past it the oldest rows leave the table while the statistics count every packet,
    /// so a week-long file costs what its last rows cost.
    void setFileRowCapacity(std::size_t rows) { m_fileRows = rows; }
    const AlertSettings &alertSettings() const { return m_alerts; }

    QStringList recentFiles() const { return m_recent; }
    /// Sets the list, most recent first (as saved last time); recentFilesChanged() follows.
    void setRecentFiles(const QStringList &files);
    void clearRecentFiles() { setRecentFiles({}); }

Q_SIGNALS:
    /// The current session is about to be replaced or closed. Receivers must stop reading
    /// `old`'s engine before returning (it is deleted right after); connect directly.
    void sessionAboutToChange(netlens::CaptureSession *old);
    /// The new current session (null: none).
    void sessionChanged(netlens::CaptureSession *session);
    void recentFilesChanged(const QStringList &files);

private:
    void replaceSession(CaptureSession *next);
    void addRecent(const QStringList &files);

    CaptureSession *m_session = nullptr;
    AlertSettings m_alerts;
    MemoryLimits m_limits;
    std::size_t m_fileRows = 0;
    QStringList m_recent;
};

} // namespace netlens
