// MainWindow's File-menu commands: open, recent files, sample, save, CSV export, settings.
#include "mainwindow.h"

#include "engine/engine.h"
#include "export/csvwriter.h"
#include "export/pcapexport.h"
#include "packets/packettablemodel.h"
#include "session/capturesession.h"
#include "settings/settingsdialog.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QDir>

#include <unordered_set>

namespace netlens {

namespace {
constexpr int kMaxRecent = 10;
const QString kRecentKey = QStringLiteral("recentFiles");
} // namespace

void MainWindow::chooseFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Open Capture"), m_settings.dataDir,
        tr("Capture files (*.pcap *.pcapng *.cap *.dmp);;All files (*)"));
    openFiles(files);
}

void MainWindow::openSample()
{
    // Readers need a real file (bytes are re-read by offset): copy the bundled one out once.
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    QDir().mkpath(dir);
    const QString path = dir + QStringLiteral("/sample.pcap");
    if (!QFileInfo::exists(path)) {
        QFile::copy(QStringLiteral(":/samples/sample.pcap"), path);
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    }
    openFiles({path});
}

void MainWindow::addRecent(const QStringList &files)
{
    QSettings s;
    QStringList recent = s.value(kRecentKey).toStringList();
    for (const QString &f : files) {
        const QString abs = QFileInfo(f).absoluteFilePath();
        recent.removeAll(abs);
        recent.prepend(abs);
    }
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    s.setValue(kRecentKey, recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(kRecentKey).toStringList();
    for (const QString &f : recent)
        m_recentMenu->addAction(QFileInfo(f).fileName(), this, [this, f] { openFiles({f}); })->setToolTip(f);
    if (!recent.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear Recent Files"), this, [this] {
            QSettings().remove(kRecentKey);
            rebuildRecentMenu();
        });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::saveAs()
{
    if (!m_session || m_session->engine().store().size() == 0) {
        showError(tr("There are no packets to save."));
        return;
    }
    QString path = QFileDialog::getSaveFileName(this, tr("Save Packets As"), m_settings.dataDir,
                                                tr("pcap files (*.pcap)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".pcap")))
        path += QStringLiteral(".pcap");
    std::vector<std::string> files;
    for (const QString &f : m_session->files())
        files.push_back(f.toStdString());
    std::string error;
    if (!exportPcap(m_session->engine().store(), files, path.toStdString(), error))
        showError(QString::fromStdString(error));
    else
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
}

void MainWindow::chooseCsvExport()
{
    if (!m_session) {
        showError(tr("Open a capture first."));
        return;
    }
    bool displayedOnly = false;
    if (m_model->isFiltered()) {
        const QStringList choices{tr("Displayed packets only"), tr("All packets")};
        bool ok = false;
        const QString pick = QInputDialog::getItem(this, tr("Export Packets as CSV"), tr("Export:"), choices, 0, false, &ok);
        if (!ok)
            return;
        displayedOnly = pick == choices.first();
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Packets as CSV"),
                                                      m_settings.dataDir + QStringLiteral("/analyzed_data.csv"),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportCsv(path, displayedOnly, &error))
        showError(error);
    else
        statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
}

bool MainWindow::exportCsv(const QString &path, bool displayedOnly, QString *error)
{
    if (!m_session)
        return false;
    std::unordered_set<std::uint32_t> shown;
    if (displayedOnly && m_model->isFiltered())
        for (int r = 0, n = m_model->rowCount(); r < n; ++r)
            shown.insert(static_cast<std::uint32_t>(m_model->storeRow(r)));
    std::string err;
    const bool filtered = displayedOnly && m_model->isFiltered();
    const bool ok = CsvWriter::write(path.toStdString(), m_session->engine(), err,
                                     filtered ? std::function<bool(std::size_t)>([&shown](std::size_t row) {
                                         return shown.count(static_cast<std::uint32_t>(row)) > 0;
                                     })
                                              : std::function<bool(std::size_t)>());
    if (!ok && error)
        *error = QString::fromStdString(err);
    return ok;
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(m_settings, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const AppSettings next = dialog.settings();
    if (next.language != m_settings.language)
        QMessageBox::information(this, tr("Language"), tr("The new language applies when NetLens starts again."));
    m_settings = next;
    QSettings s;
    m_settings.save(s);
    m_model->setTimeFormat(static_cast<PacketTableModel::TimeFormat>(m_settings.timeFormat));
}

} // namespace netlens
