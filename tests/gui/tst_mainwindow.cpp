// SPDX-License-Identifier: GPL-3.0-or-later
// Offscreen tests of the main window over real captures: the table against the CLI's CSV,
// display filters against tcpdump, CSV export byte for byte, sorting, the model tester, and
// the completeness of the Chinese translation.
#include "engine/engine.h"
#include "guitesthelpers.h"
#include "mainwindow/mainwindow.h"
#include "packets/packettablemodel.h"
#include "packets/packettableview.h"
#include "session/capturesession.h"
#include "session/sessioncontroller.h"
#include "settings/windowstate.h"
#include "store/packetrecord.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QPointer>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTranslator>
#include <QXmlStreamReader>
#include <cctype>
#include <pcap/pcap.h>

using namespace netlens;
using namespace netlens::test;

namespace {
QList<QStringList> readCsv(const QString &path)
{
    QFile f(path);
    QList<QStringList> rows;
    if (!f.open(QIODevice::ReadOnly))
        return rows;
    // Our CSV has no quoted fields for these captures; a plain split is enough here.
    for (const QByteArray &line : f.readAll().split('\n'))
        if (!line.trimmed().isEmpty())
            rows << QString::fromUtf8(line.trimmed()).split(QLatin1Char(','));
    return rows;
}

/// Packets whose captured length is below their wire length, counted by libpcap itself.
int cutPackets(const QString &path)
{
    char err[PCAP_ERRBUF_SIZE];
    pcap_t *p = pcap_open_offline(path.toLocal8Bit().constData(), err);
    if (!p)
        return -1;
    int n = 0;
    pcap_pkthdr *h = nullptr;
    const u_char *data = nullptr;
    while (pcap_next_ex(p, &h, &data) == 1)
        n += h->caplen < h->len ? 1 : 0;
    pcap_close(p);
    return n;
}

int referencePackets(const QString &file)
{
    QFile f(QStringLiteral(NETLENS_CORPUS_DIR "/reference/") + file + QStringLiteral(".tsv"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    return static_cast<int>(f.readAll().count('\n')) - 1;
}

bool loadAndWait(MainWindow &w, const QStringList &files)
{
    QSignalSpy done(&w, &MainWindow::sessionFinished);
    w.openFiles(files);
    return done.wait(60000) || done.count() > 0;
}
} // namespace

class TestMainWindow final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { netlens::test::isolateSettings(); }

    void sampleMatchesCliCsv()
    {
        MainWindow w{AppSettings{}};
        QSignalSpy done(&w, &MainWindow::sessionFinished);
        w.openSample();
        QVERIFY(done.wait(30000));
        const QString file = w.session()->files().value(0);
        QVERIFY(QFile::exists(file));
        PacketTableModel *m = w.packetModel();
        QCOMPARE(m->rowCount(), referencePackets(QStringLiteral("zeek__wikipedia.pcap")));

        QTemporaryDir dir;
        bool ok = false;
        run(QStringLiteral(NETLENS_CLI),
            {QStringLiteral("analyze"), QStringLiteral("--quiet"), QStringLiteral("--csv"),
             dir.filePath(QStringLiteral("cli.csv")), file},
            &ok);
        QVERIFY(ok);
        const auto csv = readCsv(dir.filePath(QStringLiteral("cli.csv")));
        QCOMPARE(csv.size(), m->rowCount() + 1);
        for (int row : {0, 1, 17, 60, m->rowCount() - 1}) {
            const QStringList &c = csv[row + 1];
            QCOMPARE(m->cellText(row, PacketTableModel::Number), c[0]);
            QCOMPARE(m->cellText(row, PacketTableModel::Source), c[2]);
            QCOMPARE(m->cellText(row, PacketTableModel::Destination), c[3]);
            QCOMPARE(m->cellText(row, PacketTableModel::Protocol), c[7]);
            QCOMPARE(m->cellText(row, PacketTableModel::Length), c[8]);
            QVERIFY(!m->cellText(row, PacketTableModel::Info).isEmpty());
        }
    }

    void modelTesterWhileLoadingSortingFiltering()
    {
        MainWindow w{AppSettings{}};
        QAbstractItemModelTester tester(w.packetModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(loadAndWait(w, {corpus(QStringLiteral("pcapplusplus__example.pcap"))}));
        PacketTableModel *m = w.packetModel();
        QCOMPARE(m->rowCount(), referencePackets(QStringLiteral("pcapplusplus__example.pcap")));
        QSignalSpy sorted(m, &PacketTableModel::sortingFinished);
        m->sort(PacketTableModel::Length, Qt::DescendingOrder);
        QVERIFY(sorted.wait(30000));
        QCOMPARE(m->rowCount(), referencePackets(QStringLiteral("pcapplusplus__example.pcap")));
        for (int r = 1; r < m->rowCount(); ++r)
            QVERIFY(m->cellText(r - 1, PacketTableModel::Length).toInt() >=
                    m->cellText(r, PacketTableModel::Length).toInt());
        m->sort(PacketTableModel::Source, Qt::AscendingOrder);
        QVERIFY(sorted.wait(30000));
        QSignalSpy filtered(&w, &MainWindow::displayFilterApplied);
        w.applyDisplayFilter(QStringLiteral("tcp"));
        QVERIFY(filtered.wait(30000));
        QVERIFY(m->rowCount() > 0);
        w.applyDisplayFilter(QString());
        QCOMPARE(m->rowCount(), referencePackets(QStringLiteral("pcapplusplus__example.pcap")));
    }

    void displayFilterMatchesTcpdump_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("filter");
        // One row a line: file, then filter.
        // clang-format off
        QTest::newRow("wikipedia tcp") << "zeek__wikipedia.pcap" << "tcp";
        QTest::newRow("wikipedia dns") << "zeek__wikipedia.pcap" << "udp port 53";
        QTest::newRow("wikipedia ipv6") << "zeek__wikipedia.pcap" << "ip6";
        QTest::newRow("wikipedia arp") << "zeek__wikipedia.pcap" << "arp";
        QTest::newRow("example http host") << "pcapplusplus__example.pcap" << "tcp port 80 and greater 1000";
        QTest::newRow("many-protocols vlan") << "pcapplusplus__many-protocols.pcap" << "vlan";
        QTest::newRow("raw ip") << "suricata-verify__tcp-empty-sack_tcp-opt.pcap" << "tcp[tcpflags] & tcp-syn != 0";
        // clang-format on
    }

    void displayFilterMatchesTcpdump()
    {
        QFETCH(QString, file);
        QFETCH(QString, filter);
        const QString tcpdump = QStandardPaths::findExecutable(QStringLiteral("tcpdump"));
        if (tcpdump.isEmpty())
            QSKIP("tcpdump is not installed (deploy/setup-deps.sh --test installs it)");
        MainWindow w{AppSettings{}};
        QVERIFY(loadAndWait(w, {corpus(file)}));
        QSignalSpy filtered(&w, &MainWindow::displayFilterApplied);
        w.applyDisplayFilter(filter);
        QVERIFY(filtered.wait(30000));
        // Packets are compared by capture time (tcpdump -tt prints epoch seconds with 6 digits).
        QStringList ours;
        for (int r = 0; r < w.packetModel()->rowCount(); ++r) {
            const std::int64_t ns = w.packetModel()->record(r)->tsNs;
            ours << QStringLiteral("%1.%2")
                        .arg(ns / 1000000000)
                        .arg((ns % 1000000000) / 1000, 6, 10, QLatin1Char('0'));
        }
        bool ok = false;
        const QByteArray out = run(tcpdump,
                                   {QStringLiteral("-n"), QStringLiteral("-tt"),
                                    QStringLiteral("-r"), corpus(file), filter},
                                   &ok);
        QVERIFY(ok);
        QStringList theirs;
        for (const QByteArray &line : out.split('\n'))
            if (!line.isEmpty() &&
                std::isdigit(static_cast<unsigned char>(line[0]))) // not a continuation line
                theirs << QString::fromLatin1(line.left(line.indexOf(' ')));
        QVERIFY2(!theirs.isEmpty(), "the filter should match something in this file");
        QCOMPARE(ours, theirs);
    }

    void csvExportIsByteIdenticalToCli()
    {
        const QString file = corpus(QStringLiteral("pcapplusplus__many-protocols.pcap"));
        MainWindow w{AppSettings{}};
        QVERIFY(loadAndWait(w, {file}));
        QTemporaryDir dir;
        QString error;
        QVERIFY2(w.exportCsv(dir.filePath(QStringLiteral("gui.csv")), false, &error),
                 qPrintable(error));
        bool ok = false;
        run(QStringLiteral(NETLENS_CLI),
            {QStringLiteral("analyze"), QStringLiteral("--quiet"), QStringLiteral("--csv"),
             dir.filePath(QStringLiteral("cli.csv")), file},
            &ok);
        QVERIFY(ok);
        QFile a(dir.filePath(QStringLiteral("gui.csv"))),
            b(dir.filePath(QStringLiteral("cli.csv")));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        const QByteArray ga = a.readAll(), cb = b.readAll();
        QVERIFY(ga.size() > 100000);
        QCOMPARE(ga, cb);

        // Displayed only: the filtered rows, in the same format.
        QSignalSpy filtered(&w, &MainWindow::displayFilterApplied);
        w.applyDisplayFilter(QStringLiteral("udp"));
        QVERIFY(filtered.wait(30000));
        QVERIFY(w.exportCsv(dir.filePath(QStringLiteral("udp.csv")), true, &error));
        const auto rows = readCsv(dir.filePath(QStringLiteral("udp.csv")));
        QCOMPARE(rows.size(), w.packetModel()->rowCount() + 1);
        for (qsizetype i = 1; i < rows.size(); ++i)
            QCOMPARE(rows[i][6], QStringLiteral("UDP"));
    }

    void selectionSurvivesFilterAndSort()
    {
        MainWindow w{AppSettings{}};
        QVERIFY(loadAndWait(w, {corpus(QStringLiteral("zeek__wikipedia.pcap"))}));
        PacketTableModel *m = w.packetModel();
        w.packetView()->selectRow(11); // frame 12, the HTTP GET
        const qint64 chosen = m->storeRow(11);
        QSignalSpy filtered(&w, &MainWindow::displayFilterApplied);
        w.applyDisplayFilter(QStringLiteral("tcp port 80"));
        QVERIFY(filtered.wait(30000));
        QVERIFY(m->rowCount() < referencePackets(QStringLiteral("zeek__wikipedia.pcap")));
        QCOMPARE(m->storeRow(w.packetView()->currentIndex().row()), chosen);
        QSignalSpy sorted(m, &PacketTableModel::sortingFinished);
        m->sort(PacketTableModel::Length, Qt::DescendingOrder);
        QVERIFY(sorted.wait(30000));
        QCOMPARE(m->storeRow(w.packetView()->currentIndex().row()), chosen);
        QCOMPARE(m->cellText(w.packetView()->currentIndex().row(), PacketTableModel::Number),
                 QStringLiteral("12"));
    }

    void tableFollowsTheStoreCap()
    {
        // Past the in-memory cap the oldest rows leave the store; the table must drop them
        // with proper removals (the model tester checks every signal) and keep the newest.
        QTemporaryDir dir;
        const QString big = writeBigCapture(dir, 6); // about 495 k packets
        QVERIFY(!big.isEmpty());
        const int total = 6 * referencePackets(QStringLiteral("zeek__echo-connections.pcap"));
        const std::size_t cap = 150000;
        PacketTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        std::unique_ptr<CaptureSession> session(CaptureSession::openFiles({big}, nullptr, cap));
        model.setSession(session.get());
        connect(session.get(), &CaptureSession::rowsAvailable, &model,
                &PacketTableModel::appendRows);
        QSignalSpy done(session.get(), &CaptureSession::finished);
        QVERIFY(done.wait(60000));
        QCOMPARE(session->engine().statistics().total().packets, std::uint64_t(total));
        QVERIFY(static_cast<std::size_t>(model.rowCount()) >= cap);
        QVERIFY(static_cast<std::size_t>(model.rowCount()) <= cap + 2 * PacketStore::kChunkSize);
        QCOMPARE(model.cellText(model.rowCount() - 1, PacketTableModel::Number),
                 QString::number(total));
        QCOMPARE(model.storeRow(0), static_cast<qint64>(session->engine().store().firstRow()));
        QCOMPARE(model.cellText(0, PacketTableModel::Number),
                 QString::number(session->engine().store().firstRow() + 1));
        model.setSession(nullptr);
    }

    void windowCapsTheRowsOfFiles()
    {
        // The window's "Packets kept in memory" bounds opened files as it bounds a live
        // capture, so a week-long file costs what its last rows cost; the totals still count
        // every packet.
        QTemporaryDir dir;
        const QString big = writeBigCapture(dir, 2);
        QVERIFY(!big.isEmpty());
        const int total = 2 * referencePackets(QStringLiteral("zeek__echo-connections.pcap"));
        AppSettings settings;
        settings.storeCapacity = 40000;
        QVERIFY(total > 3 * settings.storeCapacity);
        MainWindow w{settings};
        QVERIFY(loadAndWait(w, {big}));
        const CaptureSession *session = w.session();
        QCOMPARE(session->engine().statistics().total().packets, std::uint64_t(total));
        const auto rows = static_cast<qint64>(w.packetModel()->rowCount());
        QVERIFY2(rows >= settings.storeCapacity &&
                     rows <= settings.storeCapacity + 2 * qint64(PacketStore::kChunkSize),
                 qPrintable(QString::number(rows)));
        QVERIFY(session->engine().store().firstRow() > 0);
        QCOMPARE(w.packetModel()->cellText(static_cast<int>(rows) - 1, PacketTableModel::Number),
                 QString::number(total));
    }

    void loadingCanBeCancelled()
    {
        QTemporaryDir dir;
        const QString big = writeBigCapture(dir, 40);
        QVERIFY(!big.isEmpty());
        MainWindow w{AppSettings{}};
        QSignalSpy done(&w, &MainWindow::sessionFinished);
        w.openFiles({big});
        QVERIFY(waitFor([&] { return w.packetModel()->rowCount() > 0; }, 10000));
        w.session()->stop(); // what the status bar's Cancel does for a loading file
        QVERIFY(done.wait(10000) || done.count() > 0);
        QVERIFY(w.session()->wasStopped());
        const int rows = w.packetModel()->rowCount();
        QVERIFY2(rows > 0 &&
                     rows < 40 * referencePackets(QStringLiteral("zeek__echo-connections.pcap")),
                 qPrintable(QString::number(rows)));
        // What was loaded stays usable.
        QCOMPARE(w.packetModel()->cellText(0, PacketTableModel::Number), QStringLiteral("1"));
    }

    void statusBarWarnsAboutCutPackets()
    {
        const QString file = corpus(QStringLiteral("zeek__tcp_truncated-header.pcap"));
        const int cut = cutPackets(file);
        QVERIFY(cut > 0);
        MainWindow w{AppSettings{}};
        auto *warnings = w.findChild<QLabel *>(QStringLiteral("statusWarnings"));
        QVERIFY(warnings);
        QVERIFY(loadAndWait(w, {file}));
        QVERIFY(!warnings->isHidden());
        QCOMPARE(warnings->text(), QStringLiteral("⚠ Warnings: 1"));
        QVERIFY2(warnings->toolTip().startsWith(QString::number(cut) +
                                                QStringLiteral(" packets were cut short")),
                 qPrintable(warnings->toolTip()));
        // A clean capture clears it.
        QVERIFY(loadAndWait(w, {corpus(QStringLiteral("zeek__wikipedia.pcap"))}));
        QVERIFY(warnings->isHidden());
    }

    void sessionControllerReleasesTheOldSessionFirst()
    {
        // A follower hears null while the old session still exists (so it can wait for its
        // jobs), then the new session once the old one is gone.
        SessionController c;
        QObject view;
        QList<CaptureSession *> calls;
        QList<bool> oldAlive;
        QPointer<CaptureSession> first;
        c.follow(&view, [&](CaptureSession *s) {
            calls << s;
            oldAlive << !first.isNull();
        });
        QCOMPARE(calls, QList<CaptureSession *>{nullptr}); // told the current one at once
        c.openFiles({corpus(QStringLiteral("zeek__wikipedia.pcap"))});
        first = c.session();
        QVERIFY(first);
        QCOMPARE(calls.size(), 2);
        QCOMPARE(calls[1], first.data());
        QSignalSpy changed(&c, &SessionController::sessionChanged);
        c.openFiles({corpus(QStringLiteral("pcapplusplus__example.pcap"))});
        QCOMPARE(calls.size(), 4);
        QCOMPARE(calls[2], nullptr);
        QVERIFY(oldAlive[2]);    // null came while the old session existed
        QVERIFY(first.isNull()); // and it is gone now
        QCOMPARE(calls[3], c.session());
        QCOMPARE(changed.count(), 1);
        c.closeSession();
        QCOMPARE(calls.size(), 6);
        QCOMPARE(calls[5], nullptr);
        QCOMPARE(c.session(), nullptr);
    }

    void recentFilesAreKeptAndSaved()
    {
        SessionController c;
        QStringList many;
        for (int i = 0; i < 15; ++i)
            many << QStringLiteral("/tmp/old%1.pcap").arg(i);
        c.setRecentFiles(many);
        QCOMPARE(c.recentFiles().size(), SessionController::kMaxRecentFiles);
        const QString wiki = corpus(QStringLiteral("zeek__wikipedia.pcap"));
        const QString example = corpus(QStringLiteral("pcapplusplus__example.pcap"));
        c.openFiles({wiki});
        c.openFiles({example});
        c.openFiles({wiki});
        const QStringList recent = c.recentFiles();
        QCOMPARE(recent.size(), SessionController::kMaxRecentFiles);
        QCOMPARE(recent.value(0), QFileInfo(wiki).absoluteFilePath());
        QCOMPARE(recent.value(1), QFileInfo(example).absoluteFilePath());
        QCOMPARE(recent.value(2), QStringLiteral("/tmp/old0.pcap"));
        QCOMPARE(recent.count(QFileInfo(wiki).absoluteFilePath()), 1);

        // The window saves them as they change, through WindowState.
        {
            MainWindow w{AppSettings{}};
            QVERIFY(loadAndWait(w, {example}));
        }
        QCOMPARE(WindowState::load().recentFiles.value(0), QFileInfo(example).absoluteFilePath());
        MainWindow w{AppSettings{}};
        QCOMPARE(w.sessionController()->recentFiles().value(0),
                 QFileInfo(example).absoluteFilePath());
    }

    void windowStateRoundTrip()
    {
        QTemporaryDir dir;
        QSettings ini(dir.filePath(QStringLiteral("state.ini")), QSettings::IniFormat);
        WindowState a;
        a.geometry = QByteArray("geometry");
        a.toolBars = QByteArray("bars");
        a.mainSplitter = QByteArray("main");
        a.bottomSplitter = QByteArray("bottom");
        a.captureFilter = QStringLiteral("tcp port 443");
        a.recentFiles = {QStringLiteral("/a.pcap"), QStringLiteral("/b.pcapng")};
        a.save(ini, WindowState::RecentFiles | WindowState::CaptureFilter);
        WindowState b = WindowState::load(ini);
        QCOMPARE(b.recentFiles, a.recentFiles);
        QCOMPARE(b.captureFilter, a.captureFilter);
        QVERIFY(b.geometry.isEmpty()); // the layout is saved on its own, on close
        a.save(ini);
        QVERIFY(WindowState::load(ini) == a);
    }

    void translationIsComplete()
    {
        QFile ts(QStringLiteral(NETLENS_SOURCE_DIR "/translations/netlens_zh_CN.ts"));
        QVERIFY(ts.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&ts);
        int messages = 0, unfinished = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == QLatin1String("message"))
                ++messages;
            if (xml.isStartElement() && xml.name() == QLatin1String("translation")) {
                const QString type = xml.attributes().value(QLatin1String("type")).toString();
                const bool obsolete =
                    type == QLatin1String("vanished") || type == QLatin1String("obsolete");
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                if (!obsolete && (type == QLatin1String("unfinished") || text.isEmpty()))
                    ++unfinished;
            }
        }
        QVERIFY(!xml.hasError());
        QVERIFY2(messages > 100, "the GUI has well over a hundred strings");
        QCOMPARE(unfinished, 0);

        QTranslator tr;
        QVERIFY(tr.load(QStringLiteral("netlens_zh_CN"), QStringLiteral(NETLENS_QM_DIR)));
        QCoreApplication::installTranslator(&tr);
        MainWindow w{AppSettings{}};
        const QString fileMenu = w.menuBar()->actions().value(0)->text();
        QCoreApplication::removeTranslator(&tr);
        QCOMPARE(fileMenu, QStringLiteral("文件(&F)"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
