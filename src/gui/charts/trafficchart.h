// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/statssnapshot.h"

#include <QSharedPointer>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QCPItemRect;
class QCPItemText;
class QCustomPlot;
class QComboBox;
class QLabel;
class QMouseEvent;
class QToolButton;

namespace netlens {

class RateAxisTicker;

/**
 * Traffic over time (QCustomPlot): bits/s or packets/s of all traffic and of the busiest
 * protocols, one graph each with a legend. The wheel zooms and a drag pans the time axis; a
 * drag with Shift held (or with "Select" on) selects a time span and asks for its display
 * filter. During a live capture it shows the last minute, the last 10 minutes or everything.
 */
class TrafficChart final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficChart)

public:
    enum class Unit { Bits, Packets };
    enum class Window { LastMinute, Last10Minutes, All };

    explicit TrafficChart(QWidget *parent = nullptr);

    void setSnapshot(const StatsSnapshotPtr &snapshot);
    StatsSnapshotPtr snapshot() const { return m_snapshot; }
    void setUnit(Unit unit);
    Unit unit() const { return m_unit; }
    /// Live captures offer the window choice; files always show all of the capture.
    void setLiveMode(bool live);
    bool isLiveMode() const { return m_live; }
    void setWindow(Window window);
    Window window() const { return m_window; }
    /// A plain drag selects a span instead of panning.
    void setSelectMode(bool on);
    bool isSelectMode() const;

    /// Point times, seconds since the epoch (each point's start).
    QVector<double> keys() const { return m_keys; }
    /// All traffic per point in the current unit per second.
    QVector<double> totalValues() const { return m_total; }
    /// The protocols with their own graph, busiest first.
    QStringList seriesNames() const { return m_names; }
    QVector<double> seriesValues(int index) const { return m_byName.value(index); }
    /// Width of one point in seconds.
    double intervalSeconds() const { return m_intervalS; }
    /// What a mouse selection of [fromNs, toNs) does: marks it and emits its time term.
    void selectRange(qint64 fromNs, qint64 toNs);
    /// Back to the whole data (or the live window) on the time axis.
    void resetZoom();
    QCustomPlot *plot() const { return m_plot; }
    bool saveImage(const QString &path, const QSize &size, QString *error = nullptr);

Q_SIGNALS:
    void filterRequested(const QString &expression);

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void applyKeyRange();
    void fitValueAxis();
    void updateTimeFormat();
    void applyPalette();
    void onMousePress(QMouseEvent *event);
    void onSelectionAccepted(const QRect &rect);
    void showContextMenu(const QPoint &pos);

    QCustomPlot *m_plot;
    QComboBox *m_unitBox;
    QComboBox *m_windowBox;
    QToolButton *m_selectButton;
    QSharedPointer<RateAxisTicker> m_valueTicker;
    QCPItemRect *m_selection = nullptr;
    QCPItemText *m_emptyNote = nullptr;
    StatsSnapshotPtr m_snapshot;
    Unit m_unit = Unit::Bits;
    Window m_window = Window::LastMinute;
    bool m_live = false;
    bool m_userRange = false; ///< zoomed or panned: refreshes keep the user's view
    bool m_settingRange = false;
    QVector<double> m_keys;
    QVector<double> m_total;
    QStringList m_names;
    QList<QVector<double>> m_byName;
    double m_intervalS = 0;
};

} // namespace netlens
