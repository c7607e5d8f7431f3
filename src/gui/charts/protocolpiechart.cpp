// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/protocolpiechart.h"

#include "charts/chartexport.h"
#include "charts/chartformat.h"
#include "engine/displayexpression.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCursor>
#include <QEvent>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QMenu>
#include <QPainter>
#include <QPieSeries>
#include <QPieSlice>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>

namespace netlens {

ProtocolPieChart::ProtocolPieChart(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(tr("Protocols"), this))
    , m_groupingBox(new QComboBox(this))
    , m_metricBox(new QComboBox(this))
    , m_chart(new QChart)
    , m_view(new QChartView(m_chart, this))
    , m_series(new QPieSeries(m_chart))
{
    m_groupingBox->addItem(tr("Application"));
    m_groupingBox->addItem(tr("Transport"));
    m_groupingBox->setToolTip(tr("Group by application protocol or by transport"));
    m_metricBox->addItem(tr("Packets"));
    m_metricBox->addItem(tr("Bytes"));
    m_metricBox->setToolTip(tr("Share of packets or of bytes"));
    for (QComboBox *box : {m_groupingBox, m_metricBox})
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);

    auto *controls = new QHBoxLayout;
    controls->setContentsMargins(4, 2, 4, 0);
    controls->addWidget(m_title);
    controls->addStretch(1);
    controls->addWidget(m_groupingBox);
    controls->addWidget(m_metricBox);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(controls);
    layout->addWidget(m_view, 1);

    m_series->setPieSize(0.85);
    m_chart->addSeries(m_series);
    m_chart->legend()->setAlignment(Qt::AlignRight);
    m_chart->legend()->setShowToolTips(true);
    m_chart->setMargins(QMargins(2, 2, 2, 2));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->setAnimationOptions(QChart::NoAnimation); // 2-4 refreshes a second
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumSize(200, 160);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    chartformat::applyPalette(m_chart, palette(), font());

    connect(m_groupingBox, &QComboBox::currentIndexChanged, this,
            [this](int i) { setGrouping(i == 1 ? Grouping::Transport : Grouping::Application); });
    connect(m_metricBox, &QComboBox::currentIndexChanged, this,
            [this](int i) { setMetric(i == 1 ? Metric::Bytes : Metric::Packets); });
    connect(m_series, &QPieSeries::hovered, this, &ProtocolPieChart::onHovered);
    connect(m_series, &QPieSeries::clicked, this,
            [this](QPieSlice *slice) { activateSlice(m_series->slices().indexOf(slice)); });
    connect(m_view, &QWidget::customContextMenuRequested, this, &ProtocolPieChart::showContextMenu);
    rebuild();
}

ProtocolPieChart::~ProtocolPieChart() = default;

void ProtocolPieChart::setSnapshot(const StatsSnapshotPtr &snapshot)
{
    m_snapshot = snapshot;
    rebuild();
}

void ProtocolPieChart::setGrouping(Grouping grouping)
{
    if (grouping == m_grouping)
        return;
    m_grouping = grouping;
    m_groupingBox->setCurrentIndex(grouping == Grouping::Transport ? 1 : 0);
    rebuild();
}

void ProtocolPieChart::setMetric(Metric metric)
{
    if (metric == m_metric)
        return;
    m_metric = metric;
    m_metricBox->setCurrentIndex(metric == Metric::Bytes ? 1 : 0);
    rebuild();
}

void ProtocolPieChart::rebuild()
{
    QList<Slice> all;
    quint64 sum = 0;
    if (m_snapshot) {
        const auto &rows =
            m_grouping == Grouping::Transport ? m_snapshot->transports : m_snapshot->protocols;
        for (const auto &row : rows) {
            const quint64 v = m_metric == Metric::Bytes ? row.counter.bytes : row.counter.packets;
            if (v == 0)
                continue;
            all.append({QString::fromStdString(row.name), v, 0.0, false});
            sum += v;
        }
    }
    // Rows come by packets; by bytes the order differs.
    std::stable_sort(all.begin(), all.end(),
                     [](const Slice &a, const Slice &b) { return a.value > b.value; });
    m_slices.clear();
    Slice other{tr("Other"), 0, 0.0, true};
    int merged = 0;
    for (Slice &s : all) {
        s.percent = 100.0 * static_cast<double>(s.value) / static_cast<double>(sum);
        if (s.percent < kOtherPercent) {
            other.value += s.value;
            ++merged;
        } else {
            m_slices.append(s);
        }
    }
    if (merged == 1) {
        // One small slice keeps its name (and stays clickable): "Other" would hide it for nothing.
        m_slices.append(all.last());
    } else if (merged > 1) {
        other.percent = 100.0 * static_cast<double>(other.value) / static_cast<double>(sum);
        m_slices.append(other);
    }
    updateSeries();
}

void ProtocolPieChart::updateSeries()
{
    QList<QPieSlice *> current = m_series->slices();
    bool same = current.size() == m_slices.size();
    for (int i = 0; same && i < current.size(); ++i)
        same = current[i]->property("name").toString() == m_slices[i].name;
    // Live snapshots mostly change values only: keep the slices (and a hovered one's state).
    if (!same) {
        m_series->clear();
        for (int i = 0; i < m_slices.size(); ++i) {
            auto *slice = new QPieSlice(m_series);
            slice->setProperty("name", m_slices[i].name);
            const QColor color =
                m_slices[i].other ? chartformat::otherColor() : chartformat::seriesColor(i);
            slice->setBrush(color);
            slice->setPen(QPen(palette().color(QPalette::Base), 1));
            slice->setExplodeDistanceFactor(0.06);
            m_series->append(slice);
        }
        current = m_series->slices();
    }
    for (int i = 0; i < m_slices.size(); ++i) {
        current[i]->setValue(static_cast<qreal>(m_slices[i].value));
        current[i]->setLabel(
            tr("%1 %2%").arg(m_slices[i].name, QLocale().toString(m_slices[i].percent, 'f', 1)));
        current[i]->setLabelVisible(false); // the legend names them; labels would collide
    }
    m_chart->setTitle(m_slices.isEmpty() ? tr("No packets") : QString());
}

QString ProtocolPieChart::sliceToolTip(int index) const
{
    if (index < 0 || index >= m_slices.size())
        return {};
    const Slice &s = m_slices[index];
    const QString value = m_metric == Metric::Bytes
                              ? chartformat::bytes(static_cast<double>(s.value))
                              : tr("%n packet(s)", nullptr, static_cast<int>(s.value));
    const QString share = QLocale().toString(s.percent, 'f', 1);
    if (s.other)
        return tr("Other (each under %1%): %2, %3%")
            .arg(QLocale().toString(kOtherPercent, 'f', 0), value, share);
    return tr("%1: %2, %3%\nClick to filter on it").arg(s.name, value, share);
}

void ProtocolPieChart::activateSlice(int index)
{
    if (index < 0 || index >= m_slices.size() || m_slices[index].other)
        return;
    const std::string name = m_slices[index].name.toStdString();
    const std::string term = m_grouping == Grouping::Transport
                                 ? DisplayExpression::transportTerm(name)
                                 : DisplayExpression::protocolTerm(name);
    Q_EMIT filterRequested(QString::fromStdString(term));
}

void ProtocolPieChart::onHovered(QPieSlice *slice, bool state)
{
    slice->setExploded(state);
    if (state)
        QToolTip::showText(QCursor::pos(), sliceToolTip(m_series->slices().indexOf(slice)), m_view);
    else
        QToolTip::hideText();
}

bool ProtocolPieChart::saveImage(const QString &path, const QSize &size, QString *error)
{
    const auto render = [this](QPaintDevice *device, const QSize &sz) {
        // Lay the chart out at the picture's size, draw it, and give the view its size back.
        const QSizeF oldSize = m_chart->size();
        m_chart->resize(sz);
        m_chart->layout()->activate();
        QPainter painter(device);
        painter.setRenderHint(QPainter::Antialiasing);
        m_chart->scene()->render(&painter, QRectF(QPointF(0, 0), sz),
                                 QRectF(m_chart->pos(), QSizeF(sz)));
        painter.end();
        m_chart->resize(oldSize);
        m_chart->layout()->activate();
    };
    return chartexport::save(path, size, palette().color(QPalette::Base), render, error);
}

void ProtocolPieChart::showContextMenu(const QPoint &pos)
{
    QMenu menu(this);
    chartexport::addActions(&menu, m_view, QStringLiteral("protocols"),
                            [this](const QString &path, const QSize &size, QString *error) {
                                return saveImage(path, size, error);
                            });
    menu.exec(m_view->mapToGlobal(pos));
}

void ProtocolPieChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        chartformat::applyPalette(m_chart, palette(), font());
        m_series->clear(); // new slice borders in the new base colour
        updateSeries();
    }
}

} // namespace netlens
