// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/statssnapshot.h"

#include <QPointer>
#include <QWidget>

class QSplitter;

namespace netlens {

class CaptureSession;
class ProtocolPieChart;
class TopTalkersChart;
class TrafficChart;

/**
 * The three charts of a session: protocols and top talkers side by side over the traffic
 * chart, compact enough for a dock of about 600×700 pixels. Follows the session's snapshots
 * (never its engine) and passes on the charts' filter requests.
 */
class DashboardView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardView)

public:
    explicit DashboardView(QWidget *parent = nullptr);
    ~DashboardView() override;

    /// Follows `session` (nullptr: none, the charts go empty); shows its last snapshot now.
    void setSession(CaptureSession *session);
    CaptureSession *session() const;
    /// Shows `snapshot` in every chart (what a new session snapshot does).
    void setSnapshot(const StatsSnapshotPtr &snapshot);

    ProtocolPieChart *protocolChart() const { return m_protocols; }
    TrafficChart *trafficChart() const { return m_traffic; }
    TopTalkersChart *topTalkersChart() const { return m_talkers; }

    QSize sizeHint() const override { return {600, 700}; }

Q_SIGNALS:
    void filterRequested(const QString &expression);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void draw();

    ProtocolPieChart *m_protocols;
    TopTalkersChart *m_talkers;
    TrafficChart *m_traffic;
    QSplitter *m_rows;
    QSplitter *m_top;
    QPointer<CaptureSession> m_session;
    QMetaObject::Connection m_snapshotConnection;
    bool m_proportioned = false;
    StatsSnapshotPtr m_latest;
    bool m_stale = false; ///< m_latest came while hidden and is not drawn yet
};

} // namespace netlens
