// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "settings/appsettings.h"
#include "settings/windowstate.h"
#include "store/rowid.h"

#include <QFutureSynchronizer>
#include <QMainWindow>
#include <chrono>
#include <functional>
#include <memory>

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;

namespace netlens {

class AlertBanner;
class AlertHub;
class AlertPanel;
class BpfLineEdit;
class SecretKeeper;
class SettingsDialog;
class TrayController;
struct Alert;
class CaptureSession;
class CaptureToolbar;
class PacketPane;
class PacketTableModel;
class PacketTableView;
class SessionController;
class DashboardView;
class DashboardFeed;
class SessionFeed;
class WebServer;
class StartupOptions;
class StatisticsMenu;
class StatusPanel;
struct CaptureStats;

/**
 * The main window, a shell: menus, the capture toolbar, the status bar (and docks). The packet
 * list with its filter, details and bytes is a PacketPane; the session's lifecycle is a
 * SessionController. This class wires them together and runs the menu commands.
 */
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(const AppSettings &settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens capture files (read as one capture). Loading runs in the background.
    void openFiles(const QStringList &files);
    void openSample();
    /// Starts a live capture on the toolbar's interface with its capture filter.
    void startCapture();
    void stopCapture();
    /// Applies the command line (mainwindowstartup.cpp): -i preselects, -f sets the capture
    /// filter, files open, -k starts capturing, and --tray starts hidden in the tray (shown
    /// instead when no tray host comes up within `trayWait`); otherwise the window shows.
    void start(const StartupOptions &options,
               std::chrono::milliseconds trayWait = std::chrono::seconds(15));
    /// Starts hidden in the tray, waiting up to `trayWait` for a tray host to appear (a
    /// panel starting after NetLens at login); then shows the window rather than nothing.
    void startInTray(std::chrono::milliseconds trayWait);
    /// Captures on `iface` (the toolbar's default one when empty) with the toolbar's filter,
    /// as -k does; a missing interface or a filter that is not valid is shown as an error.
    void captureAtStart(const QString &iface);
    /// Applies a display filter (BPF); empty shows every packet.
    void applyDisplayFilter(const QString &expression);
    /// Writes the CSV of all or only the displayed packets. Returns false with a message.
    bool exportCsv(const QString &path, bool displayedOnly, QString *error = nullptr);

    SessionController *sessionController() const { return m_controller; }
    PacketPane *packetPane() const { return m_pane; }
    CaptureToolbar *captureToolbar() const { return m_toolbar; }
    StatisticsMenu *statisticsMenu() const { return m_statistics; }
    DashboardView *dashboard() const { return m_dashboard; }
    AlertPanel *alertPanel() const { return m_alerts; }
    AlertBanner *alertBanner() const { return m_banner; }
    /// The tray (its icon is only there when a tray host is).
    TrayController *tray() const { return m_tray; }
    /// Where the e-mail password and the webhook secret are kept.
    SecretKeeper *secrets() const { return m_secrets.get(); }
    /// The history and delivery (null where this build has none).
    AlertHub *alertHub() const { return m_hub; }
    const AppSettings &settings() const { return m_settings; }
    /// Quits for real, also when the tray would keep NetLens running.
    void quit();
    /// Starts (or stops) the web dashboard with the settings' address; false with the error
    /// (also shown) when it cannot listen. The window goes on either way.
    bool setWebDashboard(bool on, QString *error = nullptr);
    /// The dashboard's address (with ?token= when it has one); empty when it is off.
    QString webDashboardUrl() const;
    /// Writes the HTML report of what the window shows (File → Export Report).
    bool exportReport(const QString &path, QString *error = nullptr);
    WebServer *webServer() const { return m_webServer.get(); }
    QAction *webDashboardAction() const { return m_webAction; }
    /// Wires a settings dialog's "Send test e-mail" to the hub (what Edit → Settings does).
    void connectTestEmail(SettingsDialog &dialog);
    // Shortcuts into the parts, for tests and benchmarks.
    CaptureSession *session() const;
    PacketTableModel *packetModel() const;
    PacketTableView *packetView() const;
    BpfLineEdit *displayFilterEdit() const;
    bool isFiltering() const;

Q_SIGNALS:
    /// The current session finished loading or capturing.
    void sessionFinished();
    /// A display filter finished (also when cleared).
    void displayFilterApplied();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildMenus();
    void buildLayout();
    /// The alert panel, the banner and the tray (mainwindowalerts.cpp).
    void buildAlerts();
    /// Follows `session`'s alerts and capture state for the tray.
    void followAlerts(CaptureSession *session);
    /// New, updated or released alerts from the session (by uid).
    void onAlerts(const QList<Alert> &alerts);
    void toggleWindow();
    /// The web dashboard's feed, actions and status label (mainwindowweb.cpp).
    void buildWeb();
    void chooseReportExport();
    /// "zh-CN" or "en": the report opens in the window's language.
    QString reportLanguage() const;
    /// Reads DATADIR/alert-rules.json into the sessions' alert settings (a missing file: the
    /// built-in rules; a broken one: named, and the rules in force stay).
    void reloadAlertRules();
    /// The history and delivery: data/netlens.db, fed from the sessions' alerts.
    void openAlertHub();
    /// The delivery settings with the password and the secret from the keychain.
    NotifySettings notifySettings() const;
    /// No keychain, e-mail on with a login: asks for the password for this run.
    void askForPassword();

    /// Closing with a tray: hide instead, and say so the first time. False: really close.
    bool hideToTray();
    void setSession(CaptureSession *session);
    /// Starts (or restarts) a capture on the toolbar's interface with its capture filter;
    /// a restart without a usable interface or filter only stops.
    void beginCapture(bool restart);
    /// Starts (or restarts) a capture on `iface`, listed or not (an unknown name gets the
    /// capture's own error), with the toolbar's capture filter.
    void captureOn(const QString &iface, bool restart);
    void onStats(const CaptureStats &stats);
    void chooseFiles();
    void saveAs();
    void chooseCsvExport();
    void showSettings();
    void rebuildRecentMenu(const QStringList &recent);
    void showError(const QString &message);
    /// What the status bar warns about a finished capture or file (translated sentences).
    QStringList captureWarnings() const;
    /// Runs `job` (returns an error message, empty when fine) on a pool thread with a busy
    /// indicator; then shows `done` or the error.
    void runInBackground(const QString &busy, const QString &done, std::function<QString()> job);
    /// The store rows shown by the display filter (ascending), or null for "all rows".
    std::shared_ptr<const RowList> shownRows(bool displayedOnly) const;

    AppSettings m_settings;
    WindowState m_windowState;
    SessionController *m_controller = nullptr;
    CaptureToolbar *m_toolbar = nullptr;
    PacketPane *m_pane = nullptr;
    StatusPanel *m_status = nullptr;
    StatisticsMenu *m_statistics = nullptr;
    DashboardView *m_dashboard = nullptr;
    QDockWidget *m_dashboardDock = nullptr;
    AlertPanel *m_alerts = nullptr;
    AlertBanner *m_banner = nullptr;
    TrayController *m_tray = nullptr;
    std::unique_ptr<SecretKeeper> m_secrets;
    AlertHub *m_hub = nullptr;
    QMetaObject::Connection m_alertsConnection;
    std::shared_ptr<DashboardFeed> m_webFeed;
    SessionFeed *m_sessionFeed = nullptr;
    std::unique_ptr<WebServer> m_webServer;
    QAction *m_webAction = nullptr;
    QAction *m_webOpenAction = nullptr;
    QLabel *m_webLabel = nullptr;
    bool m_quitting = false;
    int m_shownUnacknowledged = 0; ///< the panel shows itself when this grows
    QMenu *m_recentMenu = nullptr;
    QActionGroup *m_timeGroup = nullptr;
    QFutureSynchronizer<QString> m_fileJobs; ///< save and export jobs reading the engine
};

} // namespace netlens
