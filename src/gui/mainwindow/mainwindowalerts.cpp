// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's alerts: the panel dock, the banner, the tray and its notifications.
#include "alerts/alertbanner.h"
#include "alerts/alertpanel.h"
#include "bpflineedit.h"
#include "mainwindow.h"
#include "packets/packetpane.h"
#include "session/capturesession.h"
#include "settings/sessionsecrets.h"
#include "tray/traycontroller.h"

#include <QApplication>
#include <QCloseEvent>

namespace netlens {

void MainWindow::buildAlerts()
{
    // Until the keychain is wired in, secrets live for this run only (and say so).
    m_secrets = std::make_unique<SessionSecrets>();

    // Under the packet list only: the dashboard on the right keeps its full height (its
    // charts are laid out for 1366x768). Hidden until there is something to show: it comes up
    // with the first new alert (or from the View menu).
    m_alerts = new AlertPanel(this);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_alerts);
    resizeDocks({m_alerts}, {200}, Qt::Vertical);
    m_alerts->hide();
    connect(m_alerts, &AlertPanel::unacknowledgedCountChanged, this, [this](int n) {
        if (n > m_shownUnacknowledged && m_alerts->isHidden())
            m_alerts->show();
        m_shownUnacknowledged = n;
    });
    // "Show packets": the alert's filter (its hosts and its time span) as if typed.
    connect(m_alerts, &AlertPanel::showPacketsRequested, this, [this](const QString &filter) {
        m_pane->filterEdit()->setText(filter);
        applyDisplayFilter(filter);
    });

    connect(m_banner, &AlertBanner::showAlertsRequested, this, [this] {
        m_alerts->show();
        m_alerts->raise();
    });

    m_tray = new TrayController(this);
    m_tray->setMinSeverity(m_settings.trayMinSeverity);
    connect(m_alerts, &AlertPanel::unacknowledgedCountChanged, m_tray,
            &TrayController::setUnacknowledged);
    connect(m_tray, &TrayController::showHideRequested, this, &MainWindow::toggleWindow);
    connect(m_tray, &TrayController::startCaptureRequested, this, &MainWindow::startCapture);
    connect(m_tray, &TrayController::stopCaptureRequested, this, &MainWindow::stopCapture);
    connect(m_tray, &TrayController::quitRequested, this, &MainWindow::quit);
    connect(m_tray, &TrayController::bannerRequested, m_banner, &AlertBanner::showAlert);
    connect(m_tray, &TrayController::notificationFailed, this,
            [this](const QString &message) { m_banner->showAlert(message); });
}

void MainWindow::followAlerts(CaptureSession *session)
{
    disconnect(m_alertsConnection);
    connect(session, &CaptureSession::captureStarted, m_tray,
            [this] { m_tray->setCapturing(true); });
    // By name, as the panel does: alertsReady() is being added to CaptureSession.
    const QByteArray signal =
        QMetaObject::normalizedSignature("alertsReady(QList<netlens::Alert>)");
    if (session->metaObject()->indexOfSignal(signal.constData()) >= 0)
        m_alertsConnection = connect(session, SIGNAL(alertsReady(QList<netlens::Alert>)), this,
                                     SLOT(onAlerts(QList<netlens::Alert>)));
}

void MainWindow::onAlerts(const QList<Alert> &alerts)
{
    m_tray->notifyAlerts(alerts);
}

void MainWindow::toggleWindow()
{
    if (isVisible() && !isMinimized()) {
        hide();
    } else {
        showNormal();
        raise();
        activateWindow();
    }
    m_tray->setWindowVisible(isVisible());
}

bool MainWindow::hideToTray()
{
    if (!m_tray->isInTray())
        return false; // no tray: closing quits, as it always did
    hide();
    m_tray->setWindowVisible(false);
    if (!m_settings.trayNoticeShown) {
        m_tray->showNotice(
            tr("NetLens keeps running"),
            tr("NetLens is still running in the system tray. Choose Quit in its menu to end it."));
        m_settings.trayNoticeShown = true;
        m_settings.save();
    }
    return true;
}

void MainWindow::quit()
{
    m_quitting = true;
    // A window hidden in the tray closes without being the last visible one: no quit follows.
    const bool hidden = !isVisible();
    if (close() && hidden)
        QCoreApplication::quit();
}

} // namespace netlens
