// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "statisticswindow.h"

#include <QObject>
#include <QPointer>
#include <array>

class QMenu;
class QWidget;

namespace netlens {

class CaptureSession;
class HistoryWindow;

/**
 * The "&Statistics" menu: Protocol Hierarchy, Conversations, Endpoints, Flows. Each entry
 * opens its window for the current session, or raises it when it is open already (one window
 * per kind). History (after a separator) needs no session: it opens the HistoryWindow over
 * the database setHistoryDatabase() names. A main window needs only
 * `menuBar()->addMenu(menu->menu())` and setSession() whenever its session changes; open windows
 * follow the new session.
 */
class StatisticsMenu final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatisticsMenu)

public:
    /// `window` parents the menu and the statistics windows (they close with it).
    explicit StatisticsMenu(QWidget *window);
    ~StatisticsMenu() override;

    QMenu *menu() const { return m_menu; }
    void setSession(CaptureSession *session);
    CaptureSession *session() const { return m_session; }
    /// Opens (or raises) the window of `kind`; null without a session.
    StatisticsWindow *open(StatisticsWindow::Kind kind);
    /// The open window of `kind`, or null.
    StatisticsWindow *window(StatisticsWindow::Kind kind) const;
    /// The traffic history's database (dataDir/netlens.db); an open History window follows.
    void setHistoryDatabase(const QString &path);
    /// Opens (or raises and refreshes) the History window.
    HistoryWindow *openHistory();
    HistoryWindow *historyWindow() const;

private:
    static constexpr std::size_t kKinds = 4;

    QWidget *m_parent;
    QMenu *m_menu;
    QPointer<CaptureSession> m_session;
    std::array<QAction *, kKinds> m_actions{};
    std::array<QPointer<StatisticsWindow>, kKinds> m_windows;
    QString m_historyDb = QStringLiteral("data/netlens.db");
    QPointer<HistoryWindow> m_history;
};

} // namespace netlens
