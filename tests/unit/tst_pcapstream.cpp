// SPDX-License-Identifier: GPL-3.0-or-later
// PcapStream, the parser of the capture helper's pcap stream, against the project's file
// reader: corpus captures (microsecond and nanosecond, both byte orders) written into a
// non-blocking pipe in pieces of every awkward size give the same records, in order, with
// the same bytes; a stream that is not pcap, or a record longer than any snap length, is an
// error that says so. Also runHelperCommand/findCaptureHelper on real programs.

#include "capture/helperprocess.h"
#include "capture/pcapstream.h"
#include "source/capturereader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

using namespace netlens;

namespace {
QString corpus(const char *name)
{
    return QStringLiteral(NETLENS_CORPUS_DIR "/") + QLatin1String(name);
}

struct Rec {
    std::int64_t tsNs;
    std::uint32_t capLen, wireLen;
    QByteArray data;
};

std::vector<Rec> viaReader(const QString &path)
{
    std::vector<Rec> out;
    std::string error;
    auto r = CaptureReader::open(path.toStdString(), error);
    RawPacket p;
    while (r && r->next(p))
        out.push_back(
            {p.tsNs, p.capLen, p.wireLen,
             QByteArray(reinterpret_cast<const char *>(p.data), static_cast<qsizetype>(p.capLen))});
    return out;
}

/// Writes `bytes` into a pipe in pieces of `piece` bytes from another thread, and parses the
/// read end as the capture worker does (non-blocking, poll-free spin on Again).
std::vector<Rec> viaStream(const QByteArray &bytes, int piece, PcapStream &stream)
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return {};
    ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
    std::thread writer([&] {
        for (qsizetype at = 0; at < bytes.size(); at += piece) {
            const auto n = std::min<qsizetype>(piece, bytes.size() - at);
            if (::write(fds[1], bytes.constData() + at, static_cast<std::size_t>(n)) != n)
                break;
        }
        ::close(fds[1]);
    });
    std::vector<Rec> out;
    for (;;) {
        const PcapStream::Fill f = stream.fill(fds[0], std::size_t{1} << 20);
        PcapStream::Record r;
        while (stream.next(r))
            out.push_back({r.tsNs, r.capLen, r.wireLen,
                           QByteArray(reinterpret_cast<const char *>(r.data),
                                      static_cast<qsizetype>(r.capLen))});
        if (f == PcapStream::Fill::End || f == PcapStream::Fill::Error || stream.failed())
            break;
        if (f == PcapStream::Fill::Again)
            std::this_thread::yield();
    }
    writer.join();
    ::close(fds[0]);
    return out;
}
} // namespace

class TstPcapStream : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sameAsTheFile_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("piece");
        for (const char *f : {"tcpreplay__test.pcap", "zeek__wikipedia.pcap"})
            for (int piece : {1, 7, 16, 24, 1500, 65536, 1 << 22})
                QTest::addRow("%s/%d", f, piece) << corpus(f) << piece;
    }
    void sameAsTheFile()
    {
        QFETCH(QString, file);
        QFETCH(int, piece);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        const std::vector<Rec> expected = viaReader(file);
        QVERIFY(!expected.empty());
        PcapStream stream;
        const std::vector<Rec> got = viaStream(bytes, piece, stream);
        QVERIFY2(!stream.failed(), stream.errorText().c_str());
        QCOMPARE(stream.pending(), std::size_t{0});
        QCOMPARE(got.size(), expected.size());
        for (std::size_t i = 0; i < got.size(); ++i) {
            QCOMPARE(got[i].tsNs, expected[i].tsNs);
            QCOMPARE(got[i].capLen, expected[i].capLen);
            QCOMPARE(got[i].wireLen, expected[i].wireLen);
            QVERIFY(got[i].data == expected[i].data);
        }
    }

    // Nanosecond magic, and the other byte order: as the file header says.
    void magicAndByteOrder()
    {
        QByteArray le(24, 0), be(24, 0);
        const unsigned char leNano[4] = {0x4d, 0x3c, 0xb2, 0xa1};
        const unsigned char beMicro[4] = {0xa1, 0xb2, 0xc3, 0xd4};
        std::memcpy(le.data(), leNano, 4);
        std::memcpy(be.data(), beMicro, 4);
        le[16] = char(0xff);
        le[20] = 1;   // snap 255, Ethernet
        be[23] = 101; // raw IP
        // One record each: ts 1 s + 5 units, 3 bytes.
        le += QByteArray::fromHex("01000000050000000300000003000000") + QByteArray("abc");
        be += QByteArray::fromHex("00000001000000050000000300000009") + QByteArray("xyz");
        PcapStream a, b;
        const auto ra = viaStream(le, 5, a);
        const auto rb = viaStream(be, 5, b);
        QVERIFY(a.nano() && !b.nano());
        QCOMPARE(a.linkType(), 1);
        QCOMPARE(b.linkType(), 101);
        QCOMPARE(a.snapLen(), 255);
        QCOMPARE(ra.size(), std::size_t{1});
        QCOMPARE(rb.size(), std::size_t{1});
        QCOMPARE(ra[0].tsNs, std::int64_t{1'000'000'005});
        QCOMPARE(rb[0].tsNs, std::int64_t{1'000'005'000});
        QCOMPARE(rb[0].wireLen, 9u);
        QCOMPARE(rb[0].data, QByteArray("xyz"));
    }

    void notPcap()
    {
        PcapStream s;
        viaStream(QByteArray("this is not a capture at all, no"), 64, s);
        QVERIFY(s.failed());
        QVERIFY(QString::fromStdString(s.errorText()).contains(QStringLiteral("pcap header")));
    }

    void recordTooLong()
    {
        QFile f(corpus("tcpreplay__test.pcap"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray bytes = f.read(24) + QByteArray::fromHex("0000000000000000ffffff00ffffff00");
        PcapStream s;
        const auto got = viaStream(bytes, 4096, s);
        QVERIFY(got.empty());
        QVERIFY(s.failed());
        QVERIFY(QString::fromStdString(s.errorText()).contains(QStringLiteral("corrupt")));
    }

    void helperCommand()
    {
        const HelperResult ok = runHelperCommand(QStringLiteral("/bin/sh").toStdString(),
                                                 {"-c", "echo out; echo err >&2; exit 4"});
        QVERIFY(ok.ran);
        QCOMPARE(ok.exitCode, 4);
        QCOMPARE(ok.out, std::string("out\n"));
        QCOMPARE(ok.err, std::string("err\n"));
        const HelperResult slow = runHelperCommand("/bin/sleep", {"10"}, 200);
        QVERIFY(!slow.ran); // killed at the deadline
        const HelperResult missing = runHelperCommand("/nonexistent/netlens-capture", {});
        QVERIFY(!missing.ran);
    }

    void findHelper()
    {
        qunsetenv("NETLENS_CAPTURE_HELPER");
        QTemporaryDir dir;
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("app"))));
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("helper"))));
        const QString inTree = dir.filePath(QStringLiteral("helper/netlens-capture"));
        QVERIFY(QFile::copy(QStringLiteral("/bin/true"), inTree));
        const std::string app = dir.filePath(QStringLiteral("app")).toStdString();
        QCOMPARE(findCaptureHelper(app), app + "/../helper/netlens-capture");
        const QString beside = dir.filePath(QStringLiteral("app/netlens-capture"));
        QVERIFY(QFile::copy(QStringLiteral("/bin/true"), beside));
        QCOMPARE(findCaptureHelper(app), beside.toStdString());
        qputenv("NETLENS_CAPTURE_HELPER", inTree.toLocal8Bit());
        QCOMPARE(findCaptureHelper(app), inTree.toStdString());
        qputenv("NETLENS_CAPTURE_HELPER", "/nonexistent/netlens-capture");
        QCOMPARE(findCaptureHelper(app), std::string()); // named but missing: not another
        qunsetenv("NETLENS_CAPTURE_HELPER");
        QCOMPARE(executableDir("/usr/bin/netlens"), std::string("/usr/bin"));
        QCOMPARE(executableDir("netlens"), std::string("."));
    }
};

QTEST_GUILESS_MAIN(TstPcapStream)
#include "tst_pcapstream.moc"
