#pragma once

#include "engine/displayfilter.h"
#include "session/capturesession.h"
#include "settings/appsettings.h"

#include <QFutureSynchronizer>
#include <QMainWindow>
#include <QPointer>
#include <atomic>
#include <functional>
#include <memory>
#include <unordered_set>

class QActionGroup;
class QMenu;
class QSplitter;

namespace netlens {

class BpfLineEdit;
class CaptureSession;
class CaptureToolbar;
class HexView;
class PacketDetailsView;
class PacketTableModel;
class PacketTableView;
class StatusPanel;
struct CaptureStats;

/**
 * The main window: lays out the toolbar, display filter, packet list, details and bytes, and
 * wires them to the current CaptureSession. The parts are their own classes; this one only
 * connects them and runs the menu commands.
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
    /// Applies a display filter (BPF); empty shows every packet.
    void applyDisplayFilter(const QString &expression);
    /// Writes the CSV of all or only the displayed packets. Returns false with a message.
    bool exportCsv(const QString &path, bool displayedOnly, QString *error = nullptr);

    PacketTableModel *packetModel() const { return m_model; }
    PacketTableView *packetView() const { return m_view; }
    CaptureSession *session() const { return m_session; }
    CaptureToolbar *captureToolbar() const { return m_toolbar; }
    BpfLineEdit *displayFilterEdit() const { return m_displayFilter; }
    bool isFiltering() const { return m_filterRunning; }

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
    void setSession(CaptureSession *session);
    void onRowsAvailable();
    void onStats(const CaptureStats &stats);
    void onPacketSelected(qint64 storeRow);
    void filterNewRows();
    void updateCounts();
    void chooseFiles();
    void saveAs();
    void chooseCsvExport();
    void showSettings();
    void addRecent(const QStringList &files);
    void rebuildRecentMenu();
    void showError(const QString &message);
    /// What the status bar warns about a finished capture or file (translated sentences).
    QStringList captureWarnings() const;
    /// Runs `job` (returns an error message, empty when fine) on a pool thread with a busy
    /// indicator; then shows `done` or the error.
    void runInBackground(const QString &busy, const QString &done, std::function<QString()> job);
    /// The store rows shown by the display filter, or null for "all rows".
    std::shared_ptr<const std::unordered_set<std::uint32_t>> shownRows(bool displayedOnly) const;

    AppSettings m_settings;
    CaptureToolbar *m_toolbar = nullptr;
    BpfLineEdit *m_displayFilter = nullptr;
    PacketTableModel *m_model = nullptr;
    PacketTableView *m_view = nullptr;
    PacketDetailsView *m_details = nullptr;
    HexView *m_hex = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_bottomSplitter = nullptr;
    StatusPanel *m_status = nullptr;
    QMenu *m_recentMenu = nullptr;
    QActionGroup *m_timeGroup = nullptr;
    QPointer<CaptureSession> m_session;
    QString m_activeFilter;
    bool m_filterRunning = false;
    bool m_incrementalRunning = false;
    std::shared_ptr<std::atomic<bool>> m_filterCancel;
    QFutureSynchronizer<DisplayFilter::Result> m_jobs; ///< filter jobs reading the engine
    QFutureSynchronizer<QString> m_fileJobs;           ///< save and export jobs reading it
};

} // namespace netlens
