// SPDX-License-Identifier: GPL-3.0-or-later
// 64-bit row ids through the packet list: a store whose rows are numbered from just below
// 2^32 (EngineSettings::firstRowId: a store faked to that size, not filled) shows, sorts,
// filters, selects and exports exactly what a store numbered from 0 does with the same file,
// shifted by the offset; also when the in-memory cap retires rows past 2^32. Offscreen.
#include "details/packetdetailsview.h"
#include "engine/engine.h"
#include "export/csvwriter.h"
#include "guitesthelpers.h"
#include "packets/displayfilterjob.h"
#include "packets/packetpane.h"
#include "packets/packettablemodel.h"
#include "packets/packettableview.h"
#include "session/capturesession.h"
#include "store/packetstore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <memory>

using namespace netlens;
using namespace netlens::test;

namespace {
constexpr RowId k2to32 = RowId{1} << 32;
const QString kSyn = QStringLiteral("tcp[tcpflags] & tcp-syn != 0");

/// A packet pane over a file opened with these engine settings and cap, fully loaded.
struct Opened {
    std::unique_ptr<CaptureSession> session;
    std::unique_ptr<PacketPane> pane;
    PacketTableModel &model() const { return *pane->model(); }
    const PacketStore &store() const { return session->engine().store(); }
};

std::unique_ptr<Opened> open(const QString &file, RowId firstRowId, std::size_t cap = 0)
{
    auto o = std::make_unique<Opened>();
    EngineSettings settings;
    settings.firstRowId = firstRowId;
    o->session.reset(CaptureSession::openFiles({file}, nullptr, cap, {}, {}, settings));
    o->pane = std::make_unique<PacketPane>();
    o->pane->setSession(o->session.get());
    QSignalSpy finished(o->session.get(), &CaptureSession::finished);
    if (!finished.wait(60000))
        return nullptr;
    const PacketStore &store = o->store();
    if (!waitFor([&] { return o->model().coveredStoreRows() == store.size(); }))
        return nullptr;
    return o;
}

bool sortBy(PacketTableModel &m, int column, Qt::SortOrder order)
{
    QSignalSpy done(&m, &PacketTableModel::sortingFinished);
    m.sort(column, order);
    return done.count() > 0 || done.wait(30000);
}

bool filter(PacketPane &pane, const QString &expression)
{
    QSignalSpy applied(&pane, &PacketPane::displayFilterApplied);
    pane.applyDisplayFilter(expression);
    return (applied.count() > 0 || applied.wait(30000)) &&
           waitFor([&] { return !pane.filterJob()->isBusy(); });
}

/// The first view row where the two lists show other packets (store rows `offset` apart, and
/// every cell alike), or -1.
int firstDifference(const PacketTableModel &a, const PacketTableModel &b, RowId offset)
{
    if (a.rowCount() != b.rowCount())
        return 0;
    for (int v = 0; v < a.rowCount(); ++v) {
        if (static_cast<RowId>(a.storeRow(v)) != static_cast<RowId>(b.storeRow(v)) + offset)
            return v;
        // Every cell on a sample of rows (Info re-reads the bytes), the number on all.
        const bool all = v % 97 == 0 || v + 1 == a.rowCount();
        for (int c = 0; c < PacketTableModel::ColumnCount; ++c)
            if ((all || c == PacketTableModel::Number) && a.cellText(v, c) != b.cellText(v, c))
                return v;
    }
    return -1;
}

/// Whether some shown store row lies below 2^32 and some at or above it.
bool crosses(const PacketTableModel &m)
{
    bool below = false, above = false;
    for (int v = 0; v < m.rowCount(); ++v)
        (static_cast<RowId>(m.storeRow(v)) < k2to32 ? below : above) = true;
    return below && above;
}

QByteArray csvOf(const Engine &engine, const RowList &rows, const QString &path)
{
    std::string error;
    if (!CsvWriter::write(path.toStdString(), engine, error, &rows))
        return {};
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestRowIds final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        netlens::test::isolateSettings();
        QVERIFY(m_dir.isValid());
        m_file = corpus(QStringLiteral("zeek__echo-connections.pcap")); // 82,582 packets
        m_big = writeBigCapture(m_dir, 4);                              // 330,328 packets
        QVERIFY(!m_big.isEmpty());
    }

    void tableSortAndFilterPastTwoToThe32()
    {
        const RowId offset = k2to32 - 1000;
        const auto ref = open(m_file, 0);
        const auto big = open(m_file, offset);
        QVERIFY(ref && big);
        QCOMPARE(big->store().firstRow(), offset);
        QCOMPARE(big->store().size(), offset + 82582);
        QCOMPARE(big->model().rowCount(), 82582);
        QCOMPARE(static_cast<RowId>(big->model().storeRow(999)), k2to32 - 1);
        QCOMPARE(static_cast<RowId>(big->model().storeRow(1000)), k2to32);
        QCOMPARE(big->model().viewRow(static_cast<qint64>(k2to32 + 5)), 1005);
        QCOMPARE(firstDifference(big->model(), ref->model(), offset), -1);

        // Sorted by several columns: the same order, row for row, across 2^32.
        for (const auto &[column, order] :
             {std::pair{int(PacketTableModel::Length), Qt::DescendingOrder},
              std::pair{int(PacketTableModel::Source), Qt::AscendingOrder},
              std::pair{int(PacketTableModel::Number), Qt::DescendingOrder}}) {
            QVERIFY(sortBy(ref->model(), column, order));
            QVERIFY(sortBy(big->model(), column, order));
            QCOMPARE(firstDifference(big->model(), ref->model(), offset), -1);
        }
        const qint64 high = big->model().storeRow(0); // Number descending: the last row
        QCOMPARE(static_cast<RowId>(high), offset + 82581);
        QCOMPARE(big->model().viewRow(high), 0);

        // The display filter, then a sort of what it shows.
        QVERIFY(filter(*ref->pane, kSyn));
        QVERIFY(filter(*big->pane, kSyn));
        QCOMPARE(ref->model().rowCount(), 1241);
        QCOMPARE(firstDifference(big->model(), ref->model(), offset), -1);
        QVERIFY(crosses(big->model()));
        QVERIFY(sortBy(ref->model(), PacketTableModel::Time, Qt::DescendingOrder));
        QVERIFY(sortBy(big->model(), PacketTableModel::Time, Qt::DescendingOrder));
        QCOMPARE(firstDifference(big->model(), ref->model(), offset), -1);

        // Selecting a packet past 2^32 shows its details.
        int past = -1;
        for (int v = 0; v < big->model().rowCount() && past < 0; ++v)
            if (static_cast<RowId>(big->model().storeRow(v)) > k2to32)
                past = v;
        QVERIFY(past >= 0);
        big->pane->view()->selectRow(past);
        QVERIFY(big->pane->detailsView()->topLevelItemCount() > 0);

        // The displayed rows as CSV: the same text as the reference's.
        const RowList shown = big->model().displayedStoreRows();
        QCOMPARE(shown.size(), std::size_t(1241));
        QVERIFY(std::is_sorted(shown.begin(), shown.end()));
        const QByteArray csv =
            csvOf(big->session->engine(), shown, m_dir.filePath(QStringLiteral("big.csv")));
        QVERIFY(csv.count('\n') == 1242);
        QCOMPARE(csv, csvOf(ref->session->engine(), ref->model().displayedStoreRows(),
                            m_dir.filePath(QStringLiteral("ref.csv"))));
    }

    void capRetiresRowsPastTwoToThe32()
    {
        // 330,328 rows from 2^32 - 100,000 with a cap of 70,000: the front is retired past
        // 2^32 while the file loads. The list shows the rows held, the filter finds among them
        // what the reference finds at the same places, and a gone row is refused.
        const RowId offset = k2to32 - 100000;
        const auto ref = open(m_big, 0);
        const auto big = open(m_big, offset, 70000);
        QVERIFY(ref && big);
        const RowId first = big->store().firstRow();
        QVERIFY(first > k2to32);
        QCOMPARE(big->store().size(), offset + 330328);
        QCOMPARE(static_cast<RowId>(big->model().rowCount()), big->store().size() - first);
        QCOMPARE(static_cast<RowId>(big->model().storeRow(0)), first);
        QCOMPARE(big->model().cellText(0, PacketTableModel::Number),
                 QString::number(first - offset + 1));
        QVERIFY(!big->store().find(first - 1));
        QVERIFY(!big->store().find(k2to32));
        QCOMPARE(big->model().viewRow(static_cast<qint64>(first - 1)), -1);

        QVERIFY(filter(*ref->pane, kSyn));
        QVERIFY(filter(*big->pane, kSyn));
        RowList expected;
        for (const RowId r : ref->model().displayedStoreRows())
            if (r + offset >= first)
                expected.push_back(r + offset);
        QVERIFY(!expected.empty());
        QCOMPARE(big->model().displayedStoreRows(), expected);
        for (int v = 0; v < big->model().rowCount(); v += 50) {
            const int refView =
                ref->model().viewRow(big->model().storeRow(v) - static_cast<qint64>(offset));
            QVERIFY(refView >= 0);
            QCOMPARE(big->model().cellText(v, PacketTableModel::Info),
                     ref->model().cellText(refView, PacketTableModel::Info));
        }
    }

private:
    QTemporaryDir m_dir;
    QString m_file, m_big;
};

QTEST_MAIN(TestRowIds)
#include "tst_rowids.moc"
