// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alert.h"

#include <QObject>
#include <QSet>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace netlens {

class DesktopNotifier;

/**
 * NetLens in the system tray: the icon shows the state (idle, capturing, unacknowledged
 * alerts), the tooltip the live rate, the menu show/hide, start/stop capture and quit. It
 * also tells the user of each new alert at or above a severity, by the best way there is:
 * org.freedesktop.Notifications over D-Bus, else the tray's balloon, else a banner in the
 * window (bannerRequested()).
 */
class TrayController final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayController)

public:
    enum class State { Idle, Capturing, Alert };
    enum class Route { DBus, Balloon, Banner };

    explicit TrayController(QObject *parent = nullptr);
    ~TrayController() override;

    /// A tray host is there and the icon is shown in it.
    bool isInTray() const;
    /// Puts the icon in the tray if a tray host has come up since (a session starting
    /// NetLens at login may be quicker than its panel). Returns isInTray().
    bool attachIcon();
    QSystemTrayIcon *trayIcon() const { return m_tray; }
    QMenu *menu() const { return m_menu; }
    State state() const { return m_state; }
    /// How notifications go now.
    Route route() const;

    void setCapturing(bool capturing);
    /// Unacknowledged alerts: the icon shows the alert state while there are any.
    void setUnacknowledged(int count);
    /// The live rate for the tooltip (from the session's stats tick).
    void setRate(double packetsPerSecond, double bytesPerSecond);
    void setMinSeverity(Severity severity) { m_minSeverity = severity; }
    Severity minSeverity() const { return m_minSeverity; }
    /// Whether the window is shown, for the menu's Show/Hide text.
    void setWindowVisible(bool visible);

    /// Tells of the alerts in `alerts` that are new (a uid not seen before), engaged and at
    /// or above the minimum severity; returns how many it told of.
    int notifyAlerts(const QList<Alert> &alerts);
    /// Tells the user something the same way as alerts (an information, not an alert).
    void showNotice(const QString &title, const QString &body);

Q_SIGNALS:
    void showHideRequested();
    void startCaptureRequested();
    void stopCaptureRequested();
    void quitRequested();
    /// No notification service and no tray: the window should show `text` itself.
    void bannerRequested(const QString &text);
    /// A D-Bus notification was accepted by the daemon (for the tests and the log).
    void notificationShown(uint id);
    void notificationFailed(const QString &message);

private:
    void updateIcon();
    void updateToolTip();
    void updateMenu();
    void tell(Route how, const QString &title, const QString &body, Severity severity);

    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_menu = nullptr;
    QAction *m_showHide = nullptr;
    QAction *m_start = nullptr;
    QAction *m_stop = nullptr;
    DesktopNotifier *m_notifier = nullptr;
    State m_state = State::Idle;
    bool m_capturing = false;
    int m_unacknowledged = 0;
    double m_pps = 0;
    double m_bps = 0;
    bool m_windowVisible = true;
    Severity m_minSeverity = Severity::Warning;
    QSet<QString> m_told; ///< uids already notified: updates of an alert are not news
};

} // namespace netlens
