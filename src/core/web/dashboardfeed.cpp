// SPDX-License-Identifier: GPL-3.0-or-later
#include "web/dashboardfeed.h"

#include <QMutexLocker>
#include <algorithm>

namespace netlens {

namespace {
// Pollers ask for the same few keys; timeseries?since=T adds one per client at most. Past
// this many the cache starts over rather than growing with hostile query strings.
constexpr std::size_t kMaxCached = 256;
} // namespace

void DashboardFeed::setSnapshot(StatsSnapshotPtr snapshot)
{
    QMutexLocker lock(&m_mutex);
    m_snapshot = std::move(snapshot);
}

void DashboardFeed::setFiles(std::vector<FileResult> files)
{
    QMutexLocker lock(&m_mutex);
    m_files = std::move(files);
    ++m_filesVersion;
    // The summary holds the files: what was rendered for this snapshot is out of date.
    m_cache.clear();
}

void DashboardFeed::setStatus(const WebStatus &status)
{
    QMutexLocker lock(&m_mutex);
    m_status = status;
}

void DashboardFeed::addAlerts(const QList<Alert> &alerts)
{
    QMutexLocker lock(&m_mutex);
    for (const Alert &a : alerts) {
        // Kept in change order: an updated alert moves to the back with its new number, so
        // alertsSince() is a scan from the back.
        const auto it = std::find_if(m_alerts.begin(), m_alerts.end(),
                                     [&](const AlertEntry &e) { return e.alert.uid == a.uid; });
        if (it != m_alerts.end())
            m_alerts.erase(it);
        m_alerts.push_back(AlertEntry{++m_lastChange, a});
    }
    while (m_alerts.size() > kMaxAlerts) {
        const auto released =
            std::find_if(m_alerts.begin(), m_alerts.end(),
                         [](const AlertEntry &e) { return !e.alert.isEngaged(); });
        m_alerts.erase(released != m_alerts.end() ? released : m_alerts.begin());
    }
}

void DashboardFeed::clearAlerts()
{
    QMutexLocker lock(&m_mutex);
    m_alerts.clear();
}

StatsSnapshotPtr DashboardFeed::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    return m_snapshot;
}

std::vector<FileResult> DashboardFeed::files() const
{
    QMutexLocker lock(&m_mutex);
    return m_files;
}

quint64 DashboardFeed::filesVersion() const
{
    QMutexLocker lock(&m_mutex);
    return m_filesVersion;
}

WebStatus DashboardFeed::status() const
{
    QMutexLocker lock(&m_mutex);
    return m_status;
}

std::vector<DashboardFeed::AlertEntry> DashboardFeed::alertsSince(quint64 since, std::size_t limit,
                                                                  quint64 &next) const
{
    QMutexLocker lock(&m_mutex);
    auto first = m_alerts.end();
    while (first != m_alerts.begin() && std::prev(first)->change > since)
        --first;
    std::vector<AlertEntry> out;
    for (auto it = first; it != m_alerts.end() && out.size() < limit; ++it)
        out.push_back(*it);
    next = out.empty() ? since : out.back().change;
    return out;
}

QByteArray DashboardFeed::cached(const QByteArray &key, std::uint64_t sequence) const
{
    QMutexLocker lock(&m_mutex);
    if (sequence != m_cacheSequence)
        return {};
    for (const auto &[k, body] : m_cache)
        if (k == key)
            return body;
    return {};
}

void DashboardFeed::store(const QByteArray &key, std::uint64_t sequence,
                          const QByteArray &body) const
{
    QMutexLocker lock(&m_mutex);
    if (sequence != m_cacheSequence) {
        // Only the newest snapshot is asked for; an older one's renderings go.
        if (m_snapshot && m_snapshot->sequence != sequence)
            return;
        m_cache.clear();
        m_cacheSequence = sequence;
    }
    if (m_cache.size() >= kMaxCached)
        m_cache.clear();
    m_cache.emplace_back(key, body);
}

} // namespace netlens
