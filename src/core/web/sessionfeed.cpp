// SPDX-License-Identifier: GPL-3.0-or-later
#include "web/sessionfeed.h"

#include "session/capturesession.h"
#include "web/dashboardfeed.h"

#include <QDateTime>

namespace netlens {

SessionFeed::SessionFeed(std::shared_ptr<DashboardFeed> feed, QObject *parent)
    : QObject(parent)
    , m_feed(std::move(feed))
{
}

void SessionFeed::follow(CaptureSession *session)
{
    for (auto &c : m_connections)
        disconnect(c);
    m_session = session;
    if (!session) {
        WebStatus st = m_feed->status();
        if (st.state != WebStatus::State::Idle)
            st.state = WebStatus::State::Finished;
        st.packetsPerSec = st.bitsPerSec = 0;
        m_feed->setStatus(st);
        return;
    }
    const bool live = session->kind() == CaptureSession::Kind::Live;
    WebStatus st;
    st.session = m_feed->status().session + 1;
    st.state = !session->isRunning() ? WebStatus::State::Finished
               : live                ? WebStatus::State::Capturing
                                     : WebStatus::State::Loading;
    st.files = session->files();
    st.file = live ? session->lastStats().file : st.files.value(0);
    st.startedAtMs = QDateTime::currentMSecsSinceEpoch();
    m_feed->setStatus(st);
    m_feed->setFiles(session->isRunning() ? std::vector<FileResult>{} : session->fileResults());
    m_feed->setSnapshot(session->lastSnapshot());
    // The page lists this session's alerts, not the last one's (the window's panel and the
    // history keep those).
    m_feed->clearAlerts();
    m_feed->addAlerts(session->alerts());

    // Queued by nature: the session and this object share a thread; the feed is the hand-over.
    m_connections[0] = connect(session, &CaptureSession::snapshotReady, this,
                               [this](const StatsSnapshotPtr &s) { m_feed->setSnapshot(s); });
    m_connections[1] = connect(session, &CaptureSession::alertsReady, this,
                               [this](const QList<Alert> &a) { m_feed->addAlerts(a); });
    m_connections[2] =
        connect(session, &CaptureSession::statsTick, this, [this](const CaptureStats &s) {
            WebStatus now = m_feed->status();
            now.packetsPerSec = s.packetsPerSec;
            now.bitsPerSec = s.bytesPerSec * 8;
            now.droppedKernel = s.droppedKernel;
            now.droppedInterface = s.droppedInterface;
            if (!s.file.isEmpty())
                now.file = s.file;
            if (m_session)
                now.files = m_session->files();
            m_feed->setStatus(now);
        });
    m_connections[3] = connect(session, &CaptureSession::captureStarted, this,
                               [this](const QString &interface, int, const QString &file) {
                                   WebStatus now = m_feed->status();
                                   now.state = WebStatus::State::Capturing;
                                   now.interface = interface;
                                   now.file = file;
                                   now.startedAtMs = QDateTime::currentMSecsSinceEpoch();
                                   if (m_session)
                                       now.files = m_session->files();
                                   m_feed->setStatus(now);
                               });
    m_connections[4] = connect(session, &CaptureSession::finished, this, [this]() {
        if (!m_session)
            return;
        // Files first: the summary of the final snapshot lists them.
        m_feed->setFiles(m_session->fileResults());
        m_feed->setSnapshot(m_session->lastSnapshot());
        WebStatus now = m_feed->status();
        now.state = WebStatus::State::Finished;
        now.packetsPerSec = now.bitsPerSec = 0;
        now.files = m_session->files();
        m_feed->setStatus(now);
    });
    m_connections[5] = connect(session, &QObject::destroyed, this, [this]() {
        m_session = nullptr;
        follow(nullptr);
    });
}

} // namespace netlens
