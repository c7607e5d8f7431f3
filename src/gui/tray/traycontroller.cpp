// SPDX-License-Identifier: GPL-3.0-or-later
#include "traycontroller.h"

#include "alerts/alertlistmodel.h"
#include "desktopnotifier.h"

#include <QMenu>
#include <QSystemTrayIcon>
#include <optional>

namespace netlens {

TrayController::TrayController(QObject *parent)
    : QObject(parent)
    , m_notifier(new DesktopNotifier(this))
{
    connect(m_notifier, &DesktopNotifier::shown, this, &TrayController::notificationShown);
    connect(m_notifier, &DesktopNotifier::failed, this, &TrayController::notificationFailed);
    m_menu = new QMenu;
    m_showHide = m_menu->addAction(tr("Hide NetLens"), this, &TrayController::showHideRequested);
    m_menu->addSeparator();
    m_start = m_menu->addAction(tr("Start Capture"), this, &TrayController::startCaptureRequested);
    m_stop = m_menu->addAction(tr("Stop Capture"), this, &TrayController::stopCaptureRequested);
    m_menu->addSeparator();
    m_menu->addAction(tr("Quit"), this, &TrayController::quitRequested);
    attachIcon();
    updateMenu();
}

bool TrayController::attachIcon()
{
    if (m_tray || !QSystemTrayIcon::isSystemTrayAvailable())
        return isInTray();
    m_tray = new QSystemTrayIcon(this);
    m_tray->setContextMenu(m_menu);
    connect(m_tray, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                    Q_EMIT showHideRequested();
            });
    updateIcon();
    updateToolTip();
    m_tray->show();
    return isInTray();
}

TrayController::~TrayController()
{
    delete m_menu; // not a QObject child: QSystemTrayIcon does not own its menu
}

bool TrayController::isInTray() const
{
    return m_tray && m_tray->isVisible();
}

TrayController::Route TrayController::route() const
{
    if (DesktopNotifier::isAvailable())
        return Route::DBus;
    if (isInTray() && QSystemTrayIcon::supportsMessages())
        return Route::Balloon;
    return Route::Banner;
}

void TrayController::setCapturing(bool capturing)
{
    m_capturing = capturing;
    if (!capturing)
        m_pps = m_bps = 0;
    updateIcon();
    updateToolTip();
    updateMenu();
}

void TrayController::setUnacknowledged(int count)
{
    m_unacknowledged = count;
    updateIcon();
    updateToolTip();
}

void TrayController::setRate(double packetsPerSecond, double bytesPerSecond)
{
    m_pps = packetsPerSecond;
    m_bps = bytesPerSecond;
    updateToolTip();
}

void TrayController::setWindowVisible(bool visible)
{
    m_windowVisible = visible;
    updateMenu();
}

void TrayController::updateIcon()
{
    m_state = m_unacknowledged ? State::Alert : m_capturing ? State::Capturing : State::Idle;
    if (!m_tray)
        return;
    static const char *const names[] = {":/icons/tray-idle.svg", ":/icons/tray-capturing.svg",
                                        ":/icons/tray-alert.svg"};
    m_tray->setIcon(QIcon(QString::fromLatin1(names[static_cast<int>(m_state)])));
}

void TrayController::updateToolTip()
{
    if (!m_tray)
        return;
    QString tip = m_capturing ? tr("NetLens — capturing: %1 pkt/s, %2 Mbit/s")
                                    .arg(m_pps, 0, 'f', 0)
                                    .arg(m_bps * 8 / 1e6, 0, 'f', 2)
                              : tr("NetLens — not capturing");
    if (m_unacknowledged)
        tip += QLatin1Char('\n') + tr("%n unacknowledged alert(s)", nullptr, m_unacknowledged);
    m_tray->setToolTip(tip);
}

void TrayController::updateMenu()
{
    m_showHide->setText(m_windowVisible ? tr("Hide NetLens") : tr("Show NetLens"));
    m_start->setEnabled(!m_capturing);
    m_stop->setEnabled(m_capturing);
}

int TrayController::notifyAlerts(const QList<Alert> &alerts)
{
    int told = 0;
    std::optional<Route> how; // asked once per batch: it is a D-Bus round trip
    for (const Alert &a : alerts) {
        if (!a.isEngaged() || a.severity < m_minSeverity || m_told.contains(a.uid))
            continue;
        m_told.insert(a.uid);
        const QString title =
            tr("NetLens %1: %2")
                .arg(AlertListModel::severityText(a.severity), AlertListModel::kindText(a.kind));
        if (!how)
            how = route();
        tell(*how, title, a.summary.isEmpty() ? a.key : a.summary, a.severity);
        ++told;
    }
    return told;
}

void TrayController::showNotice(const QString &title, const QString &body)
{
    tell(route(), title, body, Severity::Info);
}

void TrayController::tell(Route how, const QString &title, const QString &body, Severity severity)
{
    switch (how) {
    case Route::DBus: m_notifier->notify(title, body, severity); break;
    case Route::Balloon:
        m_tray->showMessage(title, body,
                            severity == Severity::Critical  ? QSystemTrayIcon::Critical
                            : severity == Severity::Warning ? QSystemTrayIcon::Warning
                                                            : QSystemTrayIcon::Information);
        break;
    case Route::Banner: Q_EMIT bannerRequested(title + QStringLiteral(" — ") + body); break;
    }
}

} // namespace netlens
