// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessioncontroller.h"

#include "session/capturesession.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace netlens {

SessionController::SessionController(QObject *parent)
    : QObject(parent)
{
}

SessionController::~SessionController()
{
    closeSession();
}

void SessionController::follow(QObject *context,
                               const std::function<void(CaptureSession *)> &setSession)
{
    connect(this, &SessionController::sessionAboutToChange, context,
            [setSession] { setSession(nullptr); });
    connect(this, &SessionController::sessionChanged, context, setSession);
    setSession(m_session);
}

void SessionController::replaceSession(CaptureSession *next)
{
    if (CaptureSession *old = m_session) {
        // Views wait for their jobs that read the old engine; only then may it go.
        Q_EMIT sessionAboutToChange(old);
        m_session = nullptr;
        delete old; // stops the work and joins its thread
    }
    m_session = next;
    Q_EMIT sessionChanged(next);
}

void SessionController::openFiles(const QStringList &files)
{
    if (files.isEmpty())
        return;
    replaceSession(CaptureSession::openFiles(files, this, m_fileRows, m_alerts, m_limits));
    addRecent(files);
}

void SessionController::openSample()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    QDir().mkpath(dir);
    const QString path = dir + QStringLiteral("/sample.pcap");
    if (!QFileInfo::exists(path)) {
        QFile::copy(QStringLiteral(":/samples/sample.pcap"), path);
        // Resources copy out read-only; the cache is the user's to clean.
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                        QFile::ReadOther);
    }
    openFiles({path});
}

void SessionController::startCapture(const CaptureSettings &settings)
{
    CaptureSettings withAlerts = settings;
    withAlerts.alerts = m_alerts;
    replaceSession(CaptureSession::startCapture(withAlerts, this));
}

void SessionController::stopCapture()
{
    if (m_session && m_session->kind() == CaptureSession::Kind::Live)
        m_session->stop();
}

void SessionController::restartCapture(const CaptureSettings &settings)
{
    stopCapture();
    startCapture(settings);
}

void SessionController::stopLoading()
{
    if (m_session && m_session->kind() == CaptureSession::Kind::Files)
        m_session->stop();
}

void SessionController::closeSession()
{
    if (m_session)
        replaceSession(nullptr);
}

void SessionController::setRecentFiles(const QStringList &files)
{
    m_recent = files.mid(0, kMaxRecentFiles);
    Q_EMIT recentFilesChanged(m_recent);
}

void SessionController::addRecent(const QStringList &files)
{
    QStringList recent = m_recent;
    for (const QString &f : files) {
        const QString abs = QFileInfo(f).absoluteFilePath();
        recent.removeAll(abs);
        recent.prepend(abs);
    }
    setRecentFiles(recent);
}

} // namespace netlens
