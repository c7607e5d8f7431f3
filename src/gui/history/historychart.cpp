// SPDX-License-Identifier: GPL-3.0-or-later
#include "history/historychart.h"

#include "charts/chartformat.h"

#include <QEvent>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace netlens {

namespace {
// Value-axis labels in bytes ("1.5 MB"), steps of 1, 2, 2.5 or 5 times a power of ten.
class BytesTicker final : public QCPAxisTicker {
protected:
    QString getTickLabel(double tick, const QLocale &, QChar, int) override
    {
        return chartformat::bytes(tick);
    }
};

QString timeFormat(const HistoryPeriod &period, int resolution)
{
    switch (period.kind) {
    case HistoryPeriod::Day: return QStringLiteral("HH:mm");
    case HistoryPeriod::Week:
        return resolution < historyres::kDay ? QStringLiteral("ddd d\nHH:mm")
                                             : QStringLiteral("ddd d");
    case HistoryPeriod::Month: return QStringLiteral("d MMM");
    case HistoryPeriod::Year: return QStringLiteral("MMM");
    }
    return QStringLiteral("d MMM");
}
} // namespace

HistoryChart::HistoryChart(QWidget *parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setMinimumSize(320, 200);
    auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
    ticker->setDateTimeSpec(Qt::LocalTime);
    ticker->setTickCount(6);
    m_plot->xAxis->setTicker(ticker);
    auto bytes = QSharedPointer<BytesTicker>::create();
    bytes->setTickCount(4);
    m_plot->yAxis->setTicker(bytes);
    m_plot->xAxis->setPadding(4);
    m_plot->axisRect()->setMinimumMargins(QMargins(0, 0, 30, 30));
    m_plot->legend->setVisible(true);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_plot->legend->setWrap(4);
    m_plot->legend->setMargins(QMargins(4, 2, 4, 2));
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
    m_plot->legend->setSelectableParts(QCPLegend::spNone);
    m_emptyNote = new QCPItemText(m_plot);
    m_emptyNote->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_emptyNote->position->setCoords(0.5, 0.5);
    m_emptyNote->setText(tr("No history in this period"));
    applyPalette();
}

HistoryChart::~HistoryChart() = default;

void HistoryChart::setReport(const HistoryReport &report, const HistoryPeriod &period)
{
    m_plot->clearPlottables();
    const double width = report.resolution;
    const int named = std::min<int>(kMaxProtocols, static_cast<int>(report.protocols.size()));
    QCPBars *below = nullptr;
    double top = 0;
    QMap<double, double> stackTop; // bar start -> stacked height so far
    const auto addBars = [&](const QString &name, const QColor &color,
                             const QMap<double, double> &values) {
        auto *bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
        bars->setName(name);
        bars->setWidthType(QCPBars::wtPlotCoords);
        bars->setWidth(width);
        bars->setPen(Qt::NoPen);
        bars->setBrush(color);
        bars->setStackingGap(0);
        bars->setSelectable(QCP::stNone);
        QVector<double> keys, vals;
        for (auto it = values.cbegin(); it != values.cend(); ++it) {
            keys.append(it.key() + width / 2); // a bar covers its whole period
            vals.append(it.value());
            stackTop[it.key()] += it.value();
            top = std::max(top, stackTop[it.key()]);
        }
        bars->setData(keys, vals, true);
        if (below)
            bars->moveAbove(below);
        below = bars;
    };
    for (int i = 0; i < named; ++i) {
        QMap<double, double> values;
        for (const HistoryPoint &p : report.protocols[i].points)
            values[static_cast<double>(p.startSec)] += static_cast<double>(p.counts.bytes());
        addBars(report.protocols[i].protocol, chartformat::seriesColor(i), values);
    }
    if (static_cast<int>(report.protocols.size()) > named) {
        QMap<double, double> values;
        for (std::size_t i = named; i < report.protocols.size(); ++i)
            for (const HistoryPoint &p : report.protocols[i].points)
                values[static_cast<double>(p.startSec)] += static_cast<double>(p.counts.bytes());
        addBars(tr("Other"), chartformat::otherColor(), values);
    }
    auto ticker = m_plot->xAxis->ticker().dynamicCast<QCPAxisTickerDateTime>();
    ticker->setDateTimeFormat(timeFormat(period, report.resolution));
    m_plot->xAxis->setRange(static_cast<double>(period.sinceSec()),
                            static_cast<double>(period.untilSec()));
    const QString per = report.resolution == historyres::kMinute ? tr("Bytes per minute")
                        : report.resolution == historyres::kHour ? tr("Bytes per hour")
                                                                 : tr("Bytes per day");
    m_plot->yAxis->setLabel(per);
    m_plot->yAxis->setRange(0, top > 0 ? top * 1.1 : 1);
    const bool empty = report.empty();
    m_plot->yAxis->setTickLabels(!empty);
    m_emptyNote->setVisible(empty);
    m_plot->legend->setVisible(!empty);
    m_plot->replot();
}

QStringList HistoryChart::seriesNames() const
{
    QStringList names;
    for (int i = 0; i < m_plot->plottableCount(); ++i)
        names << m_plot->plottable(i)->name();
    return names;
}

void HistoryChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
        m_plot->replot();
    }
}

void HistoryChart::applyPalette()
{
    const QPalette p = palette();
    const QColor text = p.color(QPalette::Text);
    QColor grid = p.color(QPalette::Mid);
    grid.setAlpha(90);
    m_plot->setBackground(p.color(QPalette::Base));
    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->setBasePen(QPen(text, 1));
        axis->setTickPen(QPen(text, 1));
        axis->setSubTickPen(QPen(text, 1));
        axis->setTickLabelColor(text);
        axis->setLabelColor(text);
        axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
    }
    m_plot->legend->setBrush(p.color(QPalette::Base));
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setTextColor(text);
    m_emptyNote->setColor(text);
}

} // namespace netlens
