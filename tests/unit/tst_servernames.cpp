// SPDX-License-Identifier: GPL-3.0-or-later
// Server names per flow (nDPI's host_server_name): the names table (interning, UTF-8 repair,
// memory), the snapshot and JSON fields, and agreement with TShark on corpus captures with
// DNS, TLS, QUIC and HTTP traffic.
//
// TShark's name of a flow is the first dns.qry.name, tls.handshake.extensions_server_name or
// http.host of its frames. nDPI defines the name a little differently, and those differences
// are counted apart from exact agreement, each by a rule on the two strings:
//   case       nDPI lowercases DNS, LLMNR and NetBIOS names (DNS names are case-insensitive);
//   port       nDPI keeps the host of an HTTP Host header without its ":port";
//   truncated  nDPI keeps at most its buffer (79 bytes): the name's last 79 bytes.
// A flow named by TShark that NetLens gives a *different* non-empty name fails the test; a
// flow NetLens leaves unnamed is listed (nDPI fills no name for some protocols, e.g. SSDP, or
// for a TCP flow whose start was not captured).

#include "corpuspackets.h"
#include "engine/engine.h"
#include "engine/fileanalyzer.h"
#include "export/jsonexport.h"
#include "export/summary.h"
#include "stats/servernames.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>
#include <map>
#include <set>
#include <string>
#include <tuple>

using namespace netlens;
using namespace netlens::testing;

namespace {

/// Direction-independent flow key: ((address, port), (address, port), transport).
using Key = std::tuple<QString, int, QString, int, QString>;

Key keyOf(QString a, int pa, QString b, int pb, QString transport)
{
    if (std::tie(b, pb) < std::tie(a, pa)) {
        std::swap(a, b);
        std::swap(pa, pb);
    }
    return {a, pa, b, pb, transport};
}

QString keyText(const Key &k)
{
    return QStringLiteral("%1 %2:%3 - %4:%5")
        .arg(std::get<4>(k), std::get<0>(k))
        .arg(std::get<1>(k))
        .arg(std::get<2>(k))
        .arg(std::get<3>(k));
}

/// The first server name TShark reports in each flow of `path` (outermost IP addresses and
/// the first transport header's ports).
std::map<Key, QString> tsharkNames(const QString &tshark, const QString &path, QString &error)
{
    QProcess p;
    p.start(tshark, {QStringLiteral("-n"),
                     QStringLiteral("-r"),
                     path,
                     QStringLiteral("-o"),
                     QStringLiteral("tcp.desegment_tcp_streams:FALSE"),
                     QStringLiteral("-T"),
                     QStringLiteral("fields"),
                     QStringLiteral("-E"),
                     QStringLiteral("separator=/t"),
                     QStringLiteral("-E"),
                     QStringLiteral("occurrence=f"),
                     QStringLiteral("-e"),
                     QStringLiteral("frame.protocols"),
                     QStringLiteral("-e"),
                     QStringLiteral("ip.src"),
                     QStringLiteral("-e"),
                     QStringLiteral("ip.dst"),
                     QStringLiteral("-e"),
                     QStringLiteral("ipv6.src"),
                     QStringLiteral("-e"),
                     QStringLiteral("ipv6.dst"),
                     QStringLiteral("-e"),
                     QStringLiteral("tcp.srcport"),
                     QStringLiteral("-e"),
                     QStringLiteral("tcp.dstport"),
                     QStringLiteral("-e"),
                     QStringLiteral("udp.srcport"),
                     QStringLiteral("-e"),
                     QStringLiteral("udp.dstport"),
                     QStringLiteral("-e"),
                     QStringLiteral("dns.qry.name"),
                     QStringLiteral("-e"),
                     QStringLiteral("tls.handshake.extensions_server_name"),
                     QStringLiteral("-e"),
                     QStringLiteral("http.host")});
    std::map<Key, QString> names;
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        error = path + QStringLiteral(": tshark failed: ") +
                QString::fromUtf8(p.readAllStandardError());
        return names;
    }
    const QList<QByteArray> lines = p.readAllStandardOutput().split('\n');
    for (const QByteArray &line : lines) {
        const QList<QByteArray> c = line.split('\t');
        if (c.size() < 12)
            continue;
        const auto field = [&c](int i) { return QString::fromUtf8(c[i]); };
        // Outermost addresses, as NetLens keys its flows; the first transport of the stack.
        const QString a = !c[1].isEmpty() ? field(1) : field(3);
        const QString b = !c[2].isEmpty() ? field(2) : field(4);
        const QStringList stack = field(0).split(QLatin1Char(':'));
        const auto tcp = stack.indexOf(QStringLiteral("tcp"));
        const auto udp = stack.indexOf(QStringLiteral("udp"));
        if (a.isEmpty() || (tcp < 0 && udp < 0))
            continue;
        const bool isTcp = tcp >= 0 && (udp < 0 || tcp < udp);
        const int pa = c[isTcp ? 5 : 7].toInt(), pb = c[isTcp ? 6 : 8].toInt();
        QString name = field(9);
        if (name.isEmpty())
            name = field(10);
        if (name.isEmpty())
            name = field(11);
        if (name.isEmpty())
            continue;
        names.try_emplace(
            keyOf(a, pa, b, pb, isTcp ? QStringLiteral("TCP") : QStringLiteral("UDP")), name);
    }
    return names;
}

struct Tally {
    int named = 0;   ///< flows TShark names
    int exact = 0;   ///< same name
    int nearly = 0;  ///< same as nDPI defines it (case, port, truncated)
    int unnamed = 0; ///< NetLens gives none
    int wrong = 0;   ///< NetLens gives another
};

/// How `ours` compares with TShark's `theirs` when not equal: "case", "port", "truncated",
/// or empty (they differ).
QString nearMatch(const QString &theirs, const QString &ours, qsizetype bufferBytes)
{
    if (theirs.compare(ours, Qt::CaseInsensitive) == 0)
        return QStringLiteral("case");
    const qsizetype colon = theirs.lastIndexOf(QLatin1Char(':'));
    if (colon > 0 && !theirs.endsWith(QLatin1Char(']'))) {
        QString host = theirs.left(colon);
        if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
            host = host.mid(1, host.size() - 2);
        if (host.compare(ours, Qt::CaseInsensitive) == 0)
            return QStringLiteral("port");
    }
    const QByteArray t = theirs.toUtf8();
    if (t.size() > bufferBytes &&
        t.right(bufferBytes).compare(ours.toUtf8(), Qt::CaseInsensitive) == 0)
        return QStringLiteral("truncated");
    return {};
}

} // namespace

class TstServerNames : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void interning()
    {
        ServerNames names;
        QCOMPARE(names.size(), 1u); // "none"
        QCOMPARE(names.intern(""), ServerNames::kNone);
        QCOMPARE(names.text(ServerNames::kNone), std::string());
        const std::size_t empty = names.memoryBytes();
        const std::uint32_t a = names.intern("www.example.org");
        const std::uint32_t b = names.intern("example.org");
        QVERIFY(a != ServerNames::kNone && b != ServerNames::kNone && a != b);
        QCOMPARE(names.intern("www.example.org"), a);
        QCOMPARE(names.intern(std::string("example.org")), b);
        QCOMPARE(names.size(), 3u);
        QCOMPARE(names.text(a), std::string("www.example.org"));
        QCOMPARE(names.text(b), std::string("example.org"));
        QCOMPARE(names.text(99), std::string()); // unknown id: none, not a crash
        // A name past the small-string buffer costs its bytes.
        const std::string longName(200, 'x');
        const std::size_t before = names.memoryBytes();
        QVERIFY(before > empty);
        names.intern(longName);
        QVERIFY(names.memoryBytes() >= before + longName.size());
    }

    void hostileBytesKept()
    {
        ServerNames names;
        // Markup, quotes and control bytes are kept as they came: the front ends show text.
        const std::string markup = "<img src=x onerror=alert(1)>\"'\t\x01";
        QCOMPARE(names.text(names.intern(markup)), markup);
        // Valid UTF-8 stays; each byte of an invalid sequence becomes U+FFFD (as Qt decodes).
        const std::string umlaut = "b\xc3\xbc"
                                   "cher.de";
        QCOMPARE(names.text(names.intern(umlaut)), umlaut);
        const std::string fffd = "\xef\xbf\xbd";
        QCOMPARE(ServerNames::toValidUtf8("a\xff"
                                          "b"),
                 "a" + fffd + "b");
        QCOMPARE(ServerNames::toValidUtf8("\xed\xa0\x80"), fffd + fffd + fffd); // a surrogate
        QCOMPARE(ServerNames::toValidUtf8("\xc0\xaf"), fffd + fffd);            // overlong
        QCOMPARE(ServerNames::toValidUtf8("end\xe2\x82"), "end" + fffd + fffd); // cut short
        // The same raw bytes give the same id, whose text is the repaired one.
        const std::uint32_t bad = names.intern("x\xfey");
        QCOMPARE(names.intern("x\xfey"), bad);
        QCOMPARE(names.text(bad), "x" + fffd + "y");
        QVERIFY(names.intern("x" + fffd + "y") != bad); // different bytes on the wire
        const std::string withNul("a\0b", 3);
        QCOMPARE(names.text(names.intern(withNul)), withNul);
    }

    void snapshotAndJson()
    {
        // Every flows object has "server_name", the snapshot's name of that flow; names
        // appear once each in serverNames, which starts with "" (none).
        Engine engine;
        FileAnalyzer analyzer(engine);
        const auto results =
            analyzer.run({corpusPath(QStringLiteral("zeek__wikipedia.pcap")).toStdString()});
        QCOMPARE(FileAnalyzer::exitStatus(results), 0);
        engine.finish();
        const Summary summary = Summary::build(engine, 1000, results);
        const StatsSnapshot &s = *summary.stats;
        QVERIFY(!s.serverNames.empty());
        QCOMPARE(s.serverNames.front(), std::string());
        std::set<std::string> distinct(s.serverNames.begin(), s.serverNames.end());
        QCOMPARE(distinct.size(), s.serverNames.size());
        int named = 0;
        for (const auto &f : s.flows) {
            QVERIFY(f.serverName < s.serverNames.size());
            named += f.serverName != 0;
        }
        QVERIFY(named > 0);
        QVERIFY(engine.flows().serverNames().size() >= s.serverNames.size());
        const QJsonArray flows = summaryToJson(summary)[QStringLiteral("flows")].toArray();
        QCOMPARE(flows.size(), qsizetype(s.flows.size()));
        for (qsizetype i = 0; i < flows.size(); ++i) {
            const QJsonValue v = flows[i].toObject()[QStringLiteral("server_name")];
            QVERIFY(v.isString());
            QCOMPARE(v.toString().toStdString(), s.serverName(s.flows[i]));
        }
        // A snapshot made by hand, without the list, reads as "no name".
        StatsSnapshot bare;
        StatsSnapshot::Flow f;
        f.serverName = 3;
        QCOMPARE(bare.serverName(f), std::string());
    }

    void agreesWithTshark()
    {
        const QString tshark = QStandardPaths::findExecutable(QStringLiteral("tshark"));
        if (tshark.isEmpty())
            QSKIP("tshark is not installed (deploy/setup-deps.sh --test installs it)");
        // DNS (UDP and TCP, a fragmented answer), LLMNR, HTTP, TLS, QUIC, SMTP next door.
        const QStringList files = {
            QStringLiteral("pcapplusplus__example.pcap"),
            QStringLiteral("pcapplusplus__tls2.pcap"),
            QStringLiteral("pcapplusplus__many-protocols.pcap"),
            QStringLiteral("zeek__wikipedia.pcap"),
            QStringLiteral("tcpreplay__test.pcap"),
            QStringLiteral("tcpdump__dns_tcp.pcap"),
            QStringLiteral("tcpdump__quic_handshake.pcap"),
            QStringLiteral("zeek__ipv6-fragmented-dns.pcap"),
            QStringLiteral("zeek__tls_openjdk-25.0.2-zeek.org.pcap"),
            QStringLiteral("zeek__tls_tls-conn-with-extensions.pcap"),
            QStringLiteral("libpcap__http_PPI.pcap"),
        };
        Tally all;
        std::map<QString, int> nearlyBy;
        for (const QString &file : files) {
            QString error;
            const auto theirs = tsharkNames(tshark, corpusPath(file), error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QVERIFY2(!theirs.empty(), qPrintable(file + QStringLiteral(": tshark names no flow")));

            Engine engine;
            FileAnalyzer analyzer(engine);
            const auto results = analyzer.run({corpusPath(file).toStdString()});
            QVERIFY2(engine.framesSeen() > 0, qPrintable(file));
            engine.finish();
            SnapshotOptions options;
            options.complete = true;
            options.final = true;
            const StatsSnapshotPtr s = engine.buildSnapshot(options);
            std::map<Key, QString> ours;
            for (const auto &f : s->flows)
                ours[keyOf(QString::fromStdString(s->address(f.a)), f.portA,
                           QString::fromStdString(s->address(f.b)), f.portB,
                           QString::fromLatin1(transportName(f.transport)))] =
                    QString::fromStdString(s->serverName(f));

            Tally t;
            for (const auto &[key, name] : theirs) {
                ++t.named;
                const auto it = ours.find(key);
                const QString mine = it == ours.end() ? QString() : it->second;
                if (mine == name) {
                    ++t.exact;
                } else if (mine.isEmpty()) {
                    ++t.unnamed;
                    qInfo("%s: %s: tshark %s, NetLens none%s", qPrintable(file),
                          qPrintable(keyText(key)), qPrintable(name),
                          it == ours.end() ? " (no such flow)" : "");
                } else if (const QString why = nearMatch(name, mine, 79); !why.isEmpty()) {
                    ++t.nearly;
                    ++nearlyBy[why];
                } else {
                    ++t.wrong;
                    qWarning("%s: %s: tshark \"%s\", NetLens \"%s\"", qPrintable(file),
                             qPrintable(keyText(key)), qPrintable(name), qPrintable(mine));
                }
            }
            qInfo("%s: %d flows named by tshark: %d equal, %d equal as nDPI defines the name, "
                  "%d unnamed, %d different",
                  qPrintable(file), t.named, t.exact, t.nearly, t.unnamed, t.wrong);
            all.named += t.named;
            all.exact += t.exact;
            all.nearly += t.nearly;
            all.unnamed += t.unnamed;
            all.wrong += t.wrong;
        }
        qInfo("all: %d flows named by tshark: %d equal (%.1f%%), %d more as nDPI defines the "
              "name (case %d, port %d, truncated %d): %.1f%%; %d unnamed, %d different",
              all.named, all.exact, 100.0 * all.exact / all.named, all.nearly,
              nearlyBy[QStringLiteral("case")], nearlyBy[QStringLiteral("port")],
              nearlyBy[QStringLiteral("truncated")], 100.0 * (all.exact + all.nearly) / all.named,
              all.unnamed, all.wrong);
        QVERIFY(all.named > 500);
        // Never a wrong name; a missing one only rarely (see the top of this file).
        QCOMPARE(all.wrong, 0);
        QVERIFY2(all.unnamed * 100 <= all.named, "more than 1% of the named flows have no name");
        QVERIFY(all.exact * 100 >= all.named * 95);
    }
};

QTEST_GUILESS_MAIN(TstServerNames)
#include "tst_servernames.moc"
