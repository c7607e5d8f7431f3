// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "history/historyperiod.h"
#include "history/historytypes.h"

#include <QWidget>

class QCustomPlot;
class QCPItemText;

namespace netlens {

/**
 * The History window's chart: the traffic of a period as stacked bars, one colour per
 * protocol (the busiest kMaxProtocols, the rest as "Other"), one bar per row of the report's
 * resolution (minute, hour or day), over the whole period so a quiet stretch shows as such.
 * Bytes (in and out together) per bar; local time on the time axis.
 */
class HistoryChart final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryChart)

public:
    static constexpr int kMaxProtocols = 7;

    explicit HistoryChart(QWidget *parent = nullptr);
    ~HistoryChart() override;

    void setReport(const HistoryReport &report, const HistoryPeriod &period);
    QCustomPlot *plot() const { return m_plot; }
    /// The names of the stacked series, bottom first ("Other" last when there is one).
    QStringList seriesNames() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();

    QCustomPlot *m_plot;
    QCPItemText *m_emptyNote;
};

} // namespace netlens
