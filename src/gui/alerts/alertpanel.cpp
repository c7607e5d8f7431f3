// SPDX-License-Identifier: GPL-3.0-or-later
#include "alertpanel.h"

#include "alertfilterproxy.h"
#include "alertlistmodel.h"
#include "export/csvwriter.h"
#include "session/capturesession.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QMessageBox>
#include <QSaveFile>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace netlens {

AlertPanel::AlertPanel(QWidget *parent)
    : QDockWidget(parent)
    , m_model(new AlertListModel(this))
    , m_proxy(new AlertFilterProxy(this))
    , m_view(new QTableView)
    , m_filterEdit(new QLineEdit)
    , m_severityCombo(new QComboBox)
{
    setObjectName(QStringLiteral("alertsDock"));
    auto *body = new QWidget;
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(2, 2, 2, 2);

    auto *bar = new QToolBar;
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_ack = bar->addAction(tr("Acknowledge"), this, &AlertPanel::acknowledgeSelected);
    m_ackAll = bar->addAction(tr("Acknowledge All"), this, &AlertPanel::acknowledgeAll);
    m_clear = bar->addAction(tr("Clear"), this, &AlertPanel::clearAlerts);
    bar->addSeparator();
    m_showPackets = bar->addAction(tr("Show Packets"), this, &AlertPanel::showPackets);
    m_export = bar->addAction(tr("Export CSV…"), this, &AlertPanel::chooseCsvExport);
    m_history = bar->addAction(tr("Reload History"), this, &AlertPanel::historyRequested);
    m_ack->setToolTip(tr("Mark the selected alerts as seen"));
    m_showPackets->setToolTip(tr("Show the alert's packets in the packet list (double-click)"));
    layout->addWidget(bar);

    auto *filters = new QHBoxLayout;
    m_filterEdit->setPlaceholderText(tr("Filter alerts: words of the type, key or summary"));
    m_filterEdit->setClearButtonEnabled(true);
    m_severityCombo->addItem(tr("All severities"), static_cast<int>(Severity::Info));
    m_severityCombo->addItem(tr("Warning and above"), static_cast<int>(Severity::Warning));
    m_severityCombo->addItem(tr("Critical only"), static_cast<int>(Severity::Critical));
    filters->addWidget(m_filterEdit, 1);
    filters->addWidget(m_severityCombo);
    layout->addLayout(filters);
    connect(m_filterEdit, &QLineEdit::textChanged, m_proxy, &AlertFilterProxy::setText);
    connect(m_severityCombo, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setMinSeverity(m_severityCombo->currentData().toInt()); });

    m_proxy->setSourceModel(m_model);
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(AlertListModel::Summary, QHeaderView::Stretch);
    m_view->setWordWrap(false);
    // Unacknowledged rows are bold: widths measured in bold, so they are not elided.
    QFont bold = m_view->font();
    bold.setBold(true);
    const QFontMetrics fm(bold);
    const auto widthOf = [&fm](const QString &sample) { return fm.horizontalAdvance(sample) + 20; };
    m_view->setColumnWidth(AlertListModel::Time, widthOf(QStringLiteral("8888-88-88 88:88:88")));
    int severityWidth = 0;
    for (Severity level : {Severity::Info, Severity::Warning, Severity::Critical})
        severityWidth = std::max(severityWidth, widthOf(AlertListModel::severityText(level)));
    m_view->setColumnWidth(AlertListModel::Severity, severityWidth + 22); // and the icon
    m_view->setColumnWidth(AlertListModel::Type,
                           widthOf(AlertListModel::kindText(AlertKind::TrafficSpike)));
    // A pair's key is long and the summary repeats it: one address wide, elided, so the
    // summary keeps its room in a dock half a 1366 px screen wide (the tooltip has it whole).
    m_view->setColumnWidth(AlertListModel::Key, widthOf(QStringLiteral("888.888.888.888")));
    m_view->setColumnWidth(AlertListModel::Email,
                           widthOf(AlertListModel::deliveryText(DeliveryStatus::Delivered)));
    m_view->setColumnWidth(AlertListModel::Webhook,
                           widthOf(AlertListModel::deliveryText(DeliveryStatus::Delivered)));
    connect(m_view, &QTableView::doubleClicked, this, &AlertPanel::showPackets);
    layout->addWidget(m_view, 1);
    setWidget(body);

    connect(m_model, &AlertListModel::unacknowledgedCountChanged, this, [this](int n) {
        updateTitle();
        Q_EMIT unacknowledgedCountChanged(n);
    });
    updateTitle();
}

AlertPanel::~AlertPanel() = default;

void AlertPanel::setSession(CaptureSession *session)
{
    disconnect(m_alertsConnection);
    m_session = session;
    if (!session)
        return;
    m_alertsConnection =
        connect(session, &CaptureSession::alertsReady, this, &AlertPanel::addAlerts);
}

void AlertPanel::addAlerts(const QList<Alert> &alerts)
{
    m_model->addAlerts(alerts);
}

void AlertPanel::setRecords(const QList<AlertRecord> &records)
{
    m_model->setRecords(records);
}

void AlertPanel::updateRecord(const AlertRecord &record)
{
    m_model->upsertRecord(record);
}

void AlertPanel::setDelivery(const QString &uid, Channel channel, DeliveryStatus status,
                             const QString &message)
{
    m_model->setDelivery(uid, channel, status, message);
}

QList<int> AlertPanel::selectedSourceRows() const
{
    QList<int> rows;
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows())
        rows << m_proxy->mapToSource(i).row();
    if (rows.isEmpty() && m_view->currentIndex().isValid())
        rows << m_proxy->mapToSource(m_view->currentIndex()).row();
    return rows;
}

void AlertPanel::acknowledgeSelected()
{
    const QList<AlertRecord> changed = m_model->acknowledge(selectedSourceRows());
    if (!changed.isEmpty())
        Q_EMIT acknowledged(changed);
}

void AlertPanel::acknowledgeAll()
{
    const QList<AlertRecord> changed = m_model->acknowledgeAll();
    if (!changed.isEmpty())
        Q_EMIT acknowledged(changed);
}

void AlertPanel::clearAlerts()
{
    m_model->clear();
    Q_EMIT cleared();
}

void AlertPanel::showPackets()
{
    const QList<int> rows = selectedSourceRows();
    if (rows.isEmpty())
        return;
    const QString filter = m_model->record(rows.first()).alert.displayFilter;
    if (!filter.isEmpty())
        Q_EMIT showPacketsRequested(filter);
}

int AlertPanel::unacknowledgedCount() const
{
    return m_model->unacknowledgedCount();
}

void AlertPanel::updateTitle()
{
    const int n = m_model->unacknowledgedCount();
    setWindowTitle(n ? tr("Alerts (%1)").arg(n) : tr("Alerts"));
}

static void appendField(std::string &line, const QString &field)
{
    if (!line.empty() && line.back() != '\n')
        line += ',';
    CsvWriter::appendField(line, field.toStdString());
}

bool AlertPanel::exportCsv(const QString &path, QString &error) const
{
    // The shown rows, in the columns of the history's own export, so one reader takes both.
    std::string out = "time,severity,type,key,summary,state,start,end,email,webhook,"
                      "acknowledged,rule,display_filter,snippet\r\n";
    const auto iso = [](std::int64_t ns) {
        return ns ? QDateTime::fromMSecsSinceEpoch(ns / 1'000'000).toString(Qt::ISODateWithMs)
                  : QString();
    };
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const AlertRecord &r = m_model->record(m_proxy->mapToSource(m_proxy->index(row, 0)).row());
        const Alert &a = r.alert;
        std::string line;
        appendField(line, AlertListModel::timeText(a.startNs));
        appendField(line, severityName(a.severity));
        appendField(line, alertKindName(a.kind));
        appendField(line, a.key);
        appendField(line, a.summary);
        appendField(line, a.isEngaged() ? QStringLiteral("engaged") : QStringLiteral("released"));
        appendField(line, iso(a.startNs));
        appendField(line, iso(a.endNs));
        appendField(line, AlertListModel::deliveryText(r.email));
        appendField(line, AlertListModel::deliveryText(r.webhook));
        appendField(line, r.acknowledged ? QStringLiteral("yes") : QStringLiteral("no"));
        appendField(line, a.ruleId);
        appendField(line, a.displayFilter);
        appendField(line, a.snippetPath);
        out += line + "\r\n";
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(out.data(), static_cast<qint64>(out.size())) !=
            static_cast<qint64>(out.size()) ||
        !file.commit()) {
        error = tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

void AlertPanel::chooseCsvExport()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Alerts as CSV"), QStringLiteral("alerts.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportCsv(path, error))
        QMessageBox::warning(this, tr("NetLens"), error);
}

} // namespace netlens
