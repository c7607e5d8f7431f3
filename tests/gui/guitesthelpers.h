// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Small helpers shared by the GUI tests.

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>
#include <functional>

namespace netlens::test {

/// Settings of the test's own (test-mode paths, an organisation of its own, emptied), so a
/// test never reads or changes the user's NetLens settings. Call from initTestCase().
inline void isolateSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("NetLensTest"));
    QSettings().clear();
}

inline QString corpus(const QString &name)
{
    return QStringLiteral(NETLENS_CORPUS_DIR "/") + name;
}

/// A capture big enough to still be loading a moment after it opens: a corpus file's records
/// written `copies` times over (40 copies: about 270 MB, 3.3 M packets; every copy has 82,582
/// TCP packets, 1,241 of them with SYN set).
inline QString writeBigCapture(const QTemporaryDir &dir, int copies)
{
    const QString big = dir.filePath(QStringLiteral("big.pcap"));
    QFile in(corpus(QStringLiteral("zeek__echo-connections.pcap")));
    if (!in.open(QIODevice::ReadOnly))
        return {};
    const QByteArray all = in.readAll();
    QFile out(big);
    if (!out.open(QIODevice::WriteOnly))
        return {};
    out.write(all);
    for (int i = 1; i < copies; ++i)
        out.write(all.constData() + 24, all.size() - 24); // records only
    return big;
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
