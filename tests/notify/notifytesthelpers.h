// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared by the notify tests: sample alerts, real Python servers started per test, free ports.

#include "alerts/alert.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTest>

namespace notifytest {

inline const QString kPython = QStringLiteral("/usr/bin/python3");

inline QString scriptPath(const char *name)
{
    return QStringLiteral(NETLENS_NOTIFY_TEST_DIR "/") + QLatin1String(name);
}

/// An alert as the engine makes them; `n` varies uid, key and times.
inline netlens::Alert sampleAlert(int n, netlens::Severity severity = netlens::Severity::Critical)
{
    netlens::Alert a;
    a.uid =
        QString::fromLatin1(QCryptographicHash::hash(QByteArray(QByteArray::number(n) + "-sample"),
                                                     QCryptographicHash::Sha1)
                                .toHex()
                                .left(20));
    a.ruleId = QStringLiteral("scan-%1").arg(n);
    a.ruleName = QStringLiteral("Port scan");
    a.kind = netlens::AlertKind::PortScan;
    a.severity = severity;
    a.key = QStringLiteral("10.0.0.%1 -> 10.0.0.9").arg(n);
    a.startNs = 1764000000'000000000LL + qint64(n) * 1'000000000LL;
    a.lastNs = a.startNs + 500'000000LL;
    a.summary =
        QStringLiteral("Port scan: 10.0.0.%1 reached 120 ports on 10.0.0.9 — Überprüfung").arg(n);
    a.evidence.value = 120;
    a.evidence.threshold = 50;
    a.evidence.unit = QStringLiteral("ports");
    a.evidence.peakValue = 130;
    a.evidence.packets = 240;
    a.evidence.bytes = 14400;
    a.evidence.topSources = {{QStringLiteral("10.0.0.%1").arg(n), 240, 14400}};
    a.evidence.topDestinations = {{QStringLiteral("10.0.0.9"), 240, 14400}};
    a.evidence.topPorts = {{QStringLiteral("22"), 2, 120}, {QStringLiteral("80"), 2, 120}};
    a.displayFilter =
        QStringLiteral("src host 10.0.0.%1 and time 1764000000.0-1764000010.0").arg(n);
    return a;
}

/// A TCP port that was free a moment ago (for servers that cannot report their own).
inline quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

/// A child process that prints "READY[ extra]" once it serves; stopped with the object.
class Server {
public:
    Server() = default;
    Server(const Server &) = delete;
    Server &operator=(const Server &) = delete;
    ~Server() { stop(); }

    /// False (with the server's stderr in `error`) when it did not get ready within 15 s.
    bool start(const QStringList &args, QString &error)
    {
        m_process.setProgram(kPython);
        m_process.setArguments(args);
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start();
        if (!m_process.waitForStarted(5000)) {
            error = m_process.errorString();
            return false;
        }
        QByteArray out;
        QElapsedTimer timer;
        timer.start();
        while (!out.contains('\n') && timer.elapsed() < 15000 &&
               m_process.state() == QProcess::Running) {
            m_process.waitForReadyRead(200);
            out += m_process.readAllStandardOutput();
        }
        if (!out.startsWith("READY")) {
            error = QString::fromUtf8(out + m_process.readAllStandardError());
            stop();
            return false;
        }
        m_readyLine = QString::fromUtf8(out.trimmed());
        return true;
    }
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(2000);
        }
    }
    /// What followed READY ("READY 38123" -> "38123").
    QString readyValue() const { return m_readyLine.mid(6); }

private:
    QProcess m_process;
    QString m_readyLine;
};

/// Files in `dir` with the given suffix, sorted.
inline QStringList filesIn(const QString &dir, const QString &suffix)
{
    QStringList files = QDir(dir).entryList({QLatin1Char('*') + suffix}, QDir::Files, QDir::Name);
    for (QString &f : files)
        f = dir + QLatin1Char('/') + f;
    return files;
}

inline QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

/// Runs a command, returning its stdout; empty on failure.
inline QByteArray run(const QString &program, const QStringList &args, QString *error = nullptr)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        if (error)
            *error = QString::fromUtf8(p.readAllStandardError()) + p.errorString();
        return {};
    }
    return p.readAllStandardOutput();
}

} // namespace notifytest
