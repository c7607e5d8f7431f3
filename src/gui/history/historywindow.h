// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "history/historyperiod.h"
#include "history/historytypes.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QStandardItemModel;
class QTableView;
class QToolButton;

namespace netlens {

class HistoryChart;

/**
 * Statistics → History: the traffic history live captures recorded (data/netlens.db), a
 * day, week, month or year at a time (local time; previous/next step through them). A
 * stacked chart of the traffic by protocol over the period, and the period's busiest hosts
 * (bytes and packets in and out; sortable). It reads the database itself, with its own
 * connection, whenever it is shown or the period changes, and each minute while the period
 * holds now (captures write a minute at a time): the queries read at most a few thousand
 * rows, so nothing runs in the background.
 */
class HistoryWindow final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryWindow)

public:
    static constexpr int kTopHosts = 25;

    /// A window over the history in `dbPath`, showing the day holding now; not shown yet.
    explicit HistoryWindow(QString dbPath, QWidget *parent = nullptr);
    ~HistoryWindow() override;

    void setDatabase(const QString &dbPath);
    const QString &database() const { return m_dbPath; }
    void setPeriod(const HistoryPeriod &period);
    const HistoryPeriod &period() const { return m_period; }
    const HistoryReport &report() const { return m_report; }
    /// The line under the chart: the period's totals, or why there is nothing to show.
    QString statusText() const;
    QStandardItemModel *hostsModel() const { return m_hosts; }
    HistoryChart *chart() const { return m_chart; }

public Q_SLOTS:
    /// Reads the period again.
    void refresh();
    void previous();
    void next();

protected:
    void showEvent(QShowEvent *event) override;

private:
    QString periodTitle() const;
    void fillHosts();

    QString m_dbPath;
    HistoryPeriod m_period;
    HistoryReport m_report;
    QComboBox *m_kindBox;
    QToolButton *m_prevButton;
    QToolButton *m_nextButton;
    QToolButton *m_nowButton;
    QLabel *m_title;
    HistoryChart *m_chart;
    QLabel *m_status;
    QStandardItemModel *m_hosts;
    QTableView *m_hostsView;
};

} // namespace netlens
