// SPDX-License-Identifier: GPL-3.0-or-later
// The packet details tree and the hex view over real corpus packets (offscreen): selecting a
// field highlights its bytes, clicking a byte selects its field, expansion state carries over
// from packet to packet, and a 64 KB packet stays quick. Saves a screenshot of both widgets to
// screenshots/details.png in the build directory for a look.
#include "corpuspackets.h"
#include "decode/dissector.h"
#include "details/hexview.h"
#include "details/packetdetailsview.h"

#include <QDir>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSplitter>
#include <QTest>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

using namespace netlens;
using namespace netlens::testing;

namespace {

const Packet &packet(const char *file, int frame)
{
    return packetsOf(QString::fromLatin1(file))[std::size_t(frame) - 1];
}

std::vector<DissectedField> fieldsOf(const Packet &p)
{
    return dissectPacket(p.bytes.data(), p.capLen(), p.wireLen, p.linkType);
}

QByteArray bytesOf(const Packet &p)
{
    return QByteArray(reinterpret_cast<const char *>(p.bytes.data()), qsizetype(p.bytes.size()));
}

/// The first item whose text starts with `prefix`.
QTreeWidgetItem *findItem(QTreeWidget &tree, const QString &prefix)
{
    for (QTreeWidgetItemIterator it(&tree); *it; ++it)
        if ((*it)->text(0).startsWith(prefix))
            return *it;
    return nullptr;
}

/// Both widgets wired as the main window wires them.
struct Pane {
    QWidget window;
    PacketDetailsView *details;
    HexView *hex;

    Pane()
    {
        auto *splitter = new QSplitter(Qt::Vertical, &window);
        details = new PacketDetailsView(splitter);
        hex = new HexView(splitter);
        splitter->addWidget(details);
        splitter->addWidget(hex);
        auto *layout = new QVBoxLayout(&window);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(splitter);
        QObject::connect(details, &PacketDetailsView::fieldSelected, hex, &HexView::highlight);
        QObject::connect(hex, &HexView::byteClicked, details, &PacketDetailsView::selectByte);
        window.resize(900, 760);
        splitter->setSizes({460, 300});
    }

    void show(const Packet &p)
    {
        details->showFields(fieldsOf(p));
        hex->setBytes(bytesOf(p));
    }
};

} // namespace

class TestDetailsWidgets : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (packetsOf(QStringLiteral("zeek__tls_tls-conn-with-extensions.pcap")).size() < 6)
            QSKIP("corpus not found");
    }

    void treeMatchesFields()
    {
        PacketDetailsView view;
        const auto fields = fieldsOf(packet("zeek__tls_tls-conn-with-extensions.pcap", 4));
        view.showFields(fields);
        const auto layers = std::count_if(fields.begin(), fields.end(),
                                          [](const DissectedField &f) { return f.depth == 0; });
        QCOMPARE(view.topLevelItemCount(), int(layers));
        QCOMPARE(view.topLevelItem(0)->text(0), QString::fromStdString(fields.front().text));
        int items = 0;
        for (QTreeWidgetItemIterator it(&view); *it; ++it)
            ++items;
        QCOMPARE(items, int(fields.size()));
        for (int i = 0; i < view.topLevelItemCount(); ++i) // layers start open
            QVERIFY(view.topLevelItem(i)->childCount() == 0 || view.topLevelItem(i)->isExpanded());
        QTreeWidgetItem *flags = findItem(view, QStringLiteral("Flags: 0x018"));
        QVERIFY(flags && !flags->isExpanded()); // deeper subtrees start closed
        view.clear();
        QCOMPARE(view.topLevelItemCount(), 0);
    }

    void selectingAFieldHighlightsItsBytes_data()
    {
        QTest::addColumn<QString>("prefix");
        QTest::newRow("ttl") << QStringLiteral("Time to Live");
        QTest::newRow("sni") << QStringLiteral("Extension: server_name");
        QTest::newRow("tcp layer") << QStringLiteral("Transmission Control Protocol");
        QTest::newRow("random") << QStringLiteral("Random: ");
    }

    void selectingAFieldHighlightsItsBytes()
    {
        QFETCH(QString, prefix);
        Pane pane;
        pane.hex->setFixedHeight(5 * pane.hex->fontMetrics().lineSpacing()); // force scrolling
        pane.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane.window));
        pane.show(packet("zeek__tls_tls-conn-with-extensions.pcap", 4));
        QTreeWidgetItem *item = findItem(*pane.details, prefix);
        QVERIFY(item);
        QSignalSpy spy(pane.details, &PacketDetailsView::fieldSelected);
        pane.details->setCurrentItem(item);
        QCOMPARE(spy.count(), 1);
        const quint32 offset = PacketDetailsView::itemOffset(item);
        const quint32 length = PacketDetailsView::itemLength(item);
        QCOMPARE(spy.at(0).at(0).toUInt(), offset);
        QCOMPARE(spy.at(0).at(1).toUInt(), length);
        QCOMPARE(pane.hex->highlightOffset(), offset);
        QCOMPARE(pane.hex->highlightLength(), length);
        // Scrolled into view: the first highlighted byte is inside the viewport.
        QVERIFY(pane.hex->viewport()->rect().contains(pane.hex->byteRect(offset).center()));
    }

    void clickingAByteSelectsItsField()
    {
        Pane pane;
        pane.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane.window));
        pane.show(packet("zeek__icmp_5-pings.pcap", 1));
        QSignalSpy clicks(pane.hex, &HexView::byteClicked);
        const quint32 ttl = 22; // Ethernet 14 + IPv4 byte 8
        QTest::mouseClick(pane.hex->viewport(), Qt::LeftButton, {},
                          pane.hex->byteRect(ttl).center());
        QCOMPARE(clicks.count(), 1);
        QCOMPARE(clicks.at(0).at(0).toUInt(), ttl);
        QTreeWidgetItem *current = pane.details->currentItem();
        QVERIFY(current);
        QVERIFY2(current->text(0).startsWith(QStringLiteral("Time to Live")),
                 qPrintable(current->text(0)));
        QCOMPARE(pane.hex->highlightOffset(), ttl);
        QCOMPARE(pane.hex->highlightLength(), 1u);
    }

    void stateCarriesOverToTheNextPacket()
    {
        Pane pane;
        pane.show(packet("zeek__tls_tls-conn-with-extensions.pcap", 4));
        findItem(*pane.details, QStringLiteral("Ethernet II"))->setExpanded(false);
        findItem(*pane.details, QStringLiteral("Flags: 0x018"))->setExpanded(true);
        pane.details->setCurrentItem(findItem(*pane.details, QStringLiteral("Time to Live")));
        pane.show(packet("zeek__tls_tls-conn-with-extensions.pcap", 3)); // another TCP packet
        QVERIFY(!findItem(*pane.details, QStringLiteral("Ethernet II"))->isExpanded());
        QVERIFY(findItem(*pane.details, QStringLiteral("Internet Protocol"))->isExpanded());
        QVERIFY(findItem(*pane.details, QStringLiteral("Flags: 0x010"))->isExpanded());
        // The same field is selected again, and its bytes stay highlighted under the new bytes.
        QVERIFY(pane.details->currentItem());
        QVERIFY(pane.details->currentItem()->text(0).startsWith(QStringLiteral("Time to Live")));
        QCOMPARE(pane.hex->highlightOffset(), 22u);
        QCOMPARE(pane.hex->highlightLength(), 1u);
        pane.details->clear();
        QCOMPARE(pane.hex->highlightLength(), 0u);
    }

    void bigPacketIsQuick()
    {
        HexView hex;
        hex.resize(700, 400);
        hex.show();
        QVERIFY(QTest::qWaitForWindowExposed(&hex));
        QByteArray bytes(65535, '\0');
        for (int i = 0; i < bytes.size(); ++i)
            bytes[i] = char(i * 7);
        QElapsedTimer timer;
        timer.start();
        hex.setBytes(bytes);
        hex.highlight(60000, 300);
        hex.grab(); // a full paint
        QVERIFY2(timer.elapsed() < 500, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(hex.verticalScrollBar()->value() > 0);
        QVERIFY(hex.viewport()->rect().contains(hex.byteRect(60000).center()));
        hex.setBytes({});
        hex.grab(); // the empty view paints its hint without touching any byte
    }

    void screenshot()
    {
        Pane pane;
        pane.window.setWindowTitle(QStringLiteral("Packet details"));
        pane.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane.window));
        pane.show(packet("zeek__tls_tls-conn-with-extensions.pcap", 4));
        findItem(*pane.details, QStringLiteral("Ethernet II"))->setExpanded(false);
        findItem(*pane.details, QStringLiteral("Internet Protocol"))->setExpanded(false);
        QTreeWidgetItem *sni = findItem(*pane.details, QStringLiteral("Extension: server_name"));
        QVERIFY(sni);
        pane.details->setCurrentItem(sni);
        pane.details->scrollToItem(sni);
        QCoreApplication::processEvents();
        const QString dir = QStringLiteral(NETLENS_SCREENSHOT_DIR);
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(pane.window.grab().save(dir + QStringLiteral("/details.png")));
    }
};

QTEST_MAIN(TestDetailsWidgets)
#include "tst_detailswidgets.moc"
