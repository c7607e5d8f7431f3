// SPDX-License-Identifier: GPL-3.0-or-later
// Offscreen tests of the statistics windows over real captures: the model tester across
// snapshots of different sizes, the numbers against `netlens-cli analyze --json`, sorting,
// Copy and Save as CSV, the Statistics menu, and screenshots of the four windows.
#include "guitesthelpers.h"
#include "session/capturesession.h"
#include "stats/conversationsmodel.h"
#include "stats/endpointsmodel.h"
#include "stats/flowsmodel.h"
#include "stats/protocolhierarchymodel.h"
#include "stats/statisticsmenu.h"
#include "stats/statisticswindow.h"

#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <memory>

using namespace netlens;
using namespace netlens::test;

namespace {
// IPv4, IPv6, TCP, UDP and non-IP frames: every tab has rows.
const QString kFile = QStringLiteral("zeek__wikipedia.pcap");

struct Loaded {
    std::unique_ptr<CaptureSession> session;
    StatsSnapshotPtr first; ///< the first snapshotReady()
    StatsSnapshotPtr last;  ///< the last one: complete
};

Loaded load(const QString &file)
{
    Loaded l;
    l.session.reset(CaptureSession::openFiles({corpus(file)}));
    QObject::connect(l.session.get(), &CaptureSession::snapshotReady,
                     [&l](const StatsSnapshotPtr &s) {
                         if (!l.first)
                             l.first = s;
                         l.last = s;
                     });
    QSignalSpy done(l.session.get(), &CaptureSession::finished);
    if (!done.wait(60000) && done.isEmpty())
        qWarning("loading %s did not finish", qPrintable(file));
    return l;
}

/// What a live snapshot of the same capture looks like: the busiest `keep` rows of each kind
/// and a hierarchy missing its smallest leaf (a protocol not seen yet).
StatsSnapshotPtr partial(const StatsSnapshot &full, std::size_t keep)
{
    auto s = std::make_shared<StatsSnapshot>(full);
    s->complete = false;
    s->final = false;
    s->endpoints.resize(std::min(keep, s->endpoints.size()));
    s->conversations.resize(std::min(keep, s->conversations.size()));
    s->flows.resize(std::min(keep, s->flows.size()));
    StatsSnapshot::Node *n = &s->hierarchy;
    while (!n->children.empty() && !n->children.back().children.empty())
        n = &n->children.back();
    if (!n->children.empty())
        n->children.pop_back();
    return s;
}

QJsonObject cliJson(const QString &file)
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("summary.json"));
    bool ok = false;
    run(QStringLiteral(NETLENS_CLI),
        {QStringLiteral("analyze"), corpus(file), QStringLiteral("--no-csv"),
         QStringLiteral("--json"), out, QStringLiteral("--top"), QStringLiteral("100000"),
         QStringLiteral("--quiet")},
        &ok);
    QFile f(out);
    if (!ok || !f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

quint64 value(const QAbstractItemModel *m, int row, int column, const QModelIndex &parent = {})
{
    return m->index(row, column, parent).data(SnapshotTableModel::SortRole).toULongLong();
}

QString text(const QAbstractItemModel *m, int row, int column, const QModelIndex &parent = {})
{
    return m->index(row, column, parent).data().toString();
}

/// The model's subtree at `index` against a JSON hierarchy node; returns a mismatch or "".
QString compareNode(const QAbstractItemModel *m, const QModelIndex &index, const QJsonObject &node)
{
    const QString name = index.data(ProtocolHierarchyModel::SortRole).toString();
    const QString where = name + QLatin1Char('/');
    if (name != node[QLatin1String("name")].toString())
        return where + QStringLiteral(" name differs from ") +
               node[QLatin1String("name")].toString();
    const QModelIndex parent = index.parent();
    if (value(m, index.row(), ProtocolHierarchyModel::Packets, parent) !=
        static_cast<quint64>(node[QLatin1String("packets")].toInteger()))
        return where + QStringLiteral(" packets");
    if (value(m, index.row(), ProtocolHierarchyModel::Bytes, parent) !=
        static_cast<quint64>(node[QLatin1String("bytes")].toInteger()))
        return where + QStringLiteral(" bytes");
    const QJsonArray children = node[QLatin1String("children")].toArray();
    if (m->rowCount(index) != children.size())
        return where +
               QStringLiteral(" child count %1 vs %2").arg(m->rowCount(index)).arg(children.size());
    for (int i = 0; i < children.size(); ++i) {
        const QString diff = compareNode(m, m->index(i, 0, index), children[i].toObject());
        if (!diff.isEmpty())
            return where + diff;
    }
    return {};
}

bool isMac(const QString &address)
{
    static const QRegularExpression mac(QStringLiteral("^([0-9a-f]{2}:){5}[0-9a-f]{2}$"));
    return mac.match(address).hasMatch();
}

using Numbers = QList<quint64>;

bool monotone(const QAbstractItemModel *m, int column, Qt::SortOrder order)
{
    for (int r = 1; r < m->rowCount(); ++r) {
        const quint64 x = value(m, r - 1, column), y = value(m, r, column);
        if (order == Qt::AscendingOrder ? x > y : x < y)
            return false;
    }
    return true;
}

void saveShot(QWidget &w, const QString &name)
{
    QDir().mkpath(QStringLiteral(NETLENS_SCREENSHOT_DIR));
    const QString path = QStringLiteral(NETLENS_SCREENSHOT_DIR "/") + name;
    QVERIFY2(w.grab().save(path), qPrintable(path));
}
} // namespace

class TestStatisticsWindows final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_loaded = load(kFile);
        QVERIFY(m_loaded.last);
        QVERIFY(m_loaded.last->complete);
        QVERIFY(m_loaded.last->total.packets > 0);
        m_small = partial(*m_loaded.last, 3);
        m_json = cliJson(kFile);
        QVERIFY2(!m_json.isEmpty(), "netlens-cli analyze --json failed");
    }

    void modelTesterAcrossSnapshots()
    {
        std::vector<std::unique_ptr<QAbstractItemModel>> models;
        models.emplace_back(new ProtocolHierarchyModel);
        for (auto k : {ConversationsModel::Kind::IPv4, ConversationsModel::Kind::IPv6,
                       ConversationsModel::Kind::TCP, ConversationsModel::Kind::UDP})
            models.emplace_back(new ConversationsModel(k));
        for (Family f : {Family::V4, Family::V6, Family::Mac})
            models.emplace_back(new EndpointsModel(f));
        models.emplace_back(new FlowsModel);
        const auto set = [](QAbstractItemModel *m, const StatsSnapshotPtr &s) {
            if (auto *t = qobject_cast<SnapshotTableModel *>(m))
                t->setSnapshot(s);
            else
                static_cast<ProtocolHierarchyModel *>(m)->setSnapshot(s);
        };
        for (auto &model : models) {
            QAbstractItemModel *m = model.get();
            QAbstractItemModelTester tester(m,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
            auto *table = qobject_cast<SnapshotTableModel *>(m);
            QSignalSpy resets(m, &QAbstractItemModel::modelReset);
            QSignalSpy changed(m, &QAbstractItemModel::dataChanged);
            QSignalSpy inserted(m, &QAbstractItemModel::rowsInserted);
            QSignalSpy removed(m, &QAbstractItemModel::rowsRemoved);
            set(m, m_loaded.first);
            set(m, m_small);
            const int small = m->rowCount(m->index(0, 0));
            set(m, m_loaded.last);
            if (table) {
                // Small to complete: one dataChanged for the rows that stay, one insertion.
                set(m, m_small);
                const int smallRows = m->rowCount();
                QVERIFY(smallRows <= 3);
                changed.clear();
                inserted.clear();
                set(m, m_loaded.last);
                const int fullRows = m->rowCount();
                if (fullRows > smallRows) {
                    QCOMPARE(inserted.size(), 1);
                    QCOMPARE(inserted[0][1].toInt(), smallRows);
                    QCOMPARE(inserted[0][2].toInt(), fullRows - 1);
                }
                QCOMPARE(changed.size(), smallRows ? 1 : 0);
                QCOMPARE(inserted.size(), fullRows > smallRows ? 1 : 0);
                m->sort(table->bytesColumn(), Qt::AscendingOrder);
                QVERIFY(monotone(m, table->bytesColumn(), Qt::AscendingOrder));
                set(m, m_small); // shrinks, sorted
                QVERIFY(monotone(m, table->bytesColumn(), Qt::AscendingOrder));
                set(m, m_loaded.last);
                QVERIFY(monotone(m, table->bytesColumn(), Qt::AscendingOrder));
                QCOMPARE(m->rowCount(), fullRows);
                QCOMPARE(resets.size(), 0);
                QVERIFY(removed.size() >= (fullRows > smallRows ? 1 : 0));
            } else {
                // The hierarchy: a new shape resets it, the same shape does not.
                QVERIFY(resets.size() >= 2);
                QVERIFY(m->rowCount(m->index(0, 0)) >= small);
                resets.clear();
                set(m, std::make_shared<StatsSnapshot>(*m_loaded.last));
                QCOMPARE(resets.size(), 0);
                QCOMPARE(text(m, 0, ProtocolHierarchyModel::Protocol),
                         QStringLiteral("All packets"));
                QCOMPARE(text(m, 0, ProtocolHierarchyModel::PacketsPercent),
                         QStringLiteral("100.00"));
            }
            set(m, nullptr);
            QCOMPARE(m->rowCount(), 0);
        }
    }

    void followsALoadingSession()
    {
        // A capture big enough to still be loading for a few snapshots: a corpus file's
        // records written over and over (about 140 MB).
        QTemporaryDir dir;
        QFile in(corpus(QStringLiteral("zeek__echo-connections.pcap")));
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray all = in.readAll();
        QFile out(dir.filePath(QStringLiteral("big.pcap")));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(all);
        for (int i = 1; i < 20; ++i)
            out.write(all.constData() + 24, all.size() - 24); // records only
        out.close();

        std::unique_ptr<CaptureSession> session(CaptureSession::openFiles({out.fileName()}));
        std::vector<std::unique_ptr<StatisticsWindow>> windows;
        std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
        for (auto kind :
             {StatisticsWindow::Kind::ProtocolHierarchy, StatisticsWindow::Kind::Conversations,
              StatisticsWindow::Kind::Endpoints, StatisticsWindow::Kind::Flows}) {
            windows.emplace_back(StatisticsWindow::create(kind, session.get()));
            for (int t = 0; t < windows.back()->tabCount(); ++t)
                testers.emplace_back(new QAbstractItemModelTester(
                    windows.back()->model(t),
                    QAbstractItemModelTester::FailureReportingMode::QtTest));
        }
        StatisticsWindow *conversations = windows[1].get();
        QList<StatsSnapshotPtr> seen;
        QStringList statuses;
        connect(session.get(), &CaptureSession::snapshotReady, this,
                [&](const StatsSnapshotPtr &s) {
                    seen << s;
                    statuses << conversations->statusText();
                });
        QSignalSpy done(session.get(), &CaptureSession::finished);
        QVERIFY(done.wait(120000) || !done.isEmpty());
        QVERIFY(!seen.isEmpty());
        // The loader makes a snapshot every 400 ms: a fast, idle machine may read it all first.
        if (seen.size() < 2)
            QSKIP("the capture loaded before the first live snapshot");
        QVERIFY(!seen.first()->complete);
        QVERIFY(seen.last()->complete);
        QVERIFY2(statuses.first().contains(QStringLiteral("Showing the busiest")),
                 qPrintable(statuses.first()));
        QVERIFY2(!statuses.last().contains(QStringLiteral("Showing the busiest")),
                 qPrintable(statuses.last()));
        // The windows end on the complete snapshot: every row.
        for (auto &w : windows)
            QCOMPARE(w->snapshot(), seen.last());
        QCOMPARE(static_cast<std::uint64_t>(windows[3]->model(0)->rowCount()),
                 seen.last()->flowCount);
        std::uint64_t conversationRows = 0;
        for (int t : {0, 1})
            conversationRows += static_cast<std::uint64_t>(conversations->model(t)->rowCount());
        QVERIFY(conversationRows > 0);
        QVERIFY(conversationRows <= seen.last()->conversationCount);
        testers.clear();
    }

    void hierarchyEqualsCli()
    {
        auto *w = StatisticsWindow::create(StatisticsWindow::Kind::ProtocolHierarchy,
                                           m_loaded.session.get());
        std::unique_ptr<StatisticsWindow> owner(w);
        const QAbstractItemModel *m = w->model(0);
        QCOMPARE(m->rowCount(), 1);
        QVERIFY(m->rowCount(m->index(0, 0)) > 1);
        const QString diff =
            compareNode(m, m->index(0, 0), m_json[QLatin1String("hierarchy")].toObject());
        QVERIFY2(diff.isEmpty(), qPrintable(diff));

        // Save as CSV: every node, parents first, the depth as indentation.
        QTemporaryDir dir;
        QString error;
        const QString path = dir.filePath(QStringLiteral("hierarchy.csv"));
        QVERIFY2(w->saveCsv(path, &error), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().split('\n');
        QCOMPARE(lines.size() - 2, w->hierarchyModel()->allIndexes().size());
        QCOMPARE(lines[0], QByteArray("Protocol,Packets,% Packets,Bytes,% Bytes\r"));
        QCOMPARE(lines[1], QByteArray("All packets,136,100.00,25260,100.00\r"));
        QCOMPARE(lines[2], QByteArray("  IPv4,121,88.97,24067,95.28\r"));
        QCOMPARE(lines[3], QByteArray("    TCP,78,57.35,19079,75.53\r"));
        QCOMPARE(lines[4], QByteArray("      HTTP,78,57.35,19079,75.53\r"));
    }

    void conversationsEqualCli()
    {
        std::unique_ptr<StatisticsWindow> w(StatisticsWindow::create(
            StatisticsWindow::Kind::Conversations, m_loaded.session.get()));
        QCOMPARE(w->tabCount(), 4);
        QMap<QString, Numbers> ours, theirs;
        for (int tab : {0, 1}) {
            const QAbstractItemModel *m = w->model(tab);
            QVERIFY(m->rowCount() > 0);
            auto *cm = static_cast<ConversationsModel *>(w->tableModel(tab));
            using C = ConversationsModel;
            for (int r = 0; r < m->rowCount(); ++r)
                ours.insert(text(m, r, cm->columnFor(C::AddressA)) + QLatin1Char(' ') +
                                text(m, r, cm->columnFor(C::AddressB)),
                            {value(m, r, cm->columnFor(C::Packets)),
                             value(m, r, cm->columnFor(C::Bytes)),
                             value(m, r, cm->columnFor(C::PacketsAB)),
                             value(m, r, cm->columnFor(C::PacketsBA)),
                             value(m, r, cm->columnFor(C::BytesAB)),
                             value(m, r, cm->columnFor(C::BytesBA))});
        }
        for (const QJsonValue &v : m_json[QLatin1String("conversations")].toArray()) {
            const QJsonObject c = v.toObject();
            const QString a = c[QLatin1String("a")].toString();
            if (isMac(a))
                continue;
            const auto n = [&c](const char *key) {
                return static_cast<quint64>(c[QLatin1String(key)].toInteger());
            };
            theirs.insert(a + QLatin1Char(' ') + c[QLatin1String("b")].toString(),
                          {n("packets"), n("bytes"), n("packets_a_to_b"), n("packets_b_to_a"),
                           n("bytes_a_to_b"), n("bytes_b_to_a")});
        }
        QVERIFY(theirs.size() > 1);
        QCOMPARE(ours, theirs);

        // TCP and UDP tabs: the flows of that transport, with ports.
        int tcp = 0, udp = 0;
        for (const QJsonValue &v : m_json[QLatin1String("flows")].toArray()) {
            const QString t = v.toObject()[QLatin1String("transport")].toString();
            tcp += t == QLatin1String("TCP");
            udp += t == QLatin1String("UDP");
        }
        QVERIFY(tcp > 0 && udp > 0);
        QCOMPARE(w->model(2)->rowCount(), tcp);
        QCOMPARE(w->model(3)->rowCount(), udp);
        QCOMPARE(w->model(2)->columnCount(), 14);
        QCOMPARE(w->model(0)->columnCount(), 12);
        QCOMPARE(w->model(2)->headerData(1, Qt::Horizontal).toString(), QStringLiteral("Port A"));
    }

    void endpointsEqualCli()
    {
        std::unique_ptr<StatisticsWindow> w(
            StatisticsWindow::create(StatisticsWindow::Kind::Endpoints, m_loaded.session.get()));
        QCOMPARE(w->tabCount(), 3);
        QMap<QString, Numbers> ours, theirs;
        for (int tab = 0; tab < 3; ++tab) {
            const QAbstractItemModel *m = w->model(tab);
            QVERIFY2(m->rowCount() > 0, qPrintable(QString::number(tab)));
            using E = EndpointsModel;
            for (int r = 0; r < m->rowCount(); ++r)
                ours.insert(text(m, r, E::Address),
                            {value(m, r, E::TxBytes), value(m, r, E::RxBytes),
                             value(m, r, E::TxPackets), value(m, r, E::RxPackets),
                             value(m, r, E::Bytes)});
        }
        for (const QJsonValue &v : m_json[QLatin1String("top_talkers")].toArray()) {
            const QJsonObject t = v.toObject();
            const auto n = [&t](const char *key) {
                return static_cast<quint64>(t[QLatin1String(key)].toInteger());
            };
            theirs.insert(t[QLatin1String("address")].toString(),
                          {n("sent_bytes"), n("received_bytes"), n("sent_packets"),
                           n("received_packets"), n("bytes")});
        }
        QVERIFY(theirs.size() > 2);
        QCOMPARE(ours, theirs);
    }

    void sortingByBytes()
    {
        for (auto kind : {StatisticsWindow::Kind::Conversations, StatisticsWindow::Kind::Endpoints,
                          StatisticsWindow::Kind::Flows}) {
            std::unique_ptr<StatisticsWindow> w(StatisticsWindow::create(kind, nullptr));
            w->setSnapshot(m_loaded.last);
            for (int tab = 0; tab < w->tabCount(); ++tab) {
                auto *view = qobject_cast<QTableView *>(w->view(tab));
                QVERIFY(view);
                const QAbstractItemModel *m = view->model();
                const int bytes = w->tableModel(tab)->bytesColumn();
                // Opened busiest first, the header showing it.
                QVERIFY(monotone(m, bytes, Qt::DescendingOrder));
                QCOMPARE(view->horizontalHeader()->sortIndicatorSection(), bytes);
                view->sortByColumn(bytes, Qt::AscendingOrder);
                QVERIFY(monotone(m, bytes, Qt::AscendingOrder));
                if (m->rowCount() > 1)
                    QVERIFY(value(m, 0, bytes) < value(m, m->rowCount() - 1, bytes));
                view->sortByColumn(bytes, Qt::DescendingOrder);
                QVERIFY(monotone(m, bytes, Qt::DescendingOrder));
                // A header click on an address sorts numerically, not as text.
                view->sortByColumn(0, Qt::AscendingOrder);
                QCOMPARE(m->rowCount(), w->tableModel(tab)->rowCount());
            }
        }
    }

    void addressesSortNumerically()
    {
        auto s = std::make_shared<StatsSnapshot>();
        s->complete = true;
        s->addresses = {"10.0.0.10", "10.0.0.2", "9.1.1.1"};
        for (std::uint32_t i = 0; i < 3; ++i)
            s->endpoints.push_back({i, Family::V4, TwoWay{1, 0, 100 + i, 0, 0, 0}});
        EndpointsModel m(Family::V4);
        m.setSnapshot(s);
        m.sort(EndpointsModel::Address, Qt::AscendingOrder);
        QCOMPARE(text(&m, 0, 0), QStringLiteral("9.1.1.1"));
        QCOMPARE(text(&m, 1, 0), QStringLiteral("10.0.0.2"));
        QCOMPARE(text(&m, 2, 0), QStringLiteral("10.0.0.10"));
    }

    void copyTwoRowsAsCsv()
    {
        std::unique_ptr<StatisticsWindow> w(
            StatisticsWindow::create(StatisticsWindow::Kind::Endpoints, m_loaded.session.get()));
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        QAbstractItemView *view = w->view(0);
        const QAbstractItemModel *m = view->model();
        QVERIFY(m->rowCount() >= 3);
        view->selectionModel()->select(m->index(2, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        view->selectionModel()->select(m->index(0, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        // The expected lines from the CLI's numbers for the two addresses shown.
        QMap<QString, QString> lines;
        for (const QJsonValue &v : m_json[QLatin1String("top_talkers")].toArray()) {
            const QJsonObject t = v.toObject();
            QStringList f{t[QLatin1String("address")].toString()};
            for (const char *key : {"packets", "bytes", "sent_packets", "sent_bytes",
                                    "received_packets", "received_bytes"})
                f << QString::number(t[QLatin1String(key)].toInteger());
            lines.insert(f.first(), f.join(QLatin1Char(',')));
        }
        const QString expected =
            QStringLiteral("Address,Packets,Bytes,Tx Packets,Tx Bytes,Rx Packets,Rx Bytes\r\n") +
            lines.value(text(m, 0, 0)) + QStringLiteral("\r\n") + lines.value(text(m, 2, 0)) +
            QStringLiteral("\r\n");
        QVERIFY(!lines.value(text(m, 0, 0)).isEmpty());
        // The busiest host first: the view opened sorted by bytes, descending.
        quint64 most = 0;
        for (const QJsonValue &v : m_json[QLatin1String("top_talkers")].toArray())
            if (v.toObject()[QLatin1String("address")].toString().count(QLatin1Char('.')) == 3)
                most = std::max<quint64>(most, v.toObject()[QLatin1String("bytes")].toInteger());
        QCOMPARE(value(m, 0, EndpointsModel::Bytes), most);
        QCOMPARE(w->selectionCsv(), expected);
        QGuiApplication::clipboard()->clear();
        view->setFocus();
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), expected);
    }

    void csvIsInjectionSafe()
    {
        // A protocol name a spreadsheet would run, and one with a comma and a quote.
        auto s = std::make_shared<StatsSnapshot>();
        s->complete = true;
        s->addresses = {"10.0.0.1", "10.0.0.2"};
        s->protocolNames = {"=HYPERLINK(\"x\")", "a,b"};
        // Server names are packet data too (a TLS SNI, a DNS query name).
        s->serverNames = {"", "@SUM(1+1)*cmd|' /C calc'!A0", "x\",y"};
        s->flows.push_back(
            {0, 1, 1000, 80, Family::V4, Transport::TCP, 0, TwoWay{2, 1, 300, 100, 0, 0}, 1});
        s->flows.push_back(
            {1, 0, 53, 999, Family::V4, Transport::UDP, 1, TwoWay{1, 0, 90, 0, 0, 0}, 2});
        s->flowCount = 2;
        StatisticsWindow w(StatisticsWindow::Kind::Flows);
        w.setSnapshot(s);
        QCOMPARE(w.model(0)->rowCount(), 2);
        w.view(0)->selectAll();
        const QStringList lines = w.selectionCsv().split(QStringLiteral("\r\n"));
        QCOMPARE(lines.size(), 4); // header, two rows, ""
        QVERIFY2(lines[1].startsWith(
                     QStringLiteral("10.0.0.1,1000,10.0.0.2,80,TCP,\"'=HYPERLINK(\"\"x\"\")\","
                                    "'@SUM(1+1)*cmd|' /C calc'!A0,3,400,")),
                 qPrintable(lines[1]));
        QVERIFY2(lines[2].startsWith(
                     QStringLiteral("10.0.0.2,53,10.0.0.1,999,UDP,\"a,b\",\"x\"\",y\",1,90,")),
                 qPrintable(lines[2]));
        QCOMPARE(w.tabCsv(), w.selectionCsv().toUtf8());
    }

    void saveAsCsv()
    {
        std::unique_ptr<StatisticsWindow> w(StatisticsWindow::create(
            StatisticsWindow::Kind::Conversations, m_loaded.session.get()));
        w->setCurrentTab(2); // TCP
        const QAbstractItemModel *m = w->model(2);
        QVERIFY(m->rowCount() > 2);
        static_cast<QTableView *>(w->view(2))->sortByColumn(5, Qt::AscendingOrder); // Bytes
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tcp.csv"));
        QString error;
        QVERIFY2(w->saveCsv(path, &error), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray all = f.readAll();
        QVERIFY(all.endsWith("\r\n"));
        const QList<QByteArray> lines = all.split('\n');
        QCOMPARE(lines.size() - 1, m->rowCount() + 1); // the header, every row, a final ""
        QVERIFY(lines[0].startsWith("Address A,Port A,Address B,Port B,Packets,Bytes,"));
        QStringList first;
        for (int c = 0; c < m->columnCount(); ++c)
            first << text(m, 0, c);
        QCOMPARE(QString::fromUtf8(lines[1]).trimmed(), first.join(QLatin1Char(',')));
        QVERIFY(value(m, 0, 5) <= value(m, m->rowCount() - 1, 5)); // the view's order

        // A file whose parent is a file: fails for root too, and the message names it.
        QFile plain(dir.filePath(QStringLiteral("plain")));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.close();
        const QString bad = dir.filePath(QStringLiteral("plain/stats.csv"));
        QVERIFY(!w->saveCsv(bad, &error));
        QVERIFY2(error.contains(bad), qPrintable(error));
    }

    void statusAndMenu()
    {
        QWidget main;
        StatisticsMenu menu(&main);
        QCOMPARE(menu.menu()->title(), QStringLiteral("&Statistics"));
        const QList<QAction *> actions = menu.menu()->actions();
        QCOMPARE(actions.size(), 6); // the four windows, a separator, History
        QCOMPARE(actions[5]->text(), QStringLiteral("&History"));
        QVERIFY(actions[5]->isEnabled()); // the history needs no session
        QVERIFY(!actions[1]->isEnabled());
        menu.setSession(m_loaded.session.get());
        QVERIFY(actions[1]->isEnabled());
        actions[1]->trigger();
        StatisticsWindow *w = menu.window(StatisticsWindow::Kind::Conversations);
        QVERIFY(w);
        QVERIFY(w->isVisible());
        QCOMPARE(w->kind(), StatisticsWindow::Kind::Conversations);
        QVERIFY(w->windowTitle().contains(kFile));
        actions[1]->trigger();
        QCOMPARE(menu.window(StatisticsWindow::Kind::Conversations), w); // raised, not a second
        QCOMPARE(w->statusText(), QStringLiteral("%1 rows").arg(w->model(0)->rowCount()));
        // A live snapshot: which part of the total it shows.
        w->setSnapshot(m_small);
        QCOMPARE(w->statusText(),
                 QStringLiteral("%1 rows · Showing the busiest %2 of %3; every row once the "
                                "capture ends")
                     .arg(w->model(0)->rowCount())
                     .arg(m_small->conversations.size())
                     .arg(m_small->conversationCount));
        w->close(); // deleted on close
        QTRY_VERIFY(!menu.window(StatisticsWindow::Kind::Conversations));
        QVERIFY(menu.open(StatisticsWindow::Kind::Flows));
        QVERIFY(menu.window(StatisticsWindow::Kind::Flows)->model(0)->rowCount() > 0);
    }

    void screenshots()
    {
        const struct {
            StatisticsWindow::Kind kind;
            const char *file;
        } shots[] = {{StatisticsWindow::Kind::ProtocolHierarchy, "stats-hierarchy-en.png"},
                     {StatisticsWindow::Kind::Conversations, "stats-conversations-en.png"},
                     {StatisticsWindow::Kind::Endpoints, "stats-endpoints-en.png"},
                     {StatisticsWindow::Kind::Flows, "stats-flows-en.png"}};
        for (const auto &shot : shots) {
            std::unique_ptr<StatisticsWindow> w(
                StatisticsWindow::create(shot.kind, m_loaded.session.get()));
            w->show();
            QVERIFY(QTest::qWaitForWindowExposed(w.get()));
            QTest::qWait(50);
            saveShot(*w, QString::fromLatin1(shot.file));
        }
    }

    void cleanupTestCase() { m_loaded = {}; }

private:
    Loaded m_loaded;
    StatsSnapshotPtr m_small;
    QJsonObject m_json;
};

QTEST_MAIN(TestStatisticsWindows)
#include "tst_statistics_windows.moc"
