// SPDX-License-Identifier: GPL-3.0-or-later
#include "packetpane.h"

#include "decode/dissector.h"
#include "details/hexview.h"
#include "details/packetdetailsview.h"
#include "displayfilterjob.h"
#include "engine/engine.h"
#include "engine/packetbytes.h"
#include "mainwindow/bpflineedit.h"
#include "packettablemodel.h"
#include "packettableview.h"
#include "session/capturesession.h"

#include <QSplitter>
#include <QVBoxLayout>

namespace netlens {

PacketPane::PacketPane(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("packetPane"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 0);
    m_filterEdit = new BpfLineEdit(this);
    m_filterEdit->setDisplayFilterMode(true);
    m_filterEdit->setObjectName(QStringLiteral("displayFilter"));
    m_filterEdit->setPlaceholderText(
        tr("Display filter: BPF as for tcpdump, plus protocol NAME, transport NAME, time FROM-TO — "
           "e.g. protocol DNS and host 10.0.0.1 — Enter applies, Esc clears"));
    connect(m_filterEdit, &BpfLineEdit::applied, this, &PacketPane::applyDisplayFilter);
    connect(m_filterEdit, &BpfLineEdit::cleared, this, [this] { applyDisplayFilter(QString()); });
    layout->addWidget(m_filterEdit);

    m_model = new PacketTableModel(this);
    m_view = new PacketTableView(this);
    m_view->setObjectName(QStringLiteral("packetTable"));
    m_view->setPacketModel(m_model);
    connect(m_view, &PacketTableView::packetSelected, this, &PacketPane::onPacketSelected);
    connect(m_view, &PacketTableView::filterRequested, this, [this](const QString &expr) {
        m_filterEdit->setText(expr);
        applyDisplayFilter(expr);
    });
    connect(m_model, &PacketTableModel::sortingStarted, this,
            [this] { Q_EMIT progressChanged(tr("Sorting…"), 0); });
    connect(m_model, &PacketTableModel::sortingFinished, this, &PacketPane::progressFinished);

    m_details = new PacketDetailsView(this);
    m_hex = new HexView(this);
    connect(m_details, &PacketDetailsView::fieldSelected, m_hex, &HexView::highlight);
    connect(m_hex, &HexView::byteClicked, m_details, &PacketDetailsView::selectByte);
    m_bottomSplitter = new QSplitter(Qt::Horizontal, this);
    m_bottomSplitter->addWidget(m_details);
    m_bottomSplitter->addWidget(m_hex);
    m_bottomSplitter->setStretchFactor(0, 3);
    m_bottomSplitter->setStretchFactor(1, 2);
    m_mainSplitter = new QSplitter(Qt::Vertical, this);
    m_mainSplitter->addWidget(m_view);
    m_mainSplitter->addWidget(m_bottomSplitter);
    m_mainSplitter->setStretchFactor(0, 3);
    m_mainSplitter->setStretchFactor(1, 2);
    layout->addWidget(m_mainSplitter, 1);

    m_filter = new DisplayFilterJob(this);
    connect(m_filter, &DisplayFilterJob::progress, this,
            [this](int permille) { Q_EMIT progressChanged(tr("Filtering…"), permille); });
    connect(m_filter, &DisplayFilterJob::applied, this, &PacketPane::onFilterApplied);
    connect(m_filter, &DisplayFilterJob::rowsMatched, this,
            [this](const RowList &rows, RowId endRow) {
                m_model->appendDisplayedRows(rows, endRow);
                updateCounts();
            });
    connect(m_filter, &DisplayFilterJob::failed, this, [this](const QString &error) {
        Q_EMIT progressFinished();
        Q_EMIT errorOccurred(tr("Display filter: %1").arg(error));
    });
    connect(m_filter, &DisplayFilterJob::cancelled, this, &PacketPane::progressFinished);
}

PacketPane::~PacketPane()
{
    // The model and the filter passes read the session's engine: done with it before it goes.
    setSession(nullptr);
}

void PacketPane::setSession(CaptureSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    if (m_filter->isApplying())
        Q_EMIT progressFinished(); // the pass is abandoned: no result will hide its progress
    m_filter->setSession(session); // cancels and waits for the passes over the old one
    m_model->waitForSort();
    m_session = session;
    m_details->clear();
    m_hex->setBytes({});
    m_view->forgetSelection();
    m_model->setSession(session);
    // Like Wireshark: a live capture follows its newest packets, a file shows its first ones.
    m_view->setFollowNewRows(session && session->kind() == CaptureSession::Kind::Live);
    if (session) {
        connect(session, &CaptureSession::rowsAvailable, this,
                [this](qsizetype first, qsizetype end) {
                    m_model->appendRows(first, end);
                    onRowsAvailable();
                });
        connect(session, &CaptureSession::captureStarted, this,
                [this](const QString &, int linkType, const QString &) {
                    m_filterEdit->setLinkType(linkType);
                });
        connect(session, &CaptureSession::finished, this, &PacketPane::onRowsAvailable);
        // A filter typed before opening applies to the new capture too, as its rows arrive.
        if (!m_filter->expression().isEmpty())
            m_model->setDisplayedRows({}, session->engine().store().firstRow());
    }
    updateCounts();
}

void PacketPane::applyDisplayFilter(const QString &expression)
{
    const QString expr = expression.trimmed();
    const bool wasFiltering = m_filter->isApplying();
    m_filter->start(expr);
    if (!expr.isEmpty() && m_session) {
        Q_EMIT progressChanged(tr("Filtering…"), 0);
        return; // onFilterApplied() follows
    }
    if (wasFiltering)
        Q_EMIT progressFinished();
    m_model->showAllRows();
    updateCounts();
    Q_EMIT displayFilterApplied();
}

void PacketPane::onFilterApplied(RowId endRow)
{
    Q_EMIT progressFinished();
    m_model->setDisplayedRows(m_filter->takeAppliedRows(), endRow);
    updateCounts();
    Q_EMIT displayFilterApplied();
}

void PacketPane::cancelDisplayFilter()
{
    m_filter->cancel();
}

QString PacketPane::displayFilter() const
{
    return m_filter->expression();
}

bool PacketPane::isFiltering() const
{
    return m_filter->isApplying();
}

void PacketPane::onRowsAvailable()
{
    m_filter->update();
    updateCounts();
}

qint64 PacketPane::displayedRows() const
{
    return m_model->rowCount();
}

qint64 PacketPane::totalRows() const
{
    return m_session ? static_cast<qint64>(m_session->engine().store().size()) : 0;
}

void PacketPane::updateCounts()
{
    Q_EMIT countsChanged(displayedRows(), totalRows());
}

void PacketPane::onPacketSelected(qint64 storeRow)
{
    if (!m_session || storeRow < 0) {
        m_details->clear();
        m_hex->setBytes({});
        return;
    }
    // Copied: the details are built from the record after the bytes are read, and a live
    // capture at its cap may retire the row meanwhile.
    const PacketRecord *found = m_session->engine().store().find(static_cast<RowId>(storeRow));
    if (!found) {
        m_details->clear();
        m_hex->setBytes({});
        Q_EMIT statusMessage(
            tr("This packet is no longer in memory (Settings: Packets kept in memory)."), 3000);
        return;
    }
    const PacketRecord r = *found;
    std::vector<std::uint8_t> bytes;
    if (!m_session->bytes()->read(r, bytes)) {
        m_details->clear();
        m_hex->setBytes({});
        Q_EMIT statusMessage(
            tr("The bytes of this packet are not on disk yet; select it again in a second."), 3000);
        return;
    }
    m_details->showFields(dissectPacket(bytes.data(), r.capLen, r.wireLen, r.linkType));
    m_hex->setBytes(QByteArray(reinterpret_cast<const char *>(bytes.data()),
                               static_cast<qsizetype>(bytes.size())));
}

QByteArray PacketPane::mainSplitterState() const
{
    return m_mainSplitter->saveState();
}

QByteArray PacketPane::bottomSplitterState() const
{
    return m_bottomSplitter->saveState();
}

void PacketPane::restoreSplitterStates(const QByteArray &mainSplitter,
                                       const QByteArray &bottomSplitter)
{
    if (!mainSplitter.isEmpty())
        m_mainSplitter->restoreState(mainSplitter);
    if (!bottomSplitter.isEmpty())
        m_bottomSplitter->restoreState(bottomSplitter);
}

} // namespace netlens
