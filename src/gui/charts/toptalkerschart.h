// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/statssnapshot.h"

#include <QList>
#include <QString>
#include <QWidget>

class QComboBox;
class QLabel;
class QScrollArea;
QT_BEGIN_NAMESPACE
class QBarCategoryAxis;
class QBarSet;
class QChart;
class QChartView;
class QHorizontalStackedBarSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace netlens {

/**
 * The hosts that moved the most bytes, busiest on top, each bar split into bytes sent and
 * bytes received. Clicking a bar asks for the display filter on that host.
 */
class TopTalkersChart final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TopTalkersChart)

public:
    struct Bar {
        QString address;
        Family family = Family::None;
        quint64 sent = 0;
        quint64 received = 0;
        quint64 total() const { return sent + received; }
    };
    /// The choices of the bar count box.
    static QList<int> barCounts() { return {5, 10, 20, 50}; }

    explicit TopTalkersChart(QWidget *parent = nullptr);
    ~TopTalkersChart() override;

    void setSnapshot(const StatsSnapshotPtr &snapshot);
    StatsSnapshotPtr snapshot() const { return m_snapshot; }
    /// How many hosts to show (any positive number; the box offers barCounts()).
    void setBarCount(int count);
    int barCount() const { return m_barCount; }

    /// The bars, busiest first.
    QList<Bar> bars() const { return m_bars; }
    /// "host ADDR" for IPv4 and IPv6, "ether host MAC" for MAC addresses, else "".
    static QString hostFilter(const Bar &bar);
    /// What a click on bar `index` (0: busiest) does: filterRequested(hostFilter(bar)).
    void activateBar(int index);
    QString barToolTip(int index) const;
    /// Writes the chart (without the controls) as PNG or SVG, by the extension of `path`.
    bool saveImage(const QString &path, const QSize &size, QString *error = nullptr);

Q_SIGNALS:
    void filterRequested(const QString &expression);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuild();
    void applyPalette();
    /// Address labels small enough for rows of the plot; true when the font changed.
    bool fitLabelFont(int chartHeight);
    /// Bar index (0: busiest) of category `index` (0: bottom).
    int barAt(int category) const { return static_cast<int>(m_bars.size()) - 1 - category; }
    void showContextMenu(const QPoint &pos);

    QLabel *m_title;
    QComboBox *m_countBox;
    QChart *m_chart;
    QChartView *m_view;
    QScrollArea *m_scroll;
    QHorizontalStackedBarSeries *m_series;
    QBarSet *m_sent;
    QBarSet *m_received;
    QBarCategoryAxis *m_hostAxis;
    QValueAxis *m_bytesAxis;
    StatsSnapshotPtr m_snapshot;
    int m_barCount = 10;
    QList<Bar> m_bars;
};

} // namespace netlens
