// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared by the live-capture integration tests: a pair of network namespaces joined by a veth
// pair (created and removed by an RAII object), running tools, and reading capture files back.
//
// Traffic never leaves the namespaces: tcpreplay sends into vethA inside namespace A, the
// kernel hands it to vethB inside namespace B, and nothing there has an address, ARP or IPv6,
// so nothing answers either.

#include "source/capturereader.h"

#include <QByteArray>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QThread>
#include <cstdint>
#include <string>
#include <unistd.h>
#include <vector>

namespace netlens::test {

struct ToolResult {
    bool finished = false; ///< false: could not start, or killed at the timeout
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QString describe(const QString &what) const
    {
        return QStringLiteral("%1: %2, exit %3, stderr: %4")
            .arg(what, finished ? QStringLiteral("finished") : QStringLiteral("did not finish"))
            .arg(exitCode)
            .arg(QString::fromLocal8Bit(err.trimmed()));
    }
};

/// The full path of a tool, also looked up in the sbin folders a non-login root PATH may lack.
inline QString findTool(const QString &name)
{
    QString path = QStandardPaths::findExecutable(name);
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(
            name,
            {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"), QStringLiteral("/usr/bin")});
    return path;
}

inline ToolResult runTool(const QString &program, const QStringList &args, int timeoutMs = 30000)
{
    ToolResult r;
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted(5000)) {
        r.err = p.errorString().toLocal8Bit();
        return r;
    }
    r.finished = p.waitForFinished(timeoutMs);
    if (!r.finished) {
        p.kill();
        p.waitForFinished(2000);
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

/**
 * Namespaces nlA<pid>_<n> and nlB<pid>_<n>, with vethA in A and its peer vethB in B, IPv6 and
 * ARP off on both, links up. The destructor deletes both namespaces, which deletes the veth.
 */
class NetnsPair {
public:
    static inline const QString kIfA = QStringLiteral("vethA");
    static inline const QString kIfB = QStringLiteral("vethB");

    /// `mtu` 0 keeps the default (1500).
    explicit NetnsPair(int mtu = 0)
    {
        static int counter = 0;
        const QString tag = QStringLiteral("%1_%2").arg(::getpid()).arg(counter++);
        m_a = QStringLiteral("nlA") + tag;
        m_b = QStringLiteral("nlB") + tag;
        if (!ip({QStringLiteral("netns"), QStringLiteral("add"), m_a}))
            return;
        m_created << m_a;
        if (!ip({QStringLiteral("netns"), QStringLiteral("add"), m_b}))
            return;
        m_created << m_b;
        if (!ip({QStringLiteral("-n"), m_a, QStringLiteral("link"), QStringLiteral("add"), kIfA,
                 QStringLiteral("type"), QStringLiteral("veth"), QStringLiteral("peer"),
                 QStringLiteral("name"), kIfB, QStringLiteral("netns"), m_b}))
            return;
        for (const auto &[ns, ifname] : {std::pair{m_a, kIfA}, std::pair{m_b, kIfB}}) {
            // Before the link is up, so that it never sends a router solicitation or MLD report.
            const QString key = QStringLiteral("net.ipv6.conf.%1.disable_ipv6=1").arg(ifname);
            if (!ip({QStringLiteral("netns"), QStringLiteral("exec"), ns, QStringLiteral("sysctl"),
                     QStringLiteral("-qw"), QStringLiteral("net.ipv6.conf.all.disable_ipv6=1"),
                     QStringLiteral("net.ipv6.conf.default.disable_ipv6=1"), key}))
                return;
            QStringList link{QStringLiteral("-n"),  ns,     QStringLiteral("link"),
                             QStringLiteral("set"), ifname, QStringLiteral("arp"),
                             QStringLiteral("off")};
            if (mtu > 0)
                link << QStringLiteral("mtu") << QString::number(mtu);
            link << QStringLiteral("up");
            if (!ip(link))
                return;
        }
        m_up = true;
    }
    ~NetnsPair()
    {
        for (const QString &ns : m_created)
            runTool(findTool(QStringLiteral("ip")),
                    {QStringLiteral("netns"), QStringLiteral("del"), ns});
    }
    NetnsPair(const NetnsPair &) = delete;
    NetnsPair &operator=(const NetnsPair &) = delete;

    bool isUp() const { return m_up; }
    const QString &error() const { return m_error; }
    const QString &a() const { return m_a; }
    const QString &b() const { return m_b; }

    /// Arguments for `ip` that run `command` inside namespace `ns`.
    static QStringList execArgs(const QString &ns, const QStringList &command)
    {
        return QStringList{QStringLiteral("netns"), QStringLiteral("exec"), ns} + command;
    }

    /// Deletes namespaces of earlier runs that died before their destructor ran.
    static void removeStale()
    {
        const QString ipTool = findTool(QStringLiteral("ip"));
        const ToolResult list = runTool(ipTool, {QStringLiteral("netns"), QStringLiteral("list")});
        static const QRegularExpression re(QStringLiteral("^(nl[AB](\\d+)_\\d+)\\b"),
                                           QRegularExpression::MultilineOption);
        for (auto it = re.globalMatch(QString::fromLocal8Bit(list.out)); it.hasNext();) {
            const auto m = it.next();
            if (!QFileInfo::exists(QStringLiteral("/proc/") + m.captured(2)))
                runTool(ipTool, {QStringLiteral("netns"), QStringLiteral("del"), m.captured(1)});
        }
    }

private:
    bool ip(const QStringList &args)
    {
        const ToolResult r = runTool(findTool(QStringLiteral("ip")), args);
        if (r.finished && r.exitCode == 0)
            return true;
        m_error = r.describe(QStringLiteral("ip ") + args.join(QLatin1Char(' ')));
        return false;
    }

    QString m_a;
    QString m_b;
    QStringList m_created;
    QString m_error;
    bool m_up = false;
};

/// One packet of a capture file, copied out of the reader.
struct Frame {
    std::int64_t tsNs = 0;
    std::uint32_t capLen = 0;
    std::uint32_t wireLen = 0;
    QByteArray data;
};

struct CaptureContents {
    std::vector<Frame> frames;
    bool opened = false;
    bool complete = false; ///< read to its end, no error, no truncated record
    QString error;
};

inline CaptureContents readCapture(const QString &path)
{
    CaptureContents c;
    std::string error;
    auto reader = CaptureReader::open(path.toStdString(), error);
    if (!reader) {
        c.error = QString::fromStdString(error);
        return c;
    }
    c.opened = true;
    RawPacket p;
    while (reader->next(p))
        c.frames.push_back(
            {p.tsNs, p.capLen, p.wireLen,
             QByteArray(reinterpret_cast<const char *>(p.data), static_cast<qsizetype>(p.capLen))});
    c.complete = reader->state() == CaptureReader::State::End;
    c.error = QString::fromStdString(reader->error());
    return c;
}

/// Empty if tcpdump (and capinfos, when installed) read `path` to its end without complaint,
/// else what they said.
inline QString externalReadersComplaint(const QString &path)
{
    const ToolResult t = runTool(findTool(QStringLiteral("tcpdump")),
                                 {QStringLiteral("-n"), QStringLiteral("-r"), path,
                                  QStringLiteral("-w"), QStringLiteral("/dev/null")});
    if (!t.finished || t.exitCode != 0 || t.err.contains("truncated") ||
        t.err.contains("cut short"))
        return t.describe(QStringLiteral("tcpdump -r ") + path);
    const QString capinfos = findTool(QStringLiteral("capinfos"));
    if (!capinfos.isEmpty()) {
        const ToolResult c = runTool(capinfos, {QStringLiteral("-c"), path});
        if (!c.finished || c.exitCode != 0 || c.err.contains("cut short"))
            return c.describe(QStringLiteral("capinfos ") + path);
    }
    return {};
}

/// The packet count tcpreplay reports ("Actual: N packets ..."), or -1.
inline qint64 tcpreplaySent(const QByteArray &output)
{
    static const QRegularExpression re(QStringLiteral("Actual: (\\d+) packets"));
    const auto m = re.match(QString::fromLocal8Bit(output));
    return m.hasMatch() ? m.captured(1).toLongLong() : -1;
}

/// Why namespace tests cannot run here (not root, a tool missing, namespaces refused), or
/// empty when they can. Also clears namespaces that earlier, crashed runs left behind.
inline QString netnsUnavailableReason(std::initializer_list<const char *> tools)
{
    if (::geteuid() != 0)
        return QStringLiteral("needs root: creates network namespaces (ip netns add) joined by "
                              "a veth pair; CI runs it as root");
    for (const char *tool : tools)
        if (findTool(QLatin1String(tool)).isEmpty())
            return QStringLiteral("%1 is not installed (deploy/setup-deps.sh --test installs it)")
                .arg(QLatin1String(tool));
    NetnsPair::removeStale();
    NetnsPair probe;
    return probe.isUp() ? QString()
                        : QStringLiteral("cannot set up network namespaces here: ") + probe.error();
}

} // namespace netlens::test
