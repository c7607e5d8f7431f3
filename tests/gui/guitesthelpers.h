#pragma once

// Small helpers shared by the GUI tests.

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTest>

#include <functional>

namespace netlens::test {

inline QString corpus(const QString &name)
{
    return QStringLiteral(NETLENS_CORPUS_DIR "/") + name;
}

/// Runs a program; returns its stdout. `ok` is false on a non-zero exit or start failure.
inline QByteArray run(const QString &program, const QStringList &args, bool *ok = nullptr,
                      const QString &workDir = {})
{
    QProcess p;
    if (!workDir.isEmpty())
        p.setWorkingDirectory(workDir);
    p.start(program, args);
    const bool finished = p.waitForFinished(120000);
    if (ok)
        *ok = finished && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    return p.readAllStandardOutput();
}

/// Spins the event loop until `done` or the timeout; returns `done()`.
inline bool waitFor(const std::function<bool()> &done, int timeoutMs = 30000)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs)
        QTest::qWait(20);
    return done();
}

} // namespace netlens::test
