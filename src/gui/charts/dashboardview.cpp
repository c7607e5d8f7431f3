// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/dashboardview.h"

#include "charts/protocolpiechart.h"
#include "charts/toptalkerschart.h"
#include "charts/trafficchart.h"
#include "session/capturesession.h"

#include <QSplitter>
#include <QVBoxLayout>

namespace netlens {

DashboardView::DashboardView(QWidget *parent)
    : QWidget(parent)
    , m_protocols(new ProtocolPieChart)
    , m_talkers(new TopTalkersChart)
    , m_traffic(new TrafficChart)
    , m_rows(new QSplitter(Qt::Vertical, this))
    , m_top(new QSplitter(Qt::Horizontal))
{
    m_top->addWidget(m_protocols);
    m_top->addWidget(m_talkers);
    m_top->setStretchFactor(0, 1);
    m_top->setStretchFactor(1, 1);
    m_top->setChildrenCollapsible(false);
    m_rows->addWidget(m_top);
    m_rows->addWidget(m_traffic);
    m_rows->setStretchFactor(0, 1);
    m_rows->setStretchFactor(1, 1);
    m_rows->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_rows);

    connect(m_protocols, &ProtocolPieChart::filterRequested, this, &DashboardView::filterRequested);
    connect(m_talkers, &TopTalkersChart::filterRequested, this, &DashboardView::filterRequested);
    connect(m_traffic, &TrafficChart::filterRequested, this, &DashboardView::filterRequested);
}

DashboardView::~DashboardView() = default;

void DashboardView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        draw();
    if (m_proportioned)
        return;
    // Once, at the first real size: half the width each, and ten bars get about half the
    // height, enough for their labels at the normal font.
    m_proportioned = true;
    m_top->setSizes({width() / 2, width() - width() / 2});
    m_rows->setSizes({height() * 52 / 100, height() * 48 / 100});
}

CaptureSession *DashboardView::session() const
{
    return m_session;
}

void DashboardView::setSession(CaptureSession *session)
{
    disconnect(m_snapshotConnection);
    m_session = session;
    m_traffic->setLiveMode(session && session->kind() == CaptureSession::Kind::Live);
    if (session)
        m_snapshotConnection =
            connect(session, &CaptureSession::snapshotReady, this, &DashboardView::setSnapshot);
    setSnapshot(session ? session->lastSnapshot() : StatsSnapshotPtr());
}

void DashboardView::setSnapshot(const StatsSnapshotPtr &snapshot)
{
    m_latest = snapshot;
    // A closed dock draws nothing: only the newest snapshot is kept, drawn when it shows again.
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    draw();
}

void DashboardView::draw()
{
    m_stale = false;
    m_protocols->setSnapshot(m_latest);
    m_talkers->setSnapshot(m_latest);
    m_traffic->setSnapshot(m_latest);
}

} // namespace netlens
