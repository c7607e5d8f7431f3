// SPDX-License-Identifier: GPL-3.0-or-later
// netlens-cli capturing through the capture helper as an unprivileged user: copies of
// netlens-cli and netlens-capture in a folder of their own, file capabilities on the helper
// copy only, and the CLI run as `nobody` (setpriv) inside namespace B with a temporary HOME.
// Checked: the capture matches what was sent (tshark's count of the file == the rows), the CLI
// holds no capability while it captures (CapEff in /proc/PID/status), killing the helper
// ends the CLI with a message and keeps the packets so far, and killing the CLI ends the
// helper and leaves a file tshark reads. Needs root (namespaces, setcap); skips otherwise.

#include "livecapturehelpers.h"
#include "netns.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <pwd.h>
#include <unistd.h>

using namespace netlens;
using namespace netlens::test;

namespace {

/// The CapEff line of /proc/PID/status ("" when the process is gone).
QString capEff(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("CapEff:"))
            return QString::fromLatin1(line.mid(7).trimmed());
    return {};
}

/// Live (not zombie) children of `pid`, from /proc/*/stat.
QList<qint64> childPids(qint64 pid)
{
    QList<qint64> out;
    QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        it.next();
        bool ok = false;
        const qint64 child = it.fileName().toLongLong(&ok);
        if (!ok)
            continue;
        QFile stat(it.filePath() + QStringLiteral("/stat"));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray s = stat.readAll();
        // pid (comm) state ppid ...: comm may hold spaces, so parse after the last ')'.
        const QList<QByteArray> f = s.mid(s.lastIndexOf(')') + 2).split(' ');
        if (f.size() > 1 && f[0] != "Z" && f[1].toLongLong() == pid)
            out << child;
    }
    return out;
}

bool alive(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray s = stat.readAll();
    return !s.mid(s.lastIndexOf(')') + 2).startsWith("Z");
}

/// Packets in `path` as tshark reads them; -1 when tshark fails or complains.
qint64 tsharkCount(const QString &path, QString *complaint = nullptr)
{
    const ToolResult r =
        runTool(findTool(QStringLiteral("tshark")),
                {QStringLiteral("-n"), QStringLiteral("-r"), path, QStringLiteral("-T"),
                 QStringLiteral("fields"), QStringLiteral("-e"), QStringLiteral("frame.number")});
    if (complaint)
        *complaint = QString::fromLocal8Bit(r.err);
    if (!r.finished || r.exitCode != 0)
        return -1;
    return r.out.count('\n');
}

/// The first number after "N packets" in the last status line of the CLI's stderr.
qint64 lastStatusPackets(const QString &err)
{
    static const QRegularExpression re(QStringLiteral("^(\\d+) packets, "),
                                       QRegularExpression::MultilineOption);
    qint64 last = -1;
    for (auto it = re.globalMatch(err); it.hasNext();)
        last = it.next().captured(1).toLongLong();
    return last;
}

} // namespace

class TstHelperCapture : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void unprivilegedCli();
    void ambientLikeTheService();
    void helperKilled();
    void parentKilled();

private:
    /// netlens-cli capture ARGS as nobody, from the copy beside the setcap'd helper.
    QStringList asNobody() const
    {
        return {m_setpriv,
                QStringLiteral("--reuid=nobody"),
                QStringLiteral("--regid=nogroup"),
                QStringLiteral("--clear-groups"),
                QStringLiteral("--inh-caps=-all"),
                QStringLiteral("env"),
                QStringLiteral("-u"),
                QStringLiteral("NETLENS_CAPTURE_HELPER"),
                QStringLiteral("HOME=") + m_home};
    }
    /// The test capture replayed out of namespace A at 1,000 packets/s, to its end.
    ToolResult replaySent(const NetnsPair &ns) const
    {
        return runTool(findTool(QStringLiteral("ip")),
                       NetnsPair::execArgs(ns.a(), {findTool(QStringLiteral("tcpreplay")),
                                                    QStringLiteral("-i"), NetnsPair::kIfA,
                                                    QStringLiteral("--pps=1000"), m_sentFile}),
                       60000);
    }
    /// The helper the CLI started (its only child), or -1.
    qint64 helperOf(const CliCapture &cap)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 3000) {
            const QList<qint64> c = childPids(cap.pid());
            if (!c.isEmpty())
                return c.first();
            QTest::qWait(20);
        }
        return -1;
    }

    QTemporaryDir m_dir;
    QString m_cli;
    QString m_helper;
    QString m_home;
    QString m_out; // writable by nobody
    QString m_setpriv;
    QString m_sentFile;
    qint64 m_sentCount = 0;
};

void TstHelperCapture::initTestCase()
{
    const QString unavailable =
        netnsUnavailableReason({"ip", "tcpreplay", "tshark", "setcap", "setpriv"});
    if (!unavailable.isEmpty())
        QSKIP(qPrintable(unavailable));
    if (!QFileInfo(QStringLiteral(NETLENS_CAPTURE_HELPER_PATH)).isExecutable())
        QSKIP("netlens-capture is not built (" NETLENS_CAPTURE_HELPER_PATH ")");
    m_setpriv = findTool(QStringLiteral("setpriv"));
    const passwd *nobody = ::getpwnam("nobody");
    QVERIFY(nobody);
    // A folder anyone may enter, on a filesystem without nosuid (file capabilities count).
    QVERIFY(m_dir.isValid());
    const auto rx = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup |
                    QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther;
    QVERIFY(QFile::setPermissions(m_dir.path(), rx));
    m_cli = m_dir.filePath(QStringLiteral("netlens-cli"));
    m_helper = m_dir.filePath(QStringLiteral("netlens-capture"));
    QVERIFY(QFile::copy(QStringLiteral(NETLENS_CLI), m_cli));
    QVERIFY(QFile::copy(QStringLiteral(NETLENS_CAPTURE_HELPER_PATH), m_helper));
    QVERIFY(QFile::setPermissions(m_cli, rx));
    QVERIFY(QFile::setPermissions(m_helper, rx));
    // The capabilities go to the helper alone, as deploy/setcap.sh gives them.
    const ToolResult sc = runTool(findTool(QStringLiteral("setcap")),
                                  {QStringLiteral("cap_net_raw,cap_net_admin=eip"), m_helper});
    QVERIFY2(sc.finished && sc.exitCode == 0, qPrintable(sc.describe(QStringLiteral("setcap"))));
    for (QString *d : {&m_home, &m_out}) {
        *d = m_dir.filePath(d == &m_home ? QStringLiteral("home") : QStringLiteral("out"));
        QVERIFY(QDir().mkpath(*d));
        QVERIFY(::chown(qPrintable(*d), nobody->pw_uid, nobody->pw_gid) == 0);
    }
    m_sentFile = corpusFile("tcpreplay__test.pcap");
    const CaptureContents sent = readCapture(m_sentFile);
    QVERIFY2(sent.complete, qPrintable(sent.error));
    m_sentCount = static_cast<qint64>(sent.frames.size());
}

// The CLI as nobody captures through the setcap'd helper; it holds no capability itself.
void TstHelperCapture::unprivilegedCli()
{
    NetnsPair ns;
    QVERIFY2(ns.isUp(), qPrintable(ns.error()));
    const QString out = m_out + QStringLiteral("/unprivileged.pcap");
    const QString json = m_out + QStringLiteral("/unprivileged.json");
    CliCapture cap(ns,
                   {QStringLiteral("-i"), NetnsPair::kIfB, QStringLiteral("-w"), out,
                    QStringLiteral("-c"), QString::number(m_sentCount), QStringLiteral("-a"),
                    QStringLiteral("duration:30"), QStringLiteral("--json"), json},
                   asNobody(), m_cli);
    QVERIFY2(cap.waitStarted(), qPrintable(cap.err()));
    const qint64 helper = helperOf(cap);
    QVERIFY2(helper > 0, "no capture helper under the CLI");
    QFile exe(QStringLiteral("/proc/%1/comm").arg(helper));
    QVERIFY(exe.open(QIODevice::ReadOnly));
    QCOMPARE(exe.readAll().trimmed(), QByteArray("netlens-capture"));
    // While capturing: the CLI has no capability at all, nor the helper once its socket is
    // open (it drops them).
    QCOMPARE(capEff(cap.pid()), QStringLiteral("0000000000000000"));
    QCOMPARE(capEff(helper), QStringLiteral("0000000000000000"));
    const ToolResult r = replaySent(ns);
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe(QStringLiteral("tcpreplay"))));
    QCOMPARE(capEff(cap.pid()), QStringLiteral("0000000000000000"));
    QVERIFY2(cap.waitFinished(20000), "capture did not stop after -c");
    QVERIFY2(cap.exitCode() == 0, qPrintable(cap.err()));
    QVERIFY(!alive(helper));
    QCOMPARE(tsharkCount(out), m_sentCount);
    QFile jf(json);
    QVERIFY(jf.open(QIODevice::ReadOnly));
    const QJsonObject summary = QJsonDocument::fromJson(jf.readAll()).object();
    QCOMPARE(summary.value(QLatin1String("packets")).toInteger(), m_sentCount);
    // The file is the user's own, not root's.
    QCOMPARE(QFileInfo(out).ownerId(), ::getpwnam("nobody")->pw_uid);
}

// netlens-monitor.service: DynamicUser (which implies NoNewPrivileges, so the helper's file
// capabilities do not count) with the two capabilities in the ambient set. netlens-cli runs
// with none in effect, and the helper, a copy without file capabilities, gets them through
// the ambient set it inherits.
void TstHelperCapture::ambientLikeTheService()
{
    const QString plain = m_dir.filePath(QStringLiteral("plain"));
    QVERIFY(QDir().mkpath(plain));
    const auto rx = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup |
                    QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther;
    QVERIFY(QFile::setPermissions(plain, rx));
    const QString cli = plain + QStringLiteral("/netlens-cli");
    const QString helper = plain + QStringLiteral("/netlens-capture");
    if (!QFileInfo::exists(cli)) {
        QVERIFY(QFile::copy(QStringLiteral(NETLENS_CLI), cli));
        QVERIFY(QFile::copy(QStringLiteral(NETLENS_CAPTURE_HELPER_PATH), helper));
    }
    QVERIFY(QFile::setPermissions(cli, rx));
    QVERIFY(QFile::setPermissions(helper, rx));
    NetnsPair ns;
    QVERIFY2(ns.isUp(), qPrintable(ns.error()));
    const QString out = m_out + QStringLiteral("/ambient.pcap");
    const QStringList service = {m_setpriv,
                                 QStringLiteral("--reuid=nobody"),
                                 QStringLiteral("--regid=nogroup"),
                                 QStringLiteral("--clear-groups"),
                                 QStringLiteral("--inh-caps=-all,+net_raw,+net_admin"),
                                 QStringLiteral("--ambient-caps=+net_raw,+net_admin"),
                                 QStringLiteral("--no-new-privs"),
                                 QStringLiteral("env"),
                                 QStringLiteral("-u"),
                                 QStringLiteral("NETLENS_CAPTURE_HELPER"),
                                 QStringLiteral("HOME=") + m_home};
    CliCapture cap(ns,
                   {QStringLiteral("-i"), NetnsPair::kIfB, QStringLiteral("-w"), out,
                    QStringLiteral("-c"), QString::number(m_sentCount), QStringLiteral("-a"),
                    QStringLiteral("duration:30")},
                   service, cli);
    QVERIFY2(cap.waitStarted(), qPrintable(cap.err()));
    const qint64 child = helperOf(cap);
    QVERIFY2(child > 0, "no capture helper under the CLI");
    // The CLI's main thread and every other one: none in effect.
    const QDir tasks(QStringLiteral("/proc/%1/task").arg(cap.pid()));
    const QStringList threads = tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QVERIFY(threads.size() > 1);
    for (const QString &t : threads) {
        QFile status(tasks.filePath(t) + QStringLiteral("/status"));
        QVERIFY(status.open(QIODevice::ReadOnly));
        const QByteArray text = status.readAll();
        QVERIFY2(text.contains("CapEff:\t0000000000000000"),
                 qPrintable(QStringLiteral("thread %1: %2").arg(t, QString::fromLatin1(text))));
    }
    const ToolResult r = replaySent(ns);
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe(QStringLiteral("tcpreplay"))));
    QVERIFY2(cap.waitFinished(20000), "capture did not stop after -c");
    QVERIFY2(cap.exitCode() == 0, qPrintable(cap.err()));
    QCOMPARE(tsharkCount(out), m_sentCount);
}

// SIGKILL to the helper mid-capture: the CLI says so, exits non-zero, and reports the packets
// it had.
void TstHelperCapture::helperKilled()
{
    NetnsPair ns;
    QVERIFY2(ns.isUp(), qPrintable(ns.error()));
    const QString out = m_out + QStringLiteral("/helperkilled.pcap");
    const QString json = m_out + QStringLiteral("/helperkilled.json");
    CliCapture cap(ns,
                   {QStringLiteral("-i"), NetnsPair::kIfB, QStringLiteral("-w"), out,
                    QStringLiteral("--json"), json},
                   asNobody(), m_cli);
    QVERIFY2(cap.waitStarted(), qPrintable(cap.err()));
    const qint64 helper = helperOf(cap);
    QVERIFY(helper > 0);
    BackgroundReplay traffic(ns, m_sentFile,
                             {QStringLiteral("--pps=300"), QStringLiteral("--loop=0")});
    QTest::qWait(1500);
    QVERIFY(::kill(static_cast<pid_t>(helper), SIGKILL) == 0);
    QVERIFY2(cap.waitFinished(3000), "the CLI kept running after its helper was killed");
    const QString err = cap.err();
    qInfo("%s", qPrintable(err.section(QLatin1Char('\n'), -4).trimmed()));
    QVERIFY2(cap.exitCode() != 0, qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("capture helper")) &&
                 err.contains(QStringLiteral("ended unexpectedly")),
             qPrintable(err));
    QFile jf(json);
    QVERIFY(jf.open(QIODevice::ReadOnly));
    const qint64 rows =
        QJsonDocument::fromJson(jf.readAll()).object().value(QLatin1String("packets")).toInteger();
    qInfo("%lld packets analyzed before the helper died", rows);
    QVERIFY(rows > 100);
    // What reached the file (the helper died without its last flush) is a valid capture.
    const qint64 inFile = tsharkCount(out);
    QVERIFY(inFile >= 0 && inFile <= rows);
}

// SIGKILL to the CLI: the helper ends by itself (PR_SET_PDEATHSIG) and its file is valid,
// with at most the last second missing.
void TstHelperCapture::parentKilled()
{
    NetnsPair ns;
    QVERIFY2(ns.isUp(), qPrintable(ns.error()));
    const QString out = m_out + QStringLiteral("/parentkilled.pcap");
    CliCapture cap(ns, {QStringLiteral("-i"), NetnsPair::kIfB, QStringLiteral("-w"), out},
                   asNobody(), m_cli);
    QVERIFY2(cap.waitStarted(), qPrintable(cap.err()));
    const qint64 helper = helperOf(cap);
    QVERIFY(helper > 0);
    BackgroundReplay traffic(ns, m_sentFile,
                             {QStringLiteral("--pps=300"), QStringLiteral("--loop=0")});
    QTest::qWait(2500);
    const qint64 shown = lastStatusPackets(cap.err()); // at most a second old
    cap.signal(SIGKILL);
    QElapsedTimer t;
    t.start();
    while (alive(helper) && t.elapsed() < 3000)
        QTest::qWait(10);
    qInfo("the helper ended %lld ms after its parent was killed", t.elapsed());
    QVERIFY2(!alive(helper), "the helper outlived its parent by 3 s");
    cap.waitFinished(3000);
    traffic.stop();
    QString complaint;
    const qint64 inFile = tsharkCount(out, &complaint);
    qInfo("%lld packets in the file; the CLI's last status line said %lld", inFile, shown);
    QVERIFY2(inFile >= 0, qPrintable(complaint));
    QVERIFY2(!complaint.contains(QStringLiteral("cut short")), qPrintable(complaint));
    QVERIFY(shown > 0);
    QVERIFY2(inFile >= shown, "more than the last second is missing from the file");
}

QTEST_GUILESS_MAIN(TstHelperCapture)
#include "tst_helpercapture.moc"
