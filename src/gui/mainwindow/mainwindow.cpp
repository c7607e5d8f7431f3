// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "aboutdialog.h"
#include "alerts/alertbanner.h"
#include "alerts/alertpanel.h"
#include "bpflineedit.h"
#include "capture/capturesettings.h"
#include "capture/capturestats.h"
#include "capturetoolbar.h"
#include "charts/dashboardview.h"
#include "engine/engine.h"
#include "packets/packetpane.h"
#include "packets/packettablemodel.h"
#include "session/capturesession.h"
#include "session/sessioncontroller.h"
#include "settings/secretkeeper.h"
#include "stats/statisticsmenu.h"
#include "statuspanel.h"
#include "tray/traycontroller.h"
#include "web/webserver.h"

#include <QActionGroup>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QStatusBar>
#include <QVBoxLayout>

// Resources live in the static netlens_gui library; make sure the linker keeps them.
static void initGuiResources()
{
    Q_INIT_RESOURCE(netlens);
}

namespace netlens {

MainWindow::MainWindow(const AppSettings &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_windowState(WindowState::load())
{
    initGuiResources();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("NetLens"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/netlens.svg")));
    setAcceptDrops(true);
    m_controller = new SessionController(this);
    buildLayout();
    buildWeb();
    buildMenus();
    m_pane->model()->setTimeFormat(
        static_cast<PacketTableModel::TimeFormat>(m_settings.timeFormat));
    m_pane->model()->setDarkPalette(palette().color(QPalette::Base).lightness() < 128);
    m_toolbar->reloadInterfaces(m_settings.defaultInterface);
    m_toolbar->setCaptureFilter(m_windowState.captureFilter);
    restoreState(m_windowState.toolBars);
    m_pane->restoreSplitterStates(m_windowState.mainSplitter, m_windowState.bottomSplitter);
    if (!restoreGeometry(m_windowState.geometry))
        resize(1280, 800);

    connect(m_controller, &SessionController::recentFilesChanged, this,
            [this](const QStringList &recent) {
                m_windowState.recentFiles = recent;
                m_windowState.save(WindowState::RecentFiles);
                rebuildRecentMenu(recent);
            });
    m_controller->setRecentFiles(m_windowState.recentFiles);
    // The pane follows first: when the window hears of a new session, the pane shows it.
    m_controller->follow(m_pane, [this](CaptureSession *s) { m_pane->setSession(s); });
    m_controller->follow(this, [this](CaptureSession *s) { setSession(s); });
    m_controller->follow(m_statistics, [this](CaptureSession *s) { m_statistics->setSession(s); });
    m_controller->follow(m_dashboard, [this](CaptureSession *s) { m_dashboard->setSession(s); });
    m_controller->follow(m_alerts, [this](CaptureSession *s) { m_alerts->setSession(s); });
}

MainWindow::~MainWindow()
{
    // While every part still exists: they stop reading the session, then it goes.
    m_controller->closeSession();
}

CaptureSession *MainWindow::session() const
{
    return m_controller->session();
}

PacketTableModel *MainWindow::packetModel() const
{
    return m_pane->model();
}

PacketTableView *MainWindow::packetView() const
{
    return m_pane->view();
}

BpfLineEdit *MainWindow::displayFilterEdit() const
{
    return m_pane->filterEdit();
}

bool MainWindow::isFiltering() const
{
    return m_pane->isFiltering();
}

void MainWindow::buildLayout()
{
    m_toolbar = new CaptureToolbar(this);
    addToolBar(m_toolbar);
    connect(m_toolbar->startAction(), &QAction::triggered, this, &MainWindow::startCapture);
    connect(m_toolbar->stopAction(), &QAction::triggered, this, &MainWindow::stopCapture);
    connect(m_toolbar->restartAction(), &QAction::triggered, this, [this] { beginCapture(true); });

    // The banner (alerts, where there is neither a notification service nor a tray) sits
    // above the packet list.
    auto *centre = new QWidget(this);
    auto *centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->setSpacing(0);
    m_banner = new AlertBanner(centre);
    m_pane = new PacketPane(centre);
    centreLayout->addWidget(m_banner);
    centreLayout->addWidget(m_pane, 1);
    setCentralWidget(centre);

    // The dashboard is a dock beside the packets: the table and all three charts fit on a
    // 1366x768 screen, and people who want more room for either can undock or hide it.
    // 600 px: at 520 the pie's legend ("NetBIOS 5.9%") and IPv4 addresses on the talkers'
    // axis were elided at 1366 px; the table keeps about 750 px and scrolls to Info.
    m_dashboard = new DashboardView(this);
    m_dashboardDock = new QDockWidget(tr("Dashboard"), this);
    m_dashboardDock->setObjectName(QStringLiteral("dashboardDock"));
    m_dashboardDock->setWidget(m_dashboard);
    addDockWidget(Qt::RightDockWidgetArea, m_dashboardDock);
    resizeDocks({m_dashboardDock}, {600}, Qt::Horizontal);
    // A click on a slice, a bar or a time span becomes the display filter, as if typed.
    connect(m_dashboard, &DashboardView::filterRequested, this, [this](const QString &expression) {
        m_pane->filterEdit()->setText(expression);
        applyDisplayFilter(expression);
    });

    m_status = new StatusPanel(statusBar());
    connect(m_status, &StatusPanel::cancelRequested, this, [this] {
        m_pane->cancelDisplayFilter();
        m_controller->stopLoading();
    });
    connect(m_pane, &PacketPane::countsChanged, m_status, &StatusPanel::setCounts);
    connect(m_pane, &PacketPane::progressChanged, m_status, &StatusPanel::showProgress);
    connect(m_pane, &PacketPane::progressFinished, m_status, &StatusPanel::hideProgress);
    connect(m_pane, &PacketPane::errorOccurred, this, &MainWindow::showError);
    connect(m_pane, &PacketPane::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(m_pane, &PacketPane::displayFilterApplied, this, &MainWindow::displayFilterApplied);
    buildAlerts();
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::chooseFiles);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addAction(tr("Open &Sample Capture"), this, &MainWindow::openSample);
    file->addSeparator();
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, &MainWindow::saveAs);
    file->addAction(tr("&Export Packets as CSV…"), this, &MainWindow::chooseCsvExport);
    file->addAction(tr("Export &Report…"), this, &MainWindow::chooseReportExport)
        ->setToolTip(tr("The dashboard page with its data, as one HTML file that opens offline"));
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &MainWindow::quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(tr("&Settings…"), QKeySequence::Preferences, this, &MainWindow::showSettings);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_dashboardDock->toggleViewAction());
    view->addAction(m_alerts->toggleViewAction());
    view->addSeparator();
    view->addAction(m_webAction);
    view->addAction(m_webOpenAction);
    view->addSeparator();
    QMenu *time = view->addMenu(tr("&Time Format"));
    m_timeGroup = new QActionGroup(this);
    const std::pair<QString, PacketTableModel::TimeFormat> formats[] = {
        {tr("Seconds Since First Packet"), PacketTableModel::TimeFormat::Relative},
        {tr("Date and Time of Day"), PacketTableModel::TimeFormat::Absolute},
        {tr("Seconds Since Previous Packet"), PacketTableModel::TimeFormat::Delta}};
    for (const auto &[label, format] : formats) {
        QAction *a = time->addAction(label);
        a->setCheckable(true);
        a->setChecked(static_cast<int>(format) == m_settings.timeFormat);
        m_timeGroup->addAction(a);
        connect(a, &QAction::triggered, this, [this, f = format] {
            m_pane->model()->setTimeFormat(f);
            m_settings.timeFormat = static_cast<int>(f);
        });
    }

    QMenu *capture = menuBar()->addMenu(tr("&Capture"));
    capture->addAction(m_toolbar->startAction());
    capture->addAction(m_toolbar->stopAction());
    capture->addAction(m_toolbar->restartAction());
    capture->addSeparator();
    capture->addAction(tr("Refresh &Interfaces"), this,
                       [this] { m_toolbar->reloadInterfaces(m_toolbar->currentInterface()); });

    m_statistics = new StatisticsMenu(this);
    m_statistics->setHistoryDatabase(m_settings.historySettings().dbPath);
    menuBar()->addMenu(m_statistics->menu());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About NetLens"), this, [this] { AboutDialog::show(this); });
}

void MainWindow::setSession(CaptureSession *session)
{
    if (!session) // the old session is about to go: the save and export jobs read its engine
        m_fileJobs.waitForFinished();
    m_fileJobs.clearFutures();
    m_status->clearLive();
    m_status->setWarnings({});
    m_status->setFile(session ? session->files().value(0) : QString());
    m_toolbar->setCapturing(session && session->kind() == CaptureSession::Kind::Live &&
                            session->isRunning());
    m_tray->setCapturing(session && session->kind() == CaptureSession::Kind::Live &&
                         session->isRunning());
    if (!session)
        return;
    if (session->kind() == CaptureSession::Kind::Files)
        setWindowTitle(tr("%1 — NetLens").arg(QFileInfo(session->files().value(0)).fileName()));
    connect(session, &CaptureSession::progress, this, [this](quint64 done, quint64 total) {
        if (total)
            m_status->showProgress(tr("Loading…"), static_cast<int>(done * 1000 / total));
    });
    connect(session, &CaptureSession::statsTick, this, &MainWindow::onStats);
    followAlerts(session);
    connect(session, &CaptureSession::captureStarted, this,
            [this](const QString &, int, const QString &file) { m_status->setFile(file); });
    connect(session, &CaptureSession::errorOccurred, this, &MainWindow::showError);
    // The capture goes on (a flow collector that is down): said in the status bar, no dialog.
    connect(session, &CaptureSession::warningOccurred, this,
            [this](const QString &m) { statusBar()->showMessage(m, 15000); });
    // Connected after the pane's own handler, so the pane is up to date when this runs.
    connect(session, &CaptureSession::finished, this, [this] {
        m_status->hideProgress();
        m_status->setWarnings(captureWarnings());
        m_toolbar->setCapturing(false);
        m_tray->setCapturing(false);
        Q_EMIT sessionFinished();
    });
}

QStringList MainWindow::captureWarnings() const
{
    // From the session's final snapshot, like every other view: never the engine's tables.
    QStringList out;
    const CaptureSession *s = session();
    const StatsSnapshotPtr st = s ? s->lastSnapshot() : nullptr;
    if (!st)
        return out;
    const QLocale loc;
    if (const quint64 n = st->truncatedPackets)
        out << tr("%1 packets were cut short by the capture's snap length.").arg(loc.toString(n));
    if (const quint64 n = st->undecodedPackets)
        out << tr("%1 packets have a link type NetLens counts but does not decode.")
                   .arg(loc.toString(n));
    if (const quint64 n = st->flowsNotDetected)
        out << tr("%1 flows were named by port only: too many flows were being classified at once "
                  "(a scan or a flood?).")
                   .arg(loc.toString(n));
    return out;
}

void MainWindow::openFiles(const QStringList &files)
{
    m_controller->openFiles(files);
}

void MainWindow::openSample()
{
    m_controller->openSample();
}

void MainWindow::startCapture()
{
    beginCapture(false);
}

void MainWindow::stopCapture()
{
    m_controller->stopCapture();
}

void MainWindow::beginCapture(bool restart)
{
    const QString iface = m_toolbar->currentInterface();
    if (iface.isEmpty() || !m_toolbar->filterIsValid()) {
        if (restart)
            stopCapture();
        return;
    }
    captureOn(iface, restart);
}

void MainWindow::captureOn(const QString &iface, bool restart)
{
    m_windowState.captureFilter = m_toolbar->captureFilter();
    m_windowState.save(WindowState::CaptureFilter);
    const CaptureSettings settings = m_settings.captureSettings(iface, m_toolbar->captureFilter());
    if (restart)
        m_controller->restartCapture(settings);
    else
        m_controller->startCapture(settings);
    setWindowTitle(tr("Capturing on %1 — NetLens").arg(iface));
}

void MainWindow::applyDisplayFilter(const QString &expression)
{
    m_pane->applyDisplayFilter(expression);
}

void MainWindow::onStats(const CaptureStats &stats)
{
    m_status->setRate(stats.packetsPerSec, stats.bytesPerSec);
    m_status->setDrops(stats.droppedKernel, stats.droppedInterface);
    m_tray->setRate(stats.packetsPerSec, stats.bytesPerSec);
    if (!stats.file.isEmpty())
        m_status->setFile(stats.file);
}

void MainWindow::showError(const QString &message)
{
    statusBar()->showMessage(message, 10000);
    // Hidden in the tray (started with --tray, or closed to it): a notification, not a
    // dialog popping up out of nowhere; the status bar keeps it for when the window shows.
    if (isHidden() && m_tray->isInTray()) {
        m_tray->showNotice(tr("NetLens"), message);
        return;
    }
    if (!qEnvironmentVariableIsSet("NETLENS_NO_DIALOGS"))
        QMessageBox::warning(this, tr("NetLens"), message);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_quitting && hideToTray()) {
        event->ignore();
        return;
    }
    m_windowState.geometry = saveGeometry();
    m_windowState.toolBars = saveState();
    m_windowState.mainSplitter = m_pane->mainSplitterState();
    m_windowState.bottomSplitter = m_pane->bottomSplitterState();
    m_windowState.save(WindowState::Layout);
    m_settings.save();
    m_controller->closeSession();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList files;
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile())
            files << url.toLocalFile();
    openFiles(files);
}

} // namespace netlens
