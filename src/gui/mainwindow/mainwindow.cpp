#include "mainwindow.h"

#include "bpflineedit.h"
#include "capture/capturestats.h"
#include "capturetoolbar.h"
#include "decode/dissector.h"
#include "details/hexview.h"
#include "details/packetdetailsview.h"
#include "engine/displayfilter.h"
#include "engine/engine.h"
#include "engine/packetbytes.h"
#include "packets/packettablemodel.h"
#include "packets/packettableview.h"
#include "session/capturesession.h"
#include "statuspanel.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

// Resources live in the static netlens_gui library; make sure the linker keeps them.
static void initGuiResources()
{
    Q_INIT_RESOURCE(netlens);
}

namespace netlens {

MainWindow::MainWindow(const AppSettings &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings)
{
    initGuiResources();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("NetLens"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/netlens.svg")));
    setAcceptDrops(true);
    buildLayout();
    buildMenus();
    m_model->setTimeFormat(static_cast<PacketTableModel::TimeFormat>(m_settings.timeFormat));
    m_model->setDarkPalette(palette().color(QPalette::Base).lightness() < 128);
    m_toolbar->reloadInterfaces(m_settings.defaultInterface);
    QSettings s;
    restoreState(s.value(QStringLiteral("window/state")).toByteArray());
    m_mainSplitter->restoreState(s.value(QStringLiteral("window/mainSplitter")).toByteArray());
    m_bottomSplitter->restoreState(s.value(QStringLiteral("window/bottomSplitter")).toByteArray());
    m_toolbar->setCaptureFilter(s.value(QStringLiteral("capture/lastFilter")).toString());
    if (!restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 800);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildLayout()
{
    m_toolbar = new CaptureToolbar(this);
    addToolBar(m_toolbar);
    connect(m_toolbar->startAction(), &QAction::triggered, this, &MainWindow::startCapture);
    connect(m_toolbar->stopAction(), &QAction::triggered, this, &MainWindow::stopCapture);
    connect(m_toolbar->restartAction(), &QAction::triggered, this, [this] {
        stopCapture();
        startCapture();
    });

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 0);
    m_displayFilter = new BpfLineEdit(central);
    m_displayFilter->setObjectName(QStringLiteral("displayFilter"));
    m_displayFilter->setPlaceholderText(tr("Display filter (BPF, as for tcpdump), e.g. host "
                                           "10.0.0.1 and tcp port 80 — Enter applies, Esc clears"));
    connect(m_displayFilter, &BpfLineEdit::applied, this, &MainWindow::applyDisplayFilter);
    connect(m_displayFilter, &BpfLineEdit::cleared, this,
            [this] { applyDisplayFilter(QString()); });
    layout->addWidget(m_displayFilter);

    m_model = new PacketTableModel(this);
    m_view = new PacketTableView(central);
    m_view->setObjectName(QStringLiteral("packetTable"));
    m_view->setPacketModel(m_model);
    connect(m_view, &PacketTableView::packetSelected, this, &MainWindow::onPacketSelected);
    connect(m_view, &PacketTableView::filterRequested, this, [this](const QString &expr) {
        m_displayFilter->setText(expr);
        applyDisplayFilter(expr);
    });
    connect(m_model, &PacketTableModel::sortingStarted, this,
            [this] { m_status->showProgress(tr("Sorting…"), 0); });
    connect(m_model, &PacketTableModel::sortingFinished, this,
            [this] { m_status->hideProgress(); });

    m_details = new PacketDetailsView(central);
    m_hex = new HexView(central);
    connect(m_details, &PacketDetailsView::fieldSelected, m_hex, &HexView::highlight);
    connect(m_hex, &HexView::byteClicked, m_details, &PacketDetailsView::selectByte);
    m_bottomSplitter = new QSplitter(Qt::Horizontal, central);
    m_bottomSplitter->addWidget(m_details);
    m_bottomSplitter->addWidget(m_hex);
    m_bottomSplitter->setStretchFactor(0, 3);
    m_bottomSplitter->setStretchFactor(1, 2);
    m_mainSplitter = new QSplitter(Qt::Vertical, central);
    m_mainSplitter->addWidget(m_view);
    m_mainSplitter->addWidget(m_bottomSplitter);
    m_mainSplitter->setStretchFactor(0, 3);
    m_mainSplitter->setStretchFactor(1, 2);
    layout->addWidget(m_mainSplitter, 1);
    setCentralWidget(central);

    m_status = new StatusPanel(statusBar());
    connect(m_status, &StatusPanel::cancelRequested, this, [this] {
        if (m_filterCancel)
            m_filterCancel->store(true);
        if (m_session && m_session->kind() == CaptureSession::Kind::Files)
            m_session->stop();
    });
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::chooseFiles);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    file->addAction(tr("Open &Sample Capture"), this, &MainWindow::openSample);
    file->addSeparator();
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, &MainWindow::saveAs);
    file->addAction(tr("&Export Packets as CSV…"), this, &MainWindow::chooseCsvExport);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(tr("&Settings…"), QKeySequence::Preferences, this, &MainWindow::showSettings);

    QMenu *view = menuBar()->addMenu(tr("&View"));
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
            m_model->setTimeFormat(f);
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

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About NetLens"), this, [this] {
        QMessageBox::about(this, tr("About NetLens"),
                           tr("<b>NetLens %1</b><br>Network traffic monitor and analyzer.<br>"
                              "Built on libpcap, nDPI and Qt.")
                               .arg(QStringLiteral(NETLENS_VERSION)));
    });
}

void MainWindow::setSession(CaptureSession *session)
{
    if (m_filterCancel)
        m_filterCancel->store(true);
    // Background jobs read the old engine: let them see the cancel flag and end first.
    m_jobs.waitForFinished();
    m_jobs.clearFutures();
    m_fileJobs.waitForFinished();
    m_fileJobs.clearFutures();
    m_model->waitForSort();
    m_filterCancel = std::make_shared<std::atomic<bool>>(false);
    m_filterRunning = m_incrementalRunning = false;
    delete m_session; // stops and joins its thread
    m_session = session;
    m_details->clear();
    m_hex->setBytes({});
    m_view->forgetSelection();
    m_model->setSession(session);
    // Like Wireshark: a live capture follows its newest packets, a file shows its first ones.
    m_view->setFollowNewRows(session && session->kind() == CaptureSession::Kind::Live);
    m_status->clearLive();
    m_status->setWarnings({});
    m_status->setFile(session ? session->files().value(0) : QString());
    if (!session)
        return;
    connect(session, &CaptureSession::rowsAvailable, m_model, &PacketTableModel::appendRows);
    connect(session, &CaptureSession::rowsAvailable, this, &MainWindow::onRowsAvailable);
    connect(session, &CaptureSession::progress, this, [this](quint64 done, quint64 total) {
        if (total)
            m_status->showProgress(tr("Loading…"), static_cast<int>(done * 1000 / total));
    });
    connect(session, &CaptureSession::statsTick, this, &MainWindow::onStats);
    connect(session, &CaptureSession::captureStarted, this,
            [this](const QString &, int linkType, const QString &file) {
                m_displayFilter->setLinkType(linkType);
                m_status->setFile(file);
            });
    connect(session, &CaptureSession::errorOccurred, this, &MainWindow::showError);
    connect(session, &CaptureSession::finished, this, [this] {
        m_status->hideProgress();
        m_status->setWarnings(captureWarnings());
        m_toolbar->setCapturing(false);
        onRowsAvailable();
        Q_EMIT sessionFinished();
    });
    // A filter typed before opening applies to the new capture too, as its rows arrive.
    if (!m_activeFilter.isEmpty())
        m_model->setDisplayedRows({}, session->engine().store().firstRow());
}

QStringList MainWindow::captureWarnings() const
{
    // Read once the session has finished: the worker no longer writes the statistics.
    QStringList out;
    if (!m_session)
        return out;
    const Engine &engine = m_session->engine();
    const Statistics &st = engine.statistics();
    const QLocale loc;
    if (const quint64 n = st.truncatedPackets())
        out << tr("%1 packets were cut short by the capture's snap length.").arg(loc.toString(n));
    if (const quint64 n = st.undecodedPackets())
        out << tr("%1 packets have a link type NetLens counts but does not decode.")
                   .arg(loc.toString(n));
    if (const quint64 n = engine.flowsNotDetected())
        out << tr("%1 flows were named by port only: too many flows were being classified at once "
                  "(a scan or a flood?).")
                   .arg(loc.toString(n));
    return out;
}

void MainWindow::openFiles(const QStringList &files)
{
    if (files.isEmpty())
        return;
    m_toolbar->setCapturing(false);
    setSession(CaptureSession::openFiles(files, this));
    setWindowTitle(tr("%1 — NetLens").arg(QFileInfo(files.first()).fileName()));
    addRecent(files);
}

void MainWindow::startCapture()
{
    const QString iface = m_toolbar->currentInterface();
    if (iface.isEmpty() || !m_toolbar->filterIsValid())
        return;
    QSettings().setValue(QStringLiteral("capture/lastFilter"), m_toolbar->captureFilter());
    m_toolbar->setCapturing(true);
    setSession(CaptureSession::startCapture(
        m_settings.captureSettings(iface, m_toolbar->captureFilter()), this));
    setWindowTitle(tr("Capturing on %1 — NetLens").arg(iface));
}

void MainWindow::stopCapture()
{
    if (m_session && m_session->kind() == CaptureSession::Kind::Live)
        m_session->stop();
}

void MainWindow::onRowsAvailable()
{
    if (!m_activeFilter.isEmpty())
        filterNewRows();
    updateCounts();
}

void MainWindow::updateCounts()
{
    const qint64 total = m_session ? static_cast<qint64>(m_session->engine().store().size()) : 0;
    m_status->setCounts(m_model->rowCount(), total);
}

void MainWindow::onStats(const CaptureStats &stats)
{
    m_status->setRate(stats.packetsPerSec, stats.bytesPerSec);
    m_status->setDrops(stats.droppedKernel, stats.droppedInterface);
    if (!stats.file.isEmpty())
        m_status->setFile(stats.file);
}

void MainWindow::applyDisplayFilter(const QString &expression)
{
    if (m_filterCancel)
        m_filterCancel->store(true);
    m_activeFilter = expression.trimmed();
    if (m_activeFilter.isEmpty() || !m_session) {
        m_model->showAllRows();
        updateCounts();
        Q_EMIT displayFilterApplied();
        return;
    }
    // The whole pass runs on a pool thread; the UI only shows progress and the result.
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_filterCancel = cancel;
    m_filterRunning = true;
    const PacketStore *store = &m_session->engine().store();
    const std::vector<std::string> files = m_session->filePaths();
    const std::size_t end = store->size();
    const std::string expr = m_activeFilter.toStdString();
    m_status->showProgress(tr("Filtering…"), 0);
    auto *watcher = new QFutureWatcher<DisplayFilter::Result>(this);
    QPointer<MainWindow> self(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, cancel] {
        watcher->deleteLater();
        if (cancel->load())
            return; // superseded or cancelled
        m_filterRunning = false;
        m_status->hideProgress();
        DisplayFilter::Result r = watcher->result();
        if (!r.ok) {
            showError(tr("Display filter: %1").arg(QString::fromStdString(r.error)));
            return;
        }
        // Covered: the rows the pass examined, not the store's size now (rows stored while it
        // ran are still to be filtered).
        m_model->setDisplayedRows(std::move(r.rows), r.endRow);
        updateCounts();
        Q_EMIT displayFilterApplied();
        filterNewRows();
    });
    auto future = QtConcurrent::run([store, files, expr, end, cancel, self] {
        const std::size_t total = std::max<std::size_t>(end, 1);
        return DisplayFilter::run(
            *store, files, expr, 0, end, cancel.get(), [self, total](std::size_t done) {
                QMetaObject::invokeMethod(
                    self,
                    [self, done, total] {
                        if (self && self->m_filterRunning)
                            self->m_status->showProgress(tr("Filtering…"),
                                                         static_cast<int>(done * 1000 / total));
                    },
                    Qt::QueuedConnection);
            });
    });
    m_jobs.addFuture(future);
    watcher->setFuture(future);
}

void MainWindow::filterNewRows()
{
    if (!m_session || m_filterRunning || m_incrementalRunning || m_activeFilter.isEmpty())
        return;
    const PacketStore *store = &m_session->engine().store();
    const std::size_t from = m_model->coveredStoreRows(), end = store->size();
    if (from >= end)
        return;
    m_incrementalRunning = true;
    const std::vector<std::string> files = m_session->filePaths();
    auto cancel = m_filterCancel;
    auto *watcher = new QFutureWatcher<DisplayFilter::Result>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, cancel, end] {
        watcher->deleteLater();
        m_incrementalRunning = false;
        if (cancel && cancel->load())
            return;
        const DisplayFilter::Result r = watcher->result();
        m_model->appendDisplayedRows(r.rows, r.endRow); // advances even without a match
        updateCounts();
        // Rows stored while the pass ran. A pass that stopped short (bytes not on disk yet)
        // waits for the next batch instead of spinning.
        if (r.endRow >= end)
            filterNewRows();
    });
    auto future =
        QtConcurrent::run([store, files, expr = m_activeFilter.toStdString(), from, end, cancel] {
            return DisplayFilter::run(*store, files, expr, from, end, cancel.get());
        });
    m_jobs.addFuture(future);
    watcher->setFuture(future);
}

void MainWindow::onPacketSelected(qint64 storeRow)
{
    if (!m_session || storeRow < 0) {
        m_details->clear();
        m_hex->setBytes({});
        return;
    }
    const PacketStore &store = m_session->engine().store();
    if (static_cast<std::size_t>(storeRow) < store.firstRow() ||
        static_cast<std::size_t>(storeRow) >= store.size())
        return;
    const PacketRecord &r = store.at(static_cast<std::size_t>(storeRow));
    std::vector<std::uint8_t> bytes;
    if (!m_session->bytes()->read(r, bytes)) {
        m_details->clear();
        m_hex->setBytes({});
        statusBar()->showMessage(
            tr("The bytes of this packet are not on disk yet; select it again in a second."), 3000);
        return;
    }
    m_details->showFields(dissectPacket(bytes.data(), r.capLen, r.wireLen, r.linkType));
    m_hex->setBytes(QByteArray(reinterpret_cast<const char *>(bytes.data()),
                               static_cast<qsizetype>(bytes.size())));
}

void MainWindow::showError(const QString &message)
{
    statusBar()->showMessage(message, 10000);
    if (!qEnvironmentVariableIsSet("NETLENS_NO_DIALOGS"))
        QMessageBox::warning(this, tr("NetLens"), message);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    s.setValue(QStringLiteral("window/mainSplitter"), m_mainSplitter->saveState());
    s.setValue(QStringLiteral("window/bottomSplitter"), m_bottomSplitter->saveState());
    m_settings.save(s);
    setSession(nullptr);
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
