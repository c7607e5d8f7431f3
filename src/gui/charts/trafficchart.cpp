// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/trafficchart.h"

#include "charts/chartexport.h"
#include "charts/chartformat.h"
#include "charts/rateaxisticker.h"
#include "engine/displayexpression.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

namespace netlens {

namespace {
constexpr double kNsPerS = 1e9;
constexpr int kMaxProtocolGraphs = 6; // more lines than this are unreadable

/// Seconds since the epoch to the nanosecond term boundary, rounded to the millisecond a
/// mouse can point at.
qint64 mouseNs(double seconds)
{
    return std::llround(seconds * 1e3) * 1'000'000;
}
} // namespace

TrafficChart::TrafficChart(QWidget *parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
    , m_unitBox(new QComboBox(this))
    , m_windowBox(new QComboBox(this))
    , m_selectButton(new QToolButton(this))
    , m_valueTicker(QSharedPointer<RateAxisTicker>::create())
{
    auto *title = new QLabel(tr("Traffic"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    m_unitBox->addItem(tr("Bits/s"));
    m_unitBox->addItem(tr("Packets/s"));
    m_unitBox->setToolTip(tr("Plot bits or packets per second"));
    m_windowBox->addItem(tr("Last minute"));
    m_windowBox->addItem(tr("Last 10 minutes"));
    m_windowBox->addItem(tr("All"));
    m_windowBox->setToolTip(tr("Time shown during a live capture"));
    m_windowBox->setVisible(false);
    for (QComboBox *box : {m_unitBox, m_windowBox})
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_selectButton->setText(tr("Select"));
    m_selectButton->setCheckable(true);
    m_selectButton->setToolTip(tr("Drag to select a time span and filter on it (or hold Shift "
                                  "while dragging); wheel zooms, drag pans, double-click resets"));

    auto *controls = new QHBoxLayout;
    controls->setContentsMargins(4, 2, 4, 0);
    controls->addWidget(title);
    controls->addStretch(1);
    controls->addWidget(m_selectButton);
    controls->addWidget(m_windowBox);
    controls->addWidget(m_unitBox);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(controls);
    layout->addWidget(m_plot, 1);

    m_plot->setMinimumSize(240, 160);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom); // no iSelectPlottables
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    m_plot->setNoAntialiasingOnDrag(true);
    auto timeTicker = QSharedPointer<QCPAxisTickerDateTime>::create();
    timeTicker->setDateTimeSpec(Qt::LocalTime);
    timeTicker->setTickCount(5);
    m_plot->xAxis->setTicker(timeTicker);
    m_plot->yAxis->setTicker(m_valueTicker);
    m_valueTicker->setTickCount(4);
    m_plot->yAxis->setRange(0, 1);
    // Room below and right of the axis rect for the time labels, which are centred on ticks.
    m_plot->xAxis->setPadding(4);
    m_plot->xAxis->setTickLabelPadding(9); // clear of the value axis' "0 bit/s"
    m_plot->axisRect()->setMinimumMargins(QMargins(0, 0, 30, 28));

    // The legend in its own row above the plot, wrapping: it never hides a line.
    m_plot->legend->setVisible(true);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_plot->legend->setWrap(4);
    m_plot->legend->setRowSpacing(0);
    m_plot->legend->setColumnSpacing(8);
    m_plot->legend->setMargins(QMargins(4, 2, 4, 2));
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
    m_plot->plotLayout()->setRowSpacing(0);
    m_plot->legend->setSelectableParts(QCPLegend::spNone);

    m_plot->selectionRect()->setPen(QPen(chartformat::seriesColor(0), 1, Qt::DashLine));
    m_plot->selectionRect()->setBrush(QColor(78, 121, 167, 50));
    m_plot->setContextMenuPolicy(Qt::CustomContextMenu);
    m_emptyNote = new QCPItemText(m_plot);
    m_emptyNote->setSelectable(false);
    m_emptyNote->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_emptyNote->position->setCoords(0.5, 0.5);
    m_emptyNote->setText(tr("No packets"));
    applyPalette();

    connect(m_unitBox, &QComboBox::currentIndexChanged, this,
            [this](int i) { setUnit(i == 1 ? Unit::Packets : Unit::Bits); });
    connect(m_windowBox, &QComboBox::currentIndexChanged, this,
            [this](int i) { setWindow(static_cast<Window>(i)); });
    connect(m_selectButton, &QToolButton::toggled, this, &TrafficChart::setSelectMode);
    connect(m_plot, &QCustomPlot::mousePress, this, &TrafficChart::onMousePress);
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this] { resetZoom(); });
    connect(m_plot->selectionRect(), &QCPSelectionRect::accepted, this,
            [this](const QRect &rect, QMouseEvent *) { onSelectionAccepted(rect); });
    connect(m_plot->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this, [this] {
        if (!m_settingRange)
            m_userRange = true;
        updateTimeFormat();
        fitValueAxis();
    });
    connect(m_plot, &QWidget::customContextMenuRequested, this, &TrafficChart::showContextMenu);
    refresh();
}

void TrafficChart::setSnapshot(const StatsSnapshotPtr &snapshot)
{
    m_snapshot = snapshot;
    refresh();
}

void TrafficChart::setUnit(Unit unit)
{
    if (unit == m_unit)
        return;
    m_unit = unit;
    m_unitBox->setCurrentIndex(unit == Unit::Packets ? 1 : 0);
    refresh();
}

void TrafficChart::setLiveMode(bool live)
{
    m_live = live;
    m_windowBox->setVisible(live);
    m_windowBox->setEnabled(live);
    m_userRange = false;
    refresh();
}

void TrafficChart::setWindow(Window window)
{
    m_window = window;
    m_windowBox->setCurrentIndex(static_cast<int>(window));
    m_userRange = false;
    refresh();
}

void TrafficChart::setSelectMode(bool on)
{
    m_selectButton->setChecked(on);
}

bool TrafficChart::isSelectMode() const
{
    return m_selectButton->isChecked();
}

void TrafficChart::refresh()
{
    m_keys.clear();
    m_total.clear();
    m_names.clear();
    m_byName.clear();
    m_intervalS = 0;
    const bool windowed = m_live && m_window != Window::All;
    const StatsSnapshot::Series *series = nullptr;
    if (m_snapshot)
        series = windowed && m_snapshot->recent.size() ? &m_snapshot->recent : &m_snapshot->overall;
    std::size_t first = 0;
    if (series && series->size() && series->intervalNs > 0) {
        m_intervalS = static_cast<double>(series->intervalNs) / kNsPerS;
        if (windowed) {
            const qint64 span = m_window == Window::LastMinute ? 60 : 600;
            const std::size_t points = static_cast<std::size_t>(
                std::max<qint64>(1, span * 1'000'000'000 / series->intervalNs));
            first = series->size() > points ? series->size() - points : 0;
        }
        const auto rate = [this](const Counter &c) {
            const double v = m_unit == Unit::Bits ? static_cast<double>(c.bytes) * 8.0
                                                  : static_cast<double>(c.packets);
            return v / m_intervalS;
        };
        for (std::size_t i = first; i < series->size(); ++i) {
            m_keys.append(static_cast<double>(series->startNs(i)) / kNsPerS);
            m_total.append(rate(series->total[i]));
        }
        const std::size_t n = std::min<std::size_t>(series->names.size(), kMaxProtocolGraphs);
        for (std::size_t l = 0; l < n; ++l) {
            QVector<double> values;
            values.reserve(m_keys.size());
            for (std::size_t i = first; i < series->size(); ++i)
                values.append(rate(series->byLabel[l][i]));
            m_names.append(QString::fromStdString(series->names[l]));
            m_byName.append(values);
        }
    }

    // Graphs are kept while the protocols stay the same: one setData each, no re-creation.
    const int wanted = 1 + static_cast<int>(m_names.size());
    while (m_plot->graphCount() > wanted)
        m_plot->removeGraph(m_plot->graphCount() - 1);
    while (m_plot->graphCount() < wanted) {
        QCPGraph *g = m_plot->addGraph();
        g->setSelectable(QCP::stNone);
    }
    const bool sparse = m_keys.size() < 3; // a lone point needs a marker to be seen
    for (int i = 0; i < wanted; ++i) {
        QCPGraph *g = m_plot->graph(i);
        const bool total = i == 0;
        const QColor color =
            total ? palette().color(QPalette::Text) : chartformat::seriesColor(i - 1);
        g->setPen(QPen(color, total ? 2.0 : 1.5));
        g->setBrush(total ? QBrush(QColor(color.red(), color.green(), color.blue(), 28))
                          : QBrush(Qt::NoBrush));
        g->setScatterStyle(sparse ? QCPScatterStyle(QCPScatterStyle::ssDisc, 5)
                                  : QCPScatterStyle());
        g->setName(total ? tr("All traffic") : m_names[i - 1]);
        g->setData(m_keys, total ? m_total : m_byName[i - 1], true);
    }
    m_valueTicker->setUnit(m_unit == Unit::Bits ? RateAxisTicker::Unit::Bits
                                                : RateAxisTicker::Unit::Packets);
    // Without data the time axis would read 1970: no tick labels, a note instead.
    const bool empty = m_keys.isEmpty();
    m_plot->xAxis->setTickLabels(!empty);
    m_plot->yAxis->setTickLabels(!empty);
    m_emptyNote->setVisible(empty);
    if (!m_userRange || empty)
        applyKeyRange();
    fitValueAxis();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TrafficChart::applyKeyRange()
{
    double lower = 0;
    double upper = 1;
    if (!m_keys.isEmpty()) {
        lower = m_keys.first();
        if (m_live && m_window != Window::All) {
            upper = m_keys.last() + m_intervalS;
            lower = upper - (m_window == Window::LastMinute ? 60.0 : 600.0);
        } else {
            // Up to the last packet, not to the end of its (possibly long) interval.
            upper = std::max(m_keys.last(), static_cast<double>(m_snapshot->lastNs) / kNsPerS);
        }
        if (upper - lower < 1.0) // a capture shorter than a second
            lower = upper - 1.0;
    }
    m_settingRange = true;
    m_plot->xAxis->setRange(lower, upper);
    m_settingRange = false;
    updateTimeFormat();
}

void TrafficChart::fitValueAxis()
{
    // The value axis follows what is visible on the time axis, from zero.
    double top = 0;
    const QCPRange keys = m_plot->xAxis->range();
    for (int i = 0; i < m_plot->graphCount(); ++i) {
        bool found = false;
        const QCPRange r = m_plot->graph(i)->getValueRange(found, QCP::sdBoth, keys);
        if (found)
            top = std::max(top, r.upper);
    }
    m_plot->yAxis->setRange(0, top > 0 ? top * 1.1 : 1.0);
}

void TrafficChart::updateTimeFormat()
{
    auto ticker = m_plot->xAxis->ticker().dynamicCast<QCPAxisTickerDateTime>();
    const double span = m_plot->xAxis->range().size();
    QString format;
    if (span < 120)
        format = QStringLiteral("HH:mm:ss");
    else if (span < 2 * 86400)
        format = QStringLiteral("HH:mm");
    else if (span < 400 * 86400)
        format = QStringLiteral("MMM d\nHH:mm");
    else
        format = QStringLiteral("yyyy-MM-dd");
    if (ticker && ticker->dateTimeFormat() != format)
        ticker->setDateTimeFormat(format);
}

void TrafficChart::resetZoom()
{
    m_userRange = false;
    applyKeyRange();
    fitValueAxis();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TrafficChart::onMousePress(QMouseEvent *event)
{
    // Shift turns this one drag into a selection; otherwise the toggle decides.
    const bool select = isSelectMode() || (event->modifiers() & Qt::ShiftModifier);
    m_plot->setSelectionRectMode(select ? QCP::srmCustom : QCP::srmNone);
}

void TrafficChart::onSelectionAccepted(const QRect &rect)
{
    double from = m_plot->xAxis->pixelToCoord(rect.left());
    double to = m_plot->xAxis->pixelToCoord(rect.right());
    if (from > to)
        std::swap(from, to);
    const qint64 fromNs = mouseNs(from);
    const qint64 toNs = mouseNs(to);
    if (toNs > fromNs)
        selectRange(fromNs, toNs);
}

void TrafficChart::selectRange(qint64 fromNs, qint64 toNs)
{
    if (toNs <= fromNs)
        return;
    if (!m_selection) {
        m_selection = new QCPItemRect(m_plot);
        m_selection->setSelectable(false);
        m_selection->setPen(QPen(chartformat::seriesColor(0), 1));
        m_selection->setBrush(QColor(78, 121, 167, 60));
        m_selection->topLeft->setTypeX(QCPItemPosition::ptPlotCoords);
        m_selection->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
        m_selection->bottomRight->setTypeX(QCPItemPosition::ptPlotCoords);
        m_selection->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
    }
    m_selection->topLeft->setCoords(static_cast<double>(fromNs) / kNsPerS, 0);
    m_selection->bottomRight->setCoords(static_cast<double>(toNs) / kNsPerS, 1);
    m_selection->setVisible(true);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    Q_EMIT filterRequested(QString::fromStdString(DisplayExpression::timeTerm(fromNs, toNs)));
}

bool TrafficChart::saveImage(const QString &path, const QSize &size, QString *error)
{
    const auto render = [this](QPaintDevice *device, const QSize &sz) {
        QCPPainter painter(device);
        m_plot->toPainter(&painter, sz.width(), sz.height());
    };
    return chartexport::save(path, size, palette().color(QPalette::Base), render, error);
}

void TrafficChart::showContextMenu(const QPoint &pos)
{
    QMenu menu(this);
    menu.addAction(tr("Reset Zoom"), this, &TrafficChart::resetZoom);
    if (m_selection && m_selection->visible())
        menu.addAction(tr("Clear Selection"), this, [this] {
            m_selection->setVisible(false);
            m_plot->replot(QCustomPlot::rpQueuedReplot);
        });
    menu.addSeparator();
    chartexport::addActions(&menu, m_plot, QStringLiteral("traffic"),
                            [this](const QString &path, const QSize &size, QString *error) {
                                return saveImage(path, size, error);
                            });
    menu.exec(m_plot->mapToGlobal(pos));
}

void TrafficChart::applyPalette()
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
    m_plot->legend->setBrush(Qt::NoBrush);
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setTextColor(text);
    m_emptyNote->setColor(text);
}

void TrafficChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
        refresh();
    }
}

} // namespace netlens
