// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's alerts: the panel dock, the banner, the tray and its notifications.
#include "alerts/alertbanner.h"
#include "alerts/alertlistmodel.h"
#include "alerts/alertpanel.h"
#include "bpflineedit.h"
#include "mainwindow.h"
#include "notify/alerthub.h"
#include "packets/packetpane.h"
#include "session/capturesession.h"
#include "session/sessioncontroller.h"
#include "settings/keychainsecrets.h"
#include "settings/notificationspage.h"
#include "settings/settingsdialog.h"
#include "tray/traycontroller.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QInputDialog>
#include <algorithm>

namespace netlens {

void MainWindow::buildAlerts()
{

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
    reloadAlertRules();
    openAlertHub();
}

void MainWindow::openAlertHub()
{
    auto keychain = std::make_unique<KeychainSecrets>();
    KeychainSecrets *secrets = keychain.get();
    m_secrets = std::move(keychain);
    // The keychain answers later: delivery gets its secrets (or asks for them) then.
    secrets->prefetch([this, secrets] {
        if (!secrets->persistent())
            askForPassword();
        if (m_hub)
            m_hub->setSettings(notifySettings());
    });

    QDir().mkpath(m_settings.dataDir);
    m_hub = new AlertHub(QDir(m_settings.dataDir).filePath(QStringLiteral("netlens.db")),
                         m_settings.notify, this);
    QString error;
    if (!m_hub->open(error)) {
        showError(tr("Alert history and delivery are off: %1").arg(error));
        delete m_hub;
        m_hub = nullptr;
        return;
    }
    connect(m_hub, &AlertHub::recordChanged, this, [this](const AlertRecord &record) {
        m_alerts->updateRecord(record);
        // Acknowledged in the panel before the history knew the alert: tell it now.
        const int row = m_alerts->model()->rowOfUid(record.alert.uid);
        if (row >= 0 && m_alerts->model()->record(row).acknowledged && !record.acknowledged)
            m_hub->acknowledge(record.id);
    });
    connect(m_hub, &AlertHub::deliveryChanged, m_alerts, &AlertPanel::setDelivery);
    connect(m_hub, &AlertHub::storageError, this, &MainWindow::showError);
    connect(m_alerts, &AlertPanel::acknowledged, m_hub, [this](const QList<AlertRecord> &records) {
        for (const AlertRecord &r : records)
            if (r.id > 0)
                m_hub->acknowledge(r.id);
    });
    connect(m_alerts, &AlertPanel::cleared, m_hub, [this] { m_hub->clear(); });
    connect(m_alerts, &AlertPanel::historyRequested, m_hub,
            [this] { m_alerts->setRecords(m_hub->history()); });
    m_alerts->setRecords(m_hub->history());
}

NotifySettings MainWindow::notifySettings() const
{
    NotifySettings n = m_settings.notify;
    QString value, error;
    if (m_secrets->read(QString::fromLatin1(SecretKeeper::kSmtpPassword), value, error) ==
        SecretKeeper::Status::Ok)
        n.smtp.password = value;
    value.clear();
    if (m_secrets->read(QString::fromLatin1(SecretKeeper::kWebhookSecret), value, error) ==
        SecretKeeper::Status::Ok)
        n.webhook.secret = value;
    return n;
}

void MainWindow::askForPassword()
{
    const SmtpSettings &smtp = m_settings.notify.smtp;
    QString value, error;
    if (!smtp.enabled || smtp.user.isEmpty() ||
        m_secrets->read(QString::fromLatin1(SecretKeeper::kSmtpPassword), value, error) ==
            SecretKeeper::Status::Ok ||
        qEnvironmentVariableIsSet("NETLENS_NO_DIALOGS"))
        return;
    bool ok = false;
    const QString password = QInputDialog::getText(
        this, tr("E-mail Password"),
        tr("No keychain is available, so NetLens does not keep the password of %1 on %2.\n"
           "Enter it for this run (it is not saved):")
            .arg(smtp.user, smtp.host),
        QLineEdit::Password, QString(), &ok);
    if (ok)
        m_secrets->write(QString::fromLatin1(SecretKeeper::kSmtpPassword), password, error);
}

void MainWindow::connectTestEmail(SettingsDialog &dialog)
{
    NotificationsPage *page = dialog.notificationsPage();
    if (m_hub) {
        connect(page, &NotificationsPage::testEmailRequested, m_hub, &AlertHub::sendTestEmail);
        connect(m_hub, &AlertHub::testEmailDone, page, &NotificationsPage::showTestResult);
        return;
    }
    connect(page, &NotificationsPage::testEmailRequested, page, [page] {
        page->showTestResult(false, tr("alert delivery is off: its database did not open"));
    });
}

void MainWindow::reloadAlertRules()
{
    AlertSettings alerts = m_controller->alertSettings();
    alerts.enabled = true;
    alerts.dataDir = m_settings.dataDir;
    const QString path = SettingsDialog::rulesPath(m_settings);
    if (QFileInfo::exists(path)) {
        RuleSet rules;
        RuleError error;
        if (loadRuleSet(path, rules, error))
            alerts.rules = rules;
        else
            showError(tr("The alert rules were not loaded, the rules in force stay: %1")
                          .arg(error.text()));
    }
    m_controller->setAlertSettings(alerts);
    // Runs at start and after the settings change, as the caps must too.
    m_controller->setMemoryLimits(m_settings.memoryLimits());
    m_controller->setFileRowCapacity(
        static_cast<std::size_t>(std::max<qint64>(0, m_settings.storeCapacity)));
}

void MainWindow::followAlerts(CaptureSession *session)
{
    disconnect(m_alertsConnection);
    connect(session, &CaptureSession::captureStarted, m_tray,
            [this] { m_tray->setCapturing(true); });
    m_alertsConnection =
        connect(session, &CaptureSession::alertsReady, this, &MainWindow::onAlerts);
}

void MainWindow::onAlerts(const QList<Alert> &alerts)
{
    m_tray->notifyAlerts(alerts);
    if (m_hub) // stored in the history, and sent on to every enabled channel
        for (const Alert &a : alerts)
            m_hub->submit(a);
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
