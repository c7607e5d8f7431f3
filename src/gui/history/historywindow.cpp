// SPDX-License-Identifier: GPL-3.0-or-later
#include "history/historywindow.h"

#include "charts/chartformat.h"
#include "history/historychart.h"
#include "history/historystore.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace netlens {

namespace {
constexpr int kValueRole = Qt::UserRole + 1; // the number a column sorts by

QStandardItem *numberItem(quint64 value, const QString &text)
{
    auto *item = new QStandardItem(text);
    item->setData(QVariant::fromValue(value), kValueRole);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}
} // namespace

HistoryWindow::HistoryWindow(QString dbPath, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_dbPath(std::move(dbPath))
    , m_period(HistoryPeriod::containing(HistoryPeriod::Day, QDateTime::currentDateTime()))
    , m_kindBox(new QComboBox(this))
    , m_prevButton(new QToolButton(this))
    , m_nextButton(new QToolButton(this))
    , m_nowButton(new QToolButton(this))
    , m_title(new QLabel(this))
    , m_chart(new HistoryChart(this))
    , m_status(new QLabel(this))
    , m_hosts(new QStandardItemModel(0, 5, this))
    , m_hostsView(new QTableView(this))
{
    setWindowTitle(tr("Traffic History"));
    setAttribute(Qt::WA_DeleteOnClose);
    m_kindBox->addItems({tr("Day"), tr("Week"), tr("Month"), tr("Year")});
    m_kindBox->setToolTip(tr("How much history to show at once"));
    m_prevButton->setArrowType(Qt::LeftArrow);
    m_prevButton->setToolTip(tr("The period before"));
    m_nextButton->setArrowType(Qt::RightArrow);
    m_nextButton->setToolTip(tr("The period after"));
    m_nowButton->setText(tr("Now"));
    m_nowButton->setToolTip(tr("The period holding now"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setMinimumWidth(m_title->fontMetrics().horizontalAdvance(QStringLiteral("M")) * 22);

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Show:"), this));
    controls->addWidget(m_kindBox);
    controls->addSpacing(8);
    controls->addWidget(m_prevButton);
    controls->addWidget(m_title);
    controls->addWidget(m_nextButton);
    controls->addWidget(m_nowButton);
    controls->addStretch(1);

    m_hosts->setHorizontalHeaderLabels(
        {tr("Host"), tr("Bytes in"), tr("Bytes out"), tr("Packets in"), tr("Packets out")});
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_hosts);
    proxy->setSortRole(kValueRole);
    m_hostsView->setModel(proxy);
    m_hostsView->setSortingEnabled(true);
    // Busiest first (the query's order) until a column is clicked.
    m_hostsView->horizontalHeader()->setSortIndicator(-1, Qt::DescendingOrder);
    proxy->sort(-1);
    m_hostsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_hostsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_hostsView->verticalHeader()->hide();
    m_hostsView->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < 5; ++c)
        m_hostsView->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    auto *hostsLabel = new QLabel(tr("Top hosts of the period"), this);
    auto *hostsBox = new QWidget(this);
    auto *hostsLayout = new QVBoxLayout(hostsBox);
    hostsLayout->setContentsMargins(0, 4, 0, 0);
    hostsLayout->addWidget(hostsLabel);
    hostsLayout->addWidget(m_hostsView);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_chart, 1);
    topLayout->addWidget(m_status);
    m_status->setWordWrap(true);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(hostsBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(split, 1);
    resize(900, 680);

    connect(m_kindBox, &QComboBox::currentIndexChanged, this, [this](int kind) {
        setPeriod(
            HistoryPeriod::containing(static_cast<HistoryPeriod::Kind>(kind), m_period.start));
    });
    connect(m_prevButton, &QToolButton::clicked, this, &HistoryWindow::previous);
    connect(m_nextButton, &QToolButton::clicked, this, &HistoryWindow::next);
    connect(m_nowButton, &QToolButton::clicked, this, [this] {
        setPeriod(HistoryPeriod::containing(m_period.kind, QDateTime::currentDateTime()));
    });
    // Captures write a minute at a time: while shown, a period that holds now follows them.
    auto *timer = new QTimer(this);
    timer->setInterval(60'000);
    connect(timer, &QTimer::timeout, this, [this] {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        if (isVisible() && now >= m_period.sinceSec() && now < m_period.untilSec() + 60)
            refresh();
    });
    timer->start();
    m_title->setText(periodTitle());
}

HistoryWindow::~HistoryWindow() = default;

void HistoryWindow::setDatabase(const QString &dbPath)
{
    m_dbPath = dbPath;
    if (isVisible())
        refresh();
}

void HistoryWindow::setPeriod(const HistoryPeriod &period)
{
    m_period = period;
    if (m_kindBox->currentIndex() != period.kind) {
        const QSignalBlocker block(m_kindBox);
        m_kindBox->setCurrentIndex(period.kind);
    }
    refresh();
}

void HistoryWindow::previous()
{
    setPeriod(m_period.shifted(-1));
}

void HistoryWindow::next()
{
    setPeriod(m_period.shifted(1));
}

void HistoryWindow::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh(); // what the captures wrote since it was last shown
}

QString HistoryWindow::periodTitle() const
{
    const QDate d = m_period.start.date();
    switch (m_period.kind) {
    case HistoryPeriod::Day: return QLocale().toString(d, QLocale::LongFormat);
    case HistoryPeriod::Week:
        return tr("Week of %1").arg(QLocale().toString(d, QLocale::ShortFormat));
    case HistoryPeriod::Month: return QLocale().toString(d, QStringLiteral("MMMM yyyy"));
    case HistoryPeriod::Year: return QString::number(d.year());
    }
    return {};
}

void HistoryWindow::refresh()
{
    m_title->setText(periodTitle());
    m_report = HistoryReport{};
    m_report.sinceSec = m_period.sinceSec();
    m_report.untilSec = m_period.untilSec();
    HistorySettings settings;
    settings.dbPath = m_dbPath;
    HistoryStore store(settings);
    QString error;
    QString status;
    if (!store.open(error, true))
        status = tr("No history to show: %1. Live captures record it (Edit → Settings → History).")
                     .arg(error);
    else if (!store.query(m_period.sinceSec(), m_period.untilSec(), kTopHosts, m_report, error))
        status = tr("Cannot read the history: %1").arg(error);
    else if (m_report.empty())
        status = tr("No traffic was recorded in this period.");
    else {
        const QString per = m_report.resolution == historyres::kMinute ? tr("per minute")
                            : m_report.resolution == historyres::kHour ? tr("per hour")
                                                                       : tr("per day");
        status = tr("%1 in, %2 out, %3 packets; %4 protocols, bars %5.")
                     .arg(chartformat::bytes(static_cast<double>(m_report.total.bytesIn)),
                          chartformat::bytes(static_cast<double>(m_report.total.bytesOut)),
                          chartformat::count(m_report.total.packets()))
                     .arg(m_report.protocols.size())
                     .arg(per);
    }
    m_status->setText(status);
    m_chart->setReport(m_report, m_period);
    fillHosts();
}

void HistoryWindow::fillHosts()
{
    m_hosts->removeRows(0, m_hosts->rowCount());
    const auto bytes = [](quint64 v) { return chartformat::bytes(static_cast<double>(v)); };
    const auto addRow = [&](const QString &name, const HistoryCounts &c) {
        auto *host = new QStandardItem(name);
        host->setData(name, kValueRole);
        m_hosts->appendRow({host, numberItem(c.bytesIn, bytes(c.bytesIn)),
                            numberItem(c.bytesOut, bytes(c.bytesOut)),
                            numberItem(c.packetsIn, chartformat::count(c.packetsIn)),
                            numberItem(c.packetsOut, chartformat::count(c.packetsOut))});
    };
    for (const HistoryEntry &h : m_report.hosts)
        addRow(h.key, h.counts);
    if (m_report.otherHosts.packets())
        addRow(tr("(other hosts)"), m_report.otherHosts);
}

QString HistoryWindow::statusText() const
{
    return m_status->text();
}

} // namespace netlens
