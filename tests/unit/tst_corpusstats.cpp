// SPDX-License-Identifier: GPL-3.0-or-later
// The statistics snapshot against TShark, run live on every readable capture of the corpus.
//
// For each file, one tshark run gives both the protocol hierarchy (-z io,phs) and per-frame
// fields (frame.len, frame.encap_type, frame.protocols and the first ip/ipv6 addresses).
// NetLens reads the same file with FileAnalyzer and builds a complete snapshot. Compared:
//
// (a) The transport level: for every outermost ip / ipv6 node of TShark's hierarchy, its
//     children, looking through IPv6 extension headers (ipv6.hopopts, ipv6.routing,
//     ipv6.fraghdr, ipv6.dstopts, ...) and AH, as NetLens does; frames and bytes (both count
//     the wire length) against the transport nodes under IPv4 / IPv6 of snapshot->hierarchy.
//     Tunnels and ICMP errors count under their outer transport on both sides (gre, icmp,
//     udp for Teredo/VXLAN, "ip"/"ipv6" for IP-in-IP: NetLens's IPv4 / IPv6 transports); what
//     they carry is deeper in TShark's tree and not compared.
//     One mapping is needed: TShark shows a non-first IP fragment (defragmentation off) as
//     "data" under ip, since it has no transport header; NetLens counts it under the
//     transport of the IP protocol number with the Fragment flag. The NetLens side moves
//     rows flagged Fragment into "data" before comparing (read from the packet rows: the
//     snapshot does not count fragments apart).
// (b) IPv4 and IPv6 conversations (outermost addresses): the tshark rows aggregated per
//     address pair, packets and bytes each way, against snapshot->conversations.
//
// TShark runs with reassembly off (-o ip.defragment:FALSE ...), as for the reference files,
// so that every frame stands for itself as it does for NetLens.
// A file is compared only when both read the same packets; the others are listed with why.

#include "decode/decodedpacket.h"
#include "engine/engine.h"
#include "engine/fileanalyzer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <arpa/inet.h>
#include <map>
#include <memory>
#include <set>

using namespace netlens;

namespace {

/// Files not compared: TShark and NetLens read different packets from them (see tst_corpus).
struct Exclusion {
    const char *file;
    const char *reason;
};
constexpr Exclusion kExclusions[] = {
    {"suricata-verify__bug-6875-01_fuzz.pcap",
     "record 2 is corrupt: Wireshark guesses another pcap record layout and reads other frames "
     "than libpcap and NetLens (see tst_corpus)"},
};

QString corpusDir()
{
    return QStringLiteral(NETLENS_CORPUS_DIR);
}

QStringList corpusFiles()
{
    QStringList files = QDir(corpusDir()).entryList(QDir::Files, QDir::Name);
    files.removeAll(QStringLiteral("README.md"));
    files.removeAll(QStringLiteral("MANIFEST.tsv"));
    return files;
}

struct Tally {
    std::uint64_t packets = 0;
    std::uint64_t bytes = 0;
    void add(std::uint64_t p, std::uint64_t b)
    {
        packets += p;
        bytes += b;
    }
    bool operator==(const Tally &) const = default;
};

/// A conversation with its ends in a fixed order (lo < hi as normalized text).
struct Conv {
    Tally loToHi;
    Tally hiToLo;
    bool operator==(const Conv &) const = default;
};

using TransportMap = std::map<QString, Tally>; // "IPv4/TCP" -> frames and bytes
using ConvMap = std::map<std::pair<QString, QString>, Conv>;

/// The address in one canonical text (inet_pton then inet_ntop), or empty.
QString canonical(const QString &text)
{
    const QByteArray a = text.toLatin1();
    unsigned char buf[16];
    char out[INET6_ADDRSTRLEN];
    if (inet_pton(AF_INET, a.constData(), buf) == 1)
        return QString::fromLatin1(inet_ntop(AF_INET, buf, out, sizeof out));
    if (inet_pton(AF_INET6, a.constData(), buf) == 1)
        return QString::fromLatin1(inet_ntop(AF_INET6, buf, out, sizeof out));
    return {};
}

void addConv(ConvMap &m, const QString &src, const QString &dst, std::uint64_t packets,
             std::uint64_t bytes, std::uint64_t backPackets, std::uint64_t backBytes)
{
    if (src <= dst) {
        Conv &c = m[{src, dst}];
        c.loToHi.add(packets, bytes);
        c.hiToLo.add(backPackets, backBytes);
    } else {
        Conv &c = m[{dst, src}];
        c.hiToLo.add(packets, bytes);
        c.loToHi.add(backPackets, backBytes);
    }
}

/// TShark's name of a transport at the level under ip/ipv6 to NetLens's transportName().
QString netlensName(const QString &tshark)
{
    static const char *const kNames[][2] = {
        {"tcp", "TCP"},   {"udp", "UDP"},   {"icmp", "ICMP"},       {"icmpv6", "ICMPv6"},
        {"sctp", "SCTP"}, {"gre", "GRE"},   {"igmp", "IGMP"},       {"esp", "ESP"},
        {"ip", "IPv4"},   {"ipv6", "IPv6"}, {"ospf", "OSPF"},       {"eigrp", "EIGRP"},
        {"pim", "PIM"},   {"vrrp", "VRRP"}, {"udplite", "UDPLite"}, {"l2tp", "L2TP"},
        {"data", "data"}};
    static const std::map<QString, QString> names = [] {
        std::map<QString, QString> m;
        for (const auto &n : kNames)
            m.emplace(QString::fromLatin1(n[0]), QString::fromLatin1(n[1]));
        return m;
    }();
    const auto it = names.find(tshark);
    return it == names.end() ? QStringLiteral("?") + tshark : it->second;
}

struct PhsNode {
    QString name;
    std::uint64_t frames = 0;
    std::uint64_t bytes = 0;
    std::vector<std::unique_ptr<PhsNode>> children;
};

/// Parses the io,phs block of tshark's output into a tree (indent: two spaces a level).
bool parsePhs(const QStringList &lines, PhsNode &root, QString &error)
{
    const qsizetype start = lines.indexOf(QStringLiteral("Protocol Hierarchy Statistics"));
    if (start < 0) {
        error = QStringLiteral("no io,phs block in tshark's output");
        return false;
    }
    std::vector<PhsNode *> stack{&root};
    for (qsizetype i = start + 2; i < lines.size(); ++i) {
        const QString &line = lines[i];
        if (line.startsWith(QLatin1Char('=')))
            break;
        if (line.trimmed().isEmpty())
            continue;
        const qsizetype indent = line.indexOf(QRegularExpression(QStringLiteral("\\S")));
        const QStringList parts = line.simplified().split(QLatin1Char(' '));
        if (parts.size() != 3 || indent % 2 || !parts[1].startsWith(QLatin1StringView("frames:")) ||
            !parts[2].startsWith(QLatin1StringView("bytes:"))) {
            error = QStringLiteral("bad io,phs line: ") + line;
            return false;
        }
        const auto depth = static_cast<std::size_t>(indent / 2) + 1;
        if (depth > stack.size()) {
            error = QStringLiteral("io,phs line too deep: ") + line;
            return false;
        }
        stack.resize(depth);
        auto node = std::make_unique<PhsNode>();
        node->name = parts[0];
        node->frames = parts[1].mid(7).toULongLong();
        node->bytes = parts[2].mid(6).toULongLong();
        PhsNode *raw = node.get();
        stack.back()->children.push_back(std::move(node));
        stack.push_back(raw);
    }
    return true;
}

bool isExtensionHeader(const QString &name)
{
    return name.startsWith(QLatin1StringView("ipv6.")) || name == QLatin1StringView("ah");
}

/// What a transport-level node stands for, looking through extension headers.
void collectTransports(const PhsNode &n, const QString &family, TransportMap &out)
{
    std::uint64_t frames = 0, bytes = 0;
    for (const auto &c : n.children) {
        frames += c->frames;
        bytes += c->bytes;
        if (isExtensionHeader(c->name))
            collectTransports(*c, family, out);
        else if (!c->name.startsWith(QLatin1StringView("_ws.")))
            out[family + QLatin1Char('/') + netlensName(c->name)].add(c->frames, c->bytes);
        else // _ws.malformed / _ws.short: the IP layer itself is cut; nothing after it
            out[family + QStringLiteral("/(none)")].add(c->frames, c->bytes);
    }
    // Frames that stop at the IP header (nothing after it in TShark's tree).
    if (n.frames > frames)
        out[family + QStringLiteral("/(none)")].add(n.frames - frames, n.bytes - bytes);
}

/// Every outermost ip / ipv6 node (not under another one).
void outermostIp(const PhsNode &n, TransportMap &out)
{
    for (const auto &c : n.children) {
        if (c->name == QLatin1StringView("ip"))
            collectTransports(*c, QStringLiteral("IPv4"), out);
        else if (c->name == QLatin1StringView("ipv6"))
            collectTransports(*c, QStringLiteral("IPv6"), out);
        else
            outermostIp(*c, out);
    }
}

struct TsharkResult {
    bool started = false;
    int exitCode = 0;
    QString stderrText;
    std::uint64_t frames = 0; ///< packet frames (pcapng custom blocks left out)
    TransportMap transports;
    ConvMap conversations;
    QString error;
};

TsharkResult parseTshark(const QByteArray &out)
{
    TsharkResult r;
    const QStringList lines = QString::fromUtf8(out).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (line.isEmpty() || line.startsWith(QLatin1Char('=')))
            break; // the io,phs block follows the rows
        const QStringList cols = line.split(QLatin1Char('\t'));
        if (cols.size() < 7) {
            r.error = QStringLiteral("short tshark row: ") + line;
            return r;
        }
        // pcapng custom blocks come as frames without an encapsulation: not packets.
        if (cols[1].isEmpty())
            continue;
        ++r.frames;
        const std::uint64_t len = cols[0].toULongLong();
        for (const QString &p : cols[2].split(QLatin1Char(':'))) {
            const bool v4 = p == QLatin1StringView("ip");
            if (!v4 && p != QLatin1StringView("ipv6"))
                continue;
            const QString src = canonical(cols[v4 ? 3 : 5]);
            const QString dst = canonical(cols[v4 ? 4 : 6]);
            if (!src.isEmpty() && !dst.isEmpty())
                addConv(r.conversations, src, dst, 1, len, 0, 0);
            break;
        }
    }
    PhsNode root;
    if (!parsePhs(lines, root, r.error))
        return r;
    outermostIp(root, r.transports);
    return r;
}

struct NetLensResult {
    bool ok = false;
    std::uint64_t packets = 0;
    QString error;
    TransportMap transports;
    ConvMap conversations;
};

NetLensResult analyze(const QString &file)
{
    NetLensResult r;
    Engine engine;
    FileAnalyzer analyzer(engine);
    const auto results =
        analyzer.run({QString(corpusDir() + QLatin1Char('/') + file).toStdString()});
    engine.finish();
    // A file that fails part-way still gave the packets before the damage: compare those.
    if (results.size() == 1 && results[0].outcome == FileResult::Outcome::Failed &&
        engine.framesSeen() == 0) {
        r.error = QString::fromStdString(results[0].message);
        return r;
    }
    if (results.size() == 1 && results[0].outcome != FileResult::Outcome::Ok)
        r.error = QString::fromStdString(results[0].message);
    r.ok = true;
    SnapshotOptions options;
    options.complete = true;
    options.final = true;
    const StatsSnapshotPtr s = engine.buildSnapshot(options);
    r.packets = s->total.packets;

    // Non-first fragments: "data" in TShark's terms (see the top of this file).
    std::map<QString, Tally> fragments;
    const PacketStore &store = engine.store();
    for (std::size_t i = 0; i < store.size(); ++i) {
        const PacketRecord &rec = store.at(i);
        if ((rec.flags & pktflag::Fragment) && isIpTransport(rec.transport))
            fragments[QLatin1StringView((rec.flags & pktflag::Ipv6) ? "IPv6/" : "IPv4/") +
                      QString::fromLatin1(transportName(rec.transport))]
                .add(1, rec.wireLen);
    }
    for (const auto &kind : s->hierarchy.children) {
        if (kind.name != "IPv4" && kind.name != "IPv6")
            continue;
        const QString family = QString::fromStdString(kind.name);
        for (const auto &t : kind.children) {
            const QString key = family + QLatin1Char('/') + QString::fromStdString(t.name);
            Tally tally{t.counter.packets, t.counter.bytes};
            if (const auto it = fragments.find(key); it != fragments.end()) {
                tally.packets -= it->second.packets;
                tally.bytes -= it->second.bytes;
                r.transports[family + QStringLiteral("/data")].add(it->second.packets,
                                                                   it->second.bytes);
            }
            if (tally.packets)
                r.transports[key].add(tally.packets, tally.bytes);
        }
    }
    for (const auto &c : s->conversations) {
        if (c.family != Family::V4 && c.family != Family::V6)
            continue;
        addConv(r.conversations, canonical(QString::fromStdString(s->address(c.a))),
                canonical(QString::fromStdString(s->address(c.b))), c.traffic.packetsAB,
                c.traffic.bytesAB, c.traffic.packetsBA, c.traffic.bytesBA);
    }
    return r;
}

QString tallyText(const Tally &t)
{
    return QStringLiteral("%1 pkts/%2 B").arg(t.packets).arg(t.bytes);
}

struct Agreement {
    QString file;
    qsizetype transports = 0, transportsAgree = 0;
    qsizetype convs = 0, convsAgree = 0;
    QString note;
};

} // namespace

class TstCorpusStats : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void agreement_data();
    void agreement();
    void cleanupTestCase();

private:
    QString m_tshark;
    QTemporaryDir m_tmp;
    std::map<QString, std::unique_ptr<QProcess>> m_running;
    QStringList m_queue;
    std::vector<Agreement> m_results;
    QElapsedTimer m_clock;

    void startNext();
    TsharkResult tsharkOf(const QString &file);
};

void TstCorpusStats::initTestCase()
{
    m_clock.start();
    m_tshark = QStandardPaths::findExecutable(QStringLiteral("tshark"));
    if (m_tshark.isEmpty())
        QSKIP("tshark is not installed");
    QVERIFY(m_tmp.isValid());
    m_queue = corpusFiles();
    QVERIFY(m_queue.size() > 50);
    // TShark runs ahead of the comparisons, a few at once, into files (no pipe stalls).
    for (int i = 0; i < 3; ++i)
        startNext();
}

void TstCorpusStats::startNext()
{
    if (m_queue.isEmpty())
        return;
    const QString file = m_queue.takeFirst();
    auto p = std::make_unique<QProcess>();
    p->setStandardOutputFile(m_tmp.filePath(file + QStringLiteral(".out")));
    p->setStandardErrorFile(m_tmp.filePath(file + QStringLiteral(".err")));
    p->start(m_tshark, {QStringLiteral("-n"),
                        QStringLiteral("-r"),
                        corpusDir() + QLatin1Char('/') + file,
                        QStringLiteral("-o"),
                        QStringLiteral("ip.defragment:FALSE"),
                        QStringLiteral("-o"),
                        QStringLiteral("ipv6.defragment:FALSE"),
                        QStringLiteral("-o"),
                        QStringLiteral("tcp.desegment_tcp_streams:FALSE"),
                        QStringLiteral("-z"),
                        QStringLiteral("io,phs"),
                        QStringLiteral("-T"),
                        QStringLiteral("fields"),
                        QStringLiteral("-E"),
                        QStringLiteral("separator=/t"),
                        QStringLiteral("-E"),
                        QStringLiteral("occurrence=f"),
                        QStringLiteral("-e"),
                        QStringLiteral("frame.len"),
                        QStringLiteral("-e"),
                        QStringLiteral("frame.encap_type"),
                        QStringLiteral("-e"),
                        QStringLiteral("frame.protocols"),
                        QStringLiteral("-e"),
                        QStringLiteral("ip.src"),
                        QStringLiteral("-e"),
                        QStringLiteral("ip.dst"),
                        QStringLiteral("-e"),
                        QStringLiteral("ipv6.src"),
                        QStringLiteral("-e"),
                        QStringLiteral("ipv6.dst")});
    m_running[file] = std::move(p);
}

TsharkResult TstCorpusStats::tsharkOf(const QString &file)
{
    TsharkResult r;
    auto it = m_running.find(file);
    if (it == m_running.end())
        return r;
    QProcess &p = *it->second;
    r.started = p.waitForStarted(10000);
    if (r.started && !p.waitForFinished(120000))
        p.kill();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    m_running.erase(it);
    startNext();
    QFile out(m_tmp.filePath(file + QStringLiteral(".out")));
    QFile err(m_tmp.filePath(file + QStringLiteral(".err")));
    const QByteArray text = out.open(QIODevice::ReadOnly) ? out.readAll() : QByteArray();
    if (err.open(QIODevice::ReadOnly))
        r.stderrText = QString::fromUtf8(err.readAll())
                           .remove(QRegularExpression(QStringLiteral("Running as user[^\n]*\n")))
                           .trimmed();
    const bool started = r.started;
    const int code = r.exitCode;
    const QString stderrText = r.stderrText;
    r = parseTshark(text);
    r.started = started;
    r.exitCode = code;
    r.stderrText = stderrText;
    return r;
}

void TstCorpusStats::agreement_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &file : corpusFiles())
        QTest::newRow(qPrintable(file)) << file;
}

void TstCorpusStats::agreement()
{
    QFETCH(QString, file);
    const TsharkResult ts = tsharkOf(file);
    const NetLensResult nl = analyze(file);
    Agreement a;
    a.file = file;
    QVERIFY2(ts.started, "tshark did not start");
    for (const Exclusion &e : kExclusions)
        if (file == QLatin1StringView(e.file)) {
            a.note = QStringLiteral("excluded: ") + QLatin1StringView(e.reason);
            qInfo().noquote() << file << a.note << "(tshark" << ts.frames << "frames, NetLens"
                              << nl.packets << "packets)";
            m_results.push_back(a);
            return;
        }
    if (!nl.ok) {
        // Neither can read it (a bad header): nothing to compare, but tshark must agree.
        a.note = QStringLiteral("not read by either: ") + nl.error;
        qInfo().noquote() << file << a.note << "| tshark:" << ts.stderrText;
        QCOMPARE(ts.frames, std::uint64_t(0));
        QVERIFY2(ts.exitCode != 0, "tshark reads a file NetLens refuses");
        m_results.push_back(a);
        return;
    }
    QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
    if (ts.exitCode != 0 || !nl.error.isEmpty())
        a.note = QStringLiteral("read up to damage (tshark exit %1; NetLens: %2)")
                     .arg(ts.exitCode)
                     .arg(nl.error.section(QStringLiteral(": "), 1));
    QCOMPARE(nl.packets, ts.frames); // both read the same packets, else it must be excluded

    QStringList diffs;
    std::set<QString> keys;
    for (const auto &[k, v] : ts.transports)
        keys.insert(k);
    for (const auto &[k, v] : nl.transports)
        keys.insert(k);
    for (const QString &k : keys) {
        const auto t = ts.transports.find(k);
        const auto n = nl.transports.find(k);
        const Tally tv = t == ts.transports.end() ? Tally{} : t->second;
        const Tally nv = n == nl.transports.end() ? Tally{} : n->second;
        ++a.transports;
        if (tv == nv)
            ++a.transportsAgree;
        else
            diffs
                << QStringLiteral("%1: tshark %2, NetLens %3").arg(k, tallyText(tv), tallyText(nv));
    }
    std::set<std::pair<QString, QString>> pairs;
    for (const auto &[k, v] : ts.conversations)
        pairs.insert(k);
    for (const auto &[k, v] : nl.conversations)
        pairs.insert(k);
    for (const auto &k : pairs) {
        const auto t = ts.conversations.find(k);
        const auto n = nl.conversations.find(k);
        const Conv tv = t == ts.conversations.end() ? Conv{} : t->second;
        const Conv nv = n == nl.conversations.end() ? Conv{} : n->second;
        ++a.convs;
        if (tv == nv)
            ++a.convsAgree;
        else if (diffs.size() < 12)
            diffs << QStringLiteral("%1 <-> %2: tshark %3 / %4, NetLens %5 / %6")
                         .arg(k.first, k.second, tallyText(tv.loToHi), tallyText(tv.hiToLo),
                              tallyText(nv.loToHi), tallyText(nv.hiToLo));
    }
    m_results.push_back(a);
    for (const QString &d : diffs)
        qInfo().noquote() << "   " << d;
    QVERIFY2(diffs.isEmpty(),
             qPrintable(QStringLiteral("%1 transport and %2 conversation rows differ")
                            .arg(a.transports - a.transportsAgree)
                            .arg(a.convs - a.convsAgree)));
}

void TstCorpusStats::cleanupTestCase()
{
    qsizetype t = 0, ta = 0, c = 0, ca = 0, files = 0;
    qInfo().noquote() << QStringLiteral("%1 %2 %3  %4")
                             .arg(QStringLiteral("file"), -62)
                             .arg(QStringLiteral("transports"), 11)
                             .arg(QStringLiteral("conversations"), 13)
                             .arg(QStringLiteral("note"));
    for (const Agreement &a : m_results) {
        const bool compared = a.transports + a.convs > 0 || a.note.isEmpty() ||
                              a.note.startsWith(QLatin1StringView("read up to"));
        qInfo().noquote()
            << QStringLiteral("%1 %2 %3  %4")
                   .arg(a.file, -62)
                   .arg(compared ? QStringLiteral("%1/%2").arg(a.transportsAgree).arg(a.transports)
                                 : QStringLiteral("-"),
                        11)
                   .arg(compared ? QStringLiteral("%1/%2").arg(a.convsAgree).arg(a.convs)
                                 : QStringLiteral("-"),
                        13)
                   .arg(a.note);
        files += compared;
        t += a.transports;
        ta += a.transportsAgree;
        c += a.convs;
        ca += a.convsAgree;
    }
    qInfo().noquote() << QStringLiteral(
                             "%1 files compared: transport rows %2/%3, conversations %4/%5, %6 s")
                             .arg(files)
                             .arg(ta)
                             .arg(t)
                             .arg(ca)
                             .arg(c)
                             .arg(m_clock.elapsed() / 1000.0, 0, 'f', 1);
    for (auto &[file, p] : m_running) {
        p->kill();
        p->waitForFinished(2000);
    }
}

QTEST_GUILESS_MAIN(TstCorpusStats)
#include "tst_corpusstats.moc"
