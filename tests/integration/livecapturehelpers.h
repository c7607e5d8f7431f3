// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers for tst_livecapture: netlens-cli capture run in a namespace, tcpreplay in the
// background, a tiny tmpfs for disk-full tests, and the files a capture left.

#include "netns.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTest>
#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace netlens::test {

constexpr int kStartTimeoutMs = 10000;
// SIGINT/SIGTERM to exit, final statistics and report included: typically 30-200 ms, also
// in the sanitizer build, but up to about 200 ms there on a loaded 2-core machine. The 200 ms
// target is the capture benchmark's (run-capture-bench.sh prints it beside tcpdump); what a
// test must catch is a stop that waits out a timeout (the helper's reap, a blocking read: a
// second or more).
constexpr qint64 kMaxStopMs = 800;
constexpr std::uint32_t kMaxRecordBytes = 1514 + 16; // largest frame of the files replayed

inline QString corpusFile(const char *name)
{
    return QStringLiteral(NETLENS_CORPUS_DIR "/") + QLatin1String(name);
}

/// `netlens-cli capture ARGS` inside namespace B (optionally behind `wrapper`, e.g. setpriv).
class CliCapture {
public:
    CliCapture(const NetnsPair &ns, const QStringList &args, const QStringList &wrapper = {},
               const QString &cli = QStringLiteral(NETLENS_CLI))
    {
        m_proc.setReadChannel(QProcess::StandardError);
        m_proc.start(findTool(QStringLiteral("ip")),
                     NetnsPair::execArgs(
                         ns.b(), wrapper + QStringList{cli, QStringLiteral("capture")} + args));
    }
    ~CliCapture()
    {
        if (m_proc.state() != QProcess::NotRunning) {
            m_proc.kill();
            m_proc.waitForFinished(5000);
        }
    }
    CliCapture(const CliCapture &) = delete;
    CliCapture &operator=(const CliCapture &) = delete;

    /// Waits for "Capturing on ..." (the capture handle is open). False if it exits first.
    bool waitStarted(int timeoutMs = kStartTimeoutMs)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            collect();
            if (m_err.contains("Capturing on"))
                return true;
            if (m_proc.state() == QProcess::NotRunning)
                return false;
            m_proc.waitForReadyRead(20);
        }
        return false;
    }
    bool waitFinished(int timeoutMs)
    {
        const bool done =
            m_proc.state() == QProcess::NotRunning || m_proc.waitForFinished(timeoutMs);
        collect();
        return done;
    }
    bool running() const { return m_proc.state() != QProcess::NotRunning; }
    void signal(int sig) { ::kill(static_cast<pid_t>(m_proc.processId()), sig); }
    qint64 pid() const { return m_proc.processId(); }
    int exitCode() const
    {
        return m_proc.exitStatus() == QProcess::NormalExit ? m_proc.exitCode() : -1;
    }
    QString err()
    {
        collect();
        return QString::fromLocal8Bit(m_err);
    }

private:
    void collect()
    {
        m_err += m_proc.readAllStandardError();
        m_proc.readAllStandardOutput(); // the report; not checked here
    }
    QProcess m_proc;
    QByteArray m_err;
};

/// tcpreplay into vethA in the background, until destroyed.
class BackgroundReplay {
public:
    BackgroundReplay(const NetnsPair &ns, const QString &file, const QStringList &options)
    {
        m_proc.start(
            findTool(QStringLiteral("ip")),
            NetnsPair::execArgs(ns.a(), QStringList{findTool(QStringLiteral("tcpreplay")),
                                                    QStringLiteral("-q"), QStringLiteral("-i"),
                                                    NetnsPair::kIfA} +
                                            options + QStringList{file}));
        m_proc.waitForStarted(5000);
    }
    ~BackgroundReplay() { stop(); }
    BackgroundReplay(const BackgroundReplay &) = delete;
    BackgroundReplay &operator=(const BackgroundReplay &) = delete;
    void stop()
    {
        if (m_proc.state() != QProcess::NotRunning) {
            m_proc.terminate();
            if (!m_proc.waitForFinished(3000)) {
                m_proc.kill();
                m_proc.waitForFinished(3000);
            }
        }
    }

private:
    QProcess m_proc;
};

/// Unmounts on destruction.
class TmpfsMount {
public:
    TmpfsMount(const QString &dir, const QString &size)
        : m_dir(dir)
    {
        const ToolResult r =
            runTool(findTool(QStringLiteral("mount")),
                    {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                     QStringLiteral("size=") + size, QStringLiteral("netlens-test"), dir});
        m_mounted = r.finished && r.exitCode == 0;
        if (!m_mounted)
            m_error = r.describe(QStringLiteral("mount -t tmpfs"));
    }
    ~TmpfsMount()
    {
        if (m_mounted)
            runTool(findTool(QStringLiteral("umount")), {m_dir});
    }
    TmpfsMount(const TmpfsMount &) = delete;
    TmpfsMount &operator=(const TmpfsMount &) = delete;
    bool mounted() const { return m_mounted; }
    const QString &error() const { return m_error; }

private:
    QString m_dir;
    QString m_error;
    bool m_mounted = false;
};

/// Empty if `got` is `sent[first, first + got.size())` (wrapping around `sent`, as tcpreplay
/// --loop does), frame for frame: length and every byte. Else the first difference.
QString compareFrames(const std::vector<Frame> &got, const std::vector<Frame> &sent,
                      std::size_t first = 0)
{
    if (sent.empty())
        return QStringLiteral("nothing was sent");
    for (std::size_t i = 0; i < got.size(); ++i) {
        const Frame &s = sent[(first + i) % sent.size()];
        const Frame &g = got[i];
        // tcpreplay sends the captured bytes, so what arrives is capLen long on the wire too.
        if (g.capLen != s.capLen || g.wireLen != s.capLen)
            return QStringLiteral("packet %1: %2 bytes (wire %3) captured, %4 sent")
                .arg(i + 1)
                .arg(g.capLen)
                .arg(g.wireLen)
                .arg(s.capLen);
        if (g.data != s.data) {
            qsizetype at = 0;
            while (at < g.data.size() && g.data[at] == s.data[at])
                ++at;
            return QStringLiteral("packet %1 (%2 bytes): first different byte at offset %3")
                .arg(i + 1)
                .arg(g.capLen)
                .arg(at);
        }
    }
    return {};
}

inline QStringList pcapFiles(const QString &dir)
{
    QStringList files;
    for (const QString &f :
         QDir(dir).entryList({QStringLiteral("*.pcap")}, QDir::Files, QDir::Name))
        files << dir + QLatin1Char('/') + f;
    return files;
}


} // namespace netlens::test
