// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/toptalkerschart.h"

#include "charts/chartexport.h"
#include "charts/chartformat.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCursor>
#include <QEvent>
#include <QFontMetricsF>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QLegend>
#include <QMenu>
#include <QPainter>
#include <QScrollArea>
#include <QSet>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <array>

namespace netlens {

namespace {
constexpr int kMaxLabel = 28;      // IPv6 addresses get a middle ellipsis beyond this
constexpr int kChartOverhead = 70; // legend, bytes axis and margins, in pixels
constexpr int kMinRow = 24;        // a 7-point label and Qt Charts' margin around it

QString shortLabel(const QString &address)
{
    if (address.size() <= kMaxLabel)
        return address;
    const int keep = (kMaxLabel - 1) / 2;
    return address.left(keep) + QChar(0x2026) + address.right(keep);
}
} // namespace

TopTalkersChart::TopTalkersChart(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(tr("Top Talkers"), this))
    , m_countBox(new QComboBox(this))
    , m_chart(new QChart)
    , m_view(new QChartView(m_chart))
    , m_scroll(new QScrollArea(this))
    , m_series(new QHorizontalStackedBarSeries(m_chart))
    , m_sent(new QBarSet(tr("Sent"), m_series))
    , m_received(new QBarSet(tr("Received"), m_series))
    , m_hostAxis(new QBarCategoryAxis(m_chart))
    , m_bytesAxis(new QValueAxis(m_chart))
{
    for (int n : barCounts())
        m_countBox->addItem(tr("Top %1").arg(n), n);
    m_countBox->setCurrentIndex(static_cast<int>(barCounts().indexOf(m_barCount)));
    m_countBox->setToolTip(tr("Number of hosts shown"));
    m_countBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);

    auto *controls = new QHBoxLayout;
    controls->setContentsMargins(4, 2, 4, 0);
    controls->addWidget(m_title);
    controls->addStretch(1);
    controls->addWidget(m_countBox);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(controls);
    // Fifty hosts do not fit a dock: the chart grows to rows of readable height and scrolls.
    m_scroll->setWidget(m_view);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(m_scroll, 1);

    m_series->append(m_sent);
    m_series->append(m_received);
    m_series->setBarWidth(0.7);
    m_chart->addSeries(m_series);
    m_chart->addAxis(m_hostAxis, Qt::AlignLeft);
    m_chart->addAxis(m_bytesAxis, Qt::AlignBottom);
    m_series->attachAxis(m_hostAxis);
    m_series->attachAxis(m_bytesAxis);
    m_hostAxis->setGridLineVisible(false);
    m_bytesAxis->setTickCount(5);
    m_chart->legend()->setAlignment(Qt::AlignTop);
    m_chart->setMargins(QMargins(2, 2, 8, 2));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumWidth(220);
    m_view->installEventFilter(this);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    applyPalette();

    connect(m_countBox, &QComboBox::currentIndexChanged, this,
            [this](int i) { setBarCount(m_countBox->itemData(i).toInt()); });
    connect(m_series, &QHorizontalStackedBarSeries::clicked, this,
            [this](int category, QBarSet *) { activateBar(barAt(category)); });
    for (QBarSet *set : {m_sent, m_received})
        connect(set, &QBarSet::hovered, this, [this](bool state, int category) {
            if (state)
                QToolTip::showText(QCursor::pos(), barToolTip(barAt(category)), m_view);
            else
                QToolTip::hideText();
        });
    connect(m_view, &QWidget::customContextMenuRequested, this, &TopTalkersChart::showContextMenu);
    rebuild();
}

TopTalkersChart::~TopTalkersChart() = default;

void TopTalkersChart::setSnapshot(const StatsSnapshotPtr &snapshot)
{
    m_snapshot = snapshot;
    rebuild();
}

void TopTalkersChart::setBarCount(int count)
{
    count = std::max(count, 1);
    if (count == m_barCount)
        return;
    m_barCount = count;
    const int i = m_countBox->findData(count);
    if (i >= 0)
        m_countBox->setCurrentIndex(i);
    rebuild();
}

void TopTalkersChart::rebuild()
{
    m_bars.clear();
    if (m_snapshot) {
        std::vector<const StatsSnapshot::Endpoint *> rows;
        rows.reserve(m_snapshot->endpoints.size());
        for (const auto &e : m_snapshot->endpoints)
            rows.push_back(&e);
        // Snapshots come sorted by bytes already; sort anyway (ties by address, for a stable
        // order between refreshes).
        std::stable_sort(rows.begin(), rows.end(), [](const auto *a, const auto *b) {
            return a->traffic.bytes() > b->traffic.bytes();
        });
        for (const auto *e : rows) {
            if (m_bars.size() >= m_barCount)
                break;
            m_bars.append({QString::fromStdString(m_snapshot->address(e->address)), e->family,
                           e->traffic.bytesAB, e->traffic.bytesBA});
        }
    }

    quint64 top = 0;
    for (const Bar &b : m_bars)
        top = std::max(top, b.total());
    // Bytes in one unit for the whole axis, so its labels read "20 MB", not "20000000".
    static const std::array<const char *, 5> units{
        QT_TR_NOOP("B"), QT_TR_NOOP("kB"), QT_TR_NOOP("MB"), QT_TR_NOOP("GB"), QT_TR_NOOP("TB")};
    std::size_t unit = 0;
    double divisor = 1;
    while (static_cast<double>(top) / divisor >= 1000 && unit + 1 < units.size()) {
        divisor *= 1000;
        ++unit;
    }
    QList<qreal> sent;
    QList<qreal> received;
    QStringList labels;
    QSet<QString> used;
    for (auto it = m_bars.crbegin(); it != m_bars.crend(); ++it) { // busiest at the top
        sent.append(static_cast<double>(it->sent) / divisor);
        received.append(static_cast<double>(it->received) / divisor);
        QString label = shortLabel(it->address);
        if (used.contains(label)) // categories must be unique
            label = it->address;
        used.insert(label);
        labels.append(label);
    }
    m_sent->remove(0, m_sent->count());
    m_received->remove(0, m_received->count());
    m_sent->append(sent);
    m_received->append(received);
    m_hostAxis->setCategories(labels);
    fitLabelFont(m_view->height());
    m_bytesAxis->setRange(0, top ? static_cast<double>(top) / divisor : 1.0);
    m_bytesAxis->applyNiceNumbers();
    m_bytesAxis->setLabelFormat(QStringLiteral("%g ") + tr(units[unit]));
    m_chart->setTitle(m_bars.isEmpty() ? tr("No hosts") : QString());
    m_view->setMinimumHeight(static_cast<int>(std::max<qsizetype>(1, m_bars.size())) * kMinRow +
                             kChartOverhead);
}

QString TopTalkersChart::hostFilter(const Bar &bar)
{
    switch (bar.family) {
    case Family::V4:
    case Family::V6: return QStringLiteral("host ") + bar.address;
    case Family::Mac: return QStringLiteral("ether host ") + bar.address;
    case Family::None: break;
    }
    return {};
}

void TopTalkersChart::activateBar(int index)
{
    if (index < 0 || index >= m_bars.size())
        return;
    const QString filter = hostFilter(m_bars[index]);
    if (!filter.isEmpty())
        Q_EMIT filterRequested(filter);
}

QString TopTalkersChart::barToolTip(int index) const
{
    if (index < 0 || index >= m_bars.size())
        return {};
    const Bar &b = m_bars[index];
    return tr("%1\nSent: %2\nReceived: %3\nClick to filter on this host")
        .arg(b.address, chartformat::bytes(static_cast<double>(b.sent)),
             chartformat::bytes(static_cast<double>(b.received)));
}

bool TopTalkersChart::fitLabelFont(int chartHeight)
{
    // Qt Charts elides a category label to "..." when it is taller than its row (text plus a
    // margin of about 8 px): in a small dock or with fifty hosts, a smaller font instead.
    // The plot is the chart less the legend and the bytes axis.
    const qreal plot = chartHeight - kChartOverhead;
    if (plot <= 0) // not laid out yet
        return false;
    const qreal row = plot / std::max<qsizetype>(1, m_bars.size());
    QFont f = font();
    qreal points = f.pointSizeF() > 0 ? f.pointSizeF() : 9.0;
    while (points > 7.0 && QFontMetricsF(f).height() + 8 > row) {
        points -= 0.5;
        f.setPointSizeF(points);
    }
    if (f == m_hostAxis->labelsFont())
        return false;
    m_hostAxis->setLabelsFont(f);
    m_hostAxis->setCategories(m_hostAxis->categories()); // re-measured only on new categories
    return true;
}

bool TopTalkersChart::saveImage(const QString &path, const QSize &size, QString *error)
{
    const auto render = [this](QPaintDevice *device, const QSize &sz) {
        const QSizeF oldSize = m_chart->size();
        m_chart->resize(sz);
        m_chart->layout()->activate();
        if (fitLabelFont(sz.height()))
            m_chart->layout()->activate();
        QPainter painter(device);
        painter.setRenderHint(QPainter::Antialiasing);
        m_chart->scene()->render(&painter, QRectF(QPointF(0, 0), sz),
                                 QRectF(m_chart->pos(), QSizeF(sz)));
        painter.end();
        m_chart->resize(oldSize);
        m_chart->layout()->activate();
        fitLabelFont(m_view->height());
    };
    return chartexport::save(path, size, palette().color(QPalette::Base), render, error);
}

void TopTalkersChart::applyPalette()
{
    chartformat::applyPalette(m_chart, palette(), font());
    const QColor text = palette().color(QPalette::Text);
    QColor grid = palette().color(QPalette::Mid);
    grid.setAlpha(90);
    for (QAbstractAxis *axis :
         {static_cast<QAbstractAxis *>(m_hostAxis), static_cast<QAbstractAxis *>(m_bytesAxis)}) {
        axis->setLabelsBrush(text);
        axis->setLinePenColor(text);
        axis->setGridLineColor(grid);
    }
    m_sent->setColor(chartformat::seriesColor(0));
    m_sent->setBorderColor(chartformat::seriesColor(0));
    m_received->setColor(chartformat::seriesColor(1));
    m_received->setBorderColor(chartformat::seriesColor(1));
}

void TopTalkersChart::showContextMenu(const QPoint &pos)
{
    QMenu menu(this);
    chartexport::addActions(&menu, m_view, QStringLiteral("top-talkers"),
                            [this](const QString &path, const QSize &size, QString *error) {
                                return saveImage(path, size, error);
                            });
    menu.exec(m_view->mapToGlobal(pos));
}

void TopTalkersChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        applyPalette();
        m_bytesAxis->setLabelsFont(font());
        fitLabelFont(m_view->height());
    }
}

bool TopTalkersChart::eventFilter(QObject *watched, QEvent *event)
{
    // The view's size, not ours: inside the scroll area it is the taller of the two.
    if (watched == m_view && event->type() == QEvent::Resize)
        fitLabelFont(m_view->height());
    return QWidget::eventFilter(watched, event);
}

} // namespace netlens
