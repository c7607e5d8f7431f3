// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/statssnapshot.h"

#include <QList>
#include <QString>
#include <QWidget>

class QComboBox;
class QLabel;
QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QPieSeries;
class QPieSlice;
QT_END_NAMESPACE

namespace netlens {

/**
 * The share of each application protocol (or transport) in a snapshot, by packets or bytes,
 * as a pie. Slices under 2% are merged into one "Other" slice; hovering a slice shows its
 * count and share, clicking it asks for the display filter that selects it.
 */
class ProtocolPieChart final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProtocolPieChart)

public:
    enum class Grouping { Application, Transport };
    enum class Metric { Packets, Bytes };
    struct Slice {
        QString name;
        quint64 value = 0;
        double percent = 0; ///< of the whole distribution, 0..100
        bool other = false; ///< the merged small slices
    };
    /// Slices below this share (in percent) are merged into "Other".
    static constexpr double kOtherPercent = 2.0;

    explicit ProtocolPieChart(QWidget *parent = nullptr);
    ~ProtocolPieChart() override;

    void setSnapshot(const StatsSnapshotPtr &snapshot);
    StatsSnapshotPtr snapshot() const { return m_snapshot; }
    void setGrouping(Grouping grouping);
    Grouping grouping() const { return m_grouping; }
    void setMetric(Metric metric);
    Metric metric() const { return m_metric; }

    /// What the pie shows, largest first, "Other" last.
    QList<Slice> slices() const { return m_slices; }
    /// The hover tooltip of slice `index`.
    QString sliceToolTip(int index) const;
    /// What a click on slice `index` does: filterRequested() with its term ("Other": nothing).
    void activateSlice(int index);
    /// Writes the chart (without the controls) as PNG or SVG, by the extension of `path`.
    bool saveImage(const QString &path, const QSize &size, QString *error = nullptr);

Q_SIGNALS:
    void filterRequested(const QString &expression);

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void updateSeries();
    void onHovered(QPieSlice *slice, bool state);
    void showContextMenu(const QPoint &pos);

    QLabel *m_title;
    QComboBox *m_groupingBox;
    QComboBox *m_metricBox;
    QChart *m_chart;
    QChartView *m_view;
    QPieSeries *m_series;
    StatsSnapshotPtr m_snapshot;
    Grouping m_grouping = Grouping::Application;
    Metric m_metric = Metric::Packets;
    QList<Slice> m_slices;
};

} // namespace netlens
