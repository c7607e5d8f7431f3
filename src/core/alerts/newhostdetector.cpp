// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/newhostdetector.h"

#include "alerts/alerttracker.h"
#include "engine/engine.h"

#include <QDateTime>

namespace netlens {

namespace {
bool isUnicastHost(const Address &a)
{
    if (a.family == Address::V4)
        return a.bytes[0] != 0 && a.bytes[0] < 224 && !(a.bytes[0] == 255);
    if (a.family == Address::V6) {
        if (a.bytes[0] == 0xff)
            return false; // multicast
        for (std::size_t i = 0; i < 16; ++i)
            if (a.bytes[i])
                return true;
        return false; // unspecified (DAD probes)
    }
    return false;
}
} // namespace

NewHostDetector::NewHostDetector(const AlertRule &rule, const Engine &engine)
    : Detector(rule, engine, pktevent::NewSource)
{
    QString ignored;
    for (const QString &c : rule.allowlist)
        m_allow.add(c, ignored);
    for (const QString &c : rule.localNetworks)
        m_local.add(c, ignored);
}

void NewHostDetector::onPacket(const AlertPacket &p)
{
    if (p.src == kNoAddress)
        return;
    if (p.tsNs - p.firstNs < std::int64_t{m_rule.learningSeconds} * 1'000'000'000)
        return;
    const Address &a = m_engine.addresses().at(p.src);
    if (!isUnicastHost(a) || m_allow.contains(a))
        return;
    if (!(p.srcClass & addrclass::Local) && !m_local.contains(a))
        return;
    if (m_pending.size() >= kMaxPending) {
        ++m_dropped;
        return;
    }
    m_pending.push_back({p.src, p.tsNs, p.dst, p.dstPort});
}

void NewHostDetector::tick(std::int64_t nowNs, AlertTracker &tracker)
{
    m_described = std::move(m_pending);
    m_pending.clear();
    for (const Seen &s : m_described)
        tracker.report(index(), s.id, 1, 1, nowNs);
}

void NewHostDetector::describe(std::uint64_t key, Alert &a) const
{
    const auto id = static_cast<std::uint32_t>(key);
    a.key = addressText(id);
    a.evidence.unit = QStringLiteral("hosts");
    a.evidence.topSources = {{a.key, 1, 0}};
    QString first;
    for (const Seen &s : m_described)
        if (s.id == id) {
            a.evidence.topDestinations = {{addressText(s.peer), 1, 0}};
            if (s.port)
                a.evidence.topPorts = {{QString::number(s.port), 1, 0}};
            first = QDateTime::fromMSecsSinceEpoch(s.firstNs / 1'000'000, Qt::UTC)
                        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        }
    a.summary = QStringLiteral("New host: %1 first seen at %2 UTC, after the %3 s learning period")
                    .arg(a.key, first)
                    .arg(m_rule.learningSeconds);
    a.displayFilter = QStringLiteral("host ") + a.key;
}

std::pair<std::uint32_t, std::uint32_t> NewHostDetector::snippetHosts(std::uint64_t key) const
{
    return {static_cast<std::uint32_t>(key), kNoAddress};
}

std::size_t NewHostDetector::memoryBytes() const
{
    return sizeof(*this) + (m_pending.capacity() + m_described.capacity()) * sizeof(Seen);
}

} // namespace netlens
