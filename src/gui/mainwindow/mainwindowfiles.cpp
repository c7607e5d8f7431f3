// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's File-menu commands: open, recent files, save, CSV export, settings.
#include "engine/engine.h"
#include "export/csvwriter.h"
#include "export/pcapexport.h"
#include "mainwindow.h"
#include "notify/alerthub.h"
#include "packets/packettablemodel.h"
#include "session/capturesession.h"
#include "session/sessioncontroller.h"
#include "settings/settingsdialog.h"
#include "stats/statisticsmenu.h"
#include "statuspanel.h"
#include "tray/traycontroller.h"
#include "web/webserver.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>
#include <memory>

namespace netlens {

namespace {
/// The CSV of `engine`'s rows, only those in `keep` when it is set.
bool writeCsv(const Engine &engine, const std::string &path,
              const std::shared_ptr<const RowList> &keep, std::string &error)
{
    return CsvWriter::write(path, engine, error, keep.get());
}
} // namespace

void MainWindow::chooseFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Open Capture"), m_settings.dataDir,
        tr("Capture files (*.pcap *.pcapng *.cap *.dmp);;All files (*)"));
    openFiles(files);
}

void MainWindow::rebuildRecentMenu(const QStringList &recent)
{
    m_recentMenu->clear();
    for (const QString &f : recent)
        m_recentMenu->addAction(QFileInfo(f).fileName(), this, [this, f] { openFiles({f}); })
            ->setToolTip(f);
    if (!recent.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear Recent Files"), m_controller,
                                &SessionController::clearRecentFiles);
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::saveAs()
{
    const CaptureSession *session = this->session();
    if (!session || session->engine().store().size() == 0) {
        showError(tr("There are no packets to save."));
        return;
    }
    QString path = QFileDialog::getSaveFileName(this, tr("Save Packets As"), m_settings.dataDir,
                                                tr("pcap files (*.pcap)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".pcap")))
        path += QStringLiteral(".pcap");
    const std::vector<std::string> files = session->filePaths();
    const PacketStore *store = &session->engine().store();
    runInBackground(
        tr("Saving…"), tr("Saved %1").arg(path), [store, files, target = path.toStdString()] {
            std::string error;
            return exportPcap(*store, files, target, error) ? QString()
                                                            : QString::fromStdString(error);
        });
}

void MainWindow::runInBackground(const QString &busy, const QString &done,
                                 std::function<QString()> job)
{
    // Saving and exporting read the engine only; a pool thread keeps the window responsive
    // (a 2.5 M-row CSV takes about a second). setSession(nullptr) waits for these jobs.
    m_status->showProgress(busy, 0);
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, done] {
        watcher->deleteLater();
        m_status->hideProgress();
        const QString error = watcher->result();
        if (error.isEmpty())
            statusBar()->showMessage(done, 5000);
        else
            showError(error);
    });
    const QFuture<QString> future = QtConcurrent::run(std::move(job));
    m_fileJobs.addFuture(future);
    watcher->setFuture(future);
}

void MainWindow::chooseCsvExport()
{
    if (!session()) {
        showError(tr("Open a capture first."));
        return;
    }
    bool displayedOnly = false;
    if (packetModel()->isFiltered()) {
        const QStringList choices{tr("Displayed packets only"), tr("All packets")};
        bool ok = false;
        const QString pick = QInputDialog::getItem(this, tr("Export Packets as CSV"), tr("Export:"),
                                                   choices, 0, false, &ok);
        if (!ok)
            return;
        displayedOnly = pick == choices.first();
    }
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Packets as CSV"),
        m_settings.dataDir + QStringLiteral("/analyzed_data.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    auto keep = shownRows(displayedOnly);
    const Engine *engine = &session()->engine();
    runInBackground(
        tr("Exporting…"), tr("Exported %1").arg(path), [engine, keep, target = path.toStdString()] {
            std::string error;
            return writeCsv(*engine, target, keep, error) ? QString()
                                                          : QString::fromStdString(error);
        });
}

std::shared_ptr<const RowList> MainWindow::shownRows(bool displayedOnly) const
{
    const PacketTableModel *model = packetModel();
    if (!displayedOnly || !model->isFiltered())
        return nullptr;
    // A sorted copy, 8 bytes a row: the export runs on a pool thread while the list changes.
    return std::make_shared<const RowList>(model->displayedStoreRows());
}

bool MainWindow::exportCsv(const QString &path, bool displayedOnly, QString *error)
{
    if (!session())
        return false;
    std::string err;
    const bool ok =
        writeCsv(session()->engine(), path.toStdString(), shownRows(displayedOnly), err);
    if (!ok && error)
        *error = QString::fromStdString(err);
    return ok;
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(m_settings, m_secrets.get(), this);
    connectTestEmail(dialog);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const AppSettings next = dialog.settings();
    if (next.language != m_settings.language)
        QMessageBox::information(this, tr("Language"),
                                 tr("The new language applies when NetLens starts again."));
    m_settings = next;
    m_settings.save();
    m_tray->setMinSeverity(m_settings.trayMinSeverity);
    m_statistics->setHistoryDatabase(m_settings.historySettings().dbPath);
    reloadAlertRules(); // the next file or capture runs with the rules as saved
    if (m_hub)
        m_hub->setSettings(notifySettings());
    packetModel()->setTimeFormat(static_cast<PacketTableModel::TimeFormat>(m_settings.timeFormat));
    // A running dashboard moves to the new address (or gets the new token) at once.
    if (webServer() && !(webServer()->settings() == m_settings.web))
        setWebDashboard(true);
}

} // namespace netlens
