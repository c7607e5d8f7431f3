// SPDX-License-Identifier: GPL-3.0-or-later
#include "statisticsmenu.h"

#include "history/historywindow.h"
#include "session/capturesession.h"

#include <QMenu>

namespace netlens {

StatisticsMenu::StatisticsMenu(QWidget *window)
    : QObject(window)
    , m_parent(window)
    , m_menu(new QMenu(tr("&Statistics"), window))
{
    using Kind = StatisticsWindow::Kind;
    const std::array<QString, kKinds> texts{tr("&Protocol Hierarchy"), tr("&Conversations"),
                                            tr("&Endpoints"), tr("&Flows")};
    for (std::size_t k = 0; k < kKinds; ++k) {
        const auto kind = static_cast<Kind>(k);
        m_actions[k] = m_menu->addAction(texts[k], this, [this, kind] { open(kind); });
        m_actions[k]->setEnabled(false); // until there is a session
    }
    m_menu->addSeparator();
    m_menu->addAction(tr("&History"), this, [this] { openHistory(); });
}

StatisticsMenu::~StatisticsMenu() = default;

void StatisticsMenu::setSession(CaptureSession *session)
{
    m_session = session;
    for (QAction *a : m_actions)
        a->setEnabled(session != nullptr);
    for (const auto &w : m_windows)
        if (w)
            w->setSession(session);
}

StatisticsWindow *StatisticsMenu::open(StatisticsWindow::Kind kind)
{
    if (!m_session)
        return nullptr;
    QPointer<StatisticsWindow> &w = m_windows[static_cast<std::size_t>(kind)];
    if (!w)
        w = StatisticsWindow::create(kind, m_session, m_parent);
    w->show();
    w->raise();
    w->activateWindow();
    return w;
}

StatisticsWindow *StatisticsMenu::window(StatisticsWindow::Kind kind) const
{
    return m_windows[static_cast<std::size_t>(kind)];
}

void StatisticsMenu::setHistoryDatabase(const QString &path)
{
    m_historyDb = path;
    if (m_history)
        m_history->setDatabase(path);
}

HistoryWindow *StatisticsMenu::historyWindow() const
{
    return m_history;
}

HistoryWindow *StatisticsMenu::openHistory()
{
    if (!m_history)
        m_history = new HistoryWindow(m_historyDb, m_parent);
    else
        m_history->refresh();
    m_history->show();
    m_history->raise();
    m_history->activateWindow();
    return m_history;
}

} // namespace netlens
