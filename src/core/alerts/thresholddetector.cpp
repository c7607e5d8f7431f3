// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/thresholddetector.h"

#include "alerts/alerttracker.h"
#include "engine/displayexpression.h"
#include "engine/engine.h"

namespace netlens {

ThresholdDetector::ThresholdDetector(const AlertRule &rule, const Engine &engine, int scopeSlot)
    : Detector(rule, engine, pktevent::Any)
    , m_scopeSlot(scopeSlot)
    , m_buckets(static_cast<std::size_t>(rule.windowSeconds), 0.0)
{
    QString ignored;
    if (!rule.scope.cidr.isEmpty())
        m_cidr.add(rule.scope.cidr, ignored); // validated by the rule parser
    const QString proto = rule.scope.protocol.trimmed();
    if (!proto.isEmpty()) {
        m_unknownProtocol = true;
        for (int t = 1; t < 64; ++t) {
            const std::string_view n = transportName(static_cast<Transport>(t));
            if (!n.empty() &&
                proto.compare(QLatin1String(n.data(), static_cast<qsizetype>(n.size())),
                              Qt::CaseInsensitive) == 0) {
                m_transport = static_cast<Transport>(t);
                m_unknownProtocol = false;
                break;
            }
        }
        const AppDetector &apps = engine.applications();
        for (std::uint16_t id = 1; m_unknownProtocol && id < apps.protocolCount(); ++id) {
            const std::string_view n = apps.name(id);
            if (proto.compare(QLatin1String(n.data(), static_cast<qsizetype>(n.size())),
                              Qt::CaseInsensitive) == 0) {
                m_app = id;
                m_unknownProtocol = false;
            }
        }
    }
}

bool ThresholdDetector::inScope(const AlertPacket &p) const
{
    if (m_unknownProtocol)
        return false;
    if (m_transport != Transport::None && p.transport != m_transport)
        return false;
    if (m_app >= 0 && (p.flow == kNoFlow ||
                       m_engine.flows().at(p.flow).app.load(std::memory_order_relaxed) != m_app))
        return false;
    if (m_rule.scope.port && p.srcPort != m_rule.scope.port && p.dstPort != m_rule.scope.port)
        return false;
    if (m_cidr.isEmpty())
        return true;
    bool src, dst;
    if (m_scopeSlot >= 0) {
        const std::uint16_t bit = std::uint16_t(1u << (addrclass::kScopeBit0 + m_scopeSlot));
        src = p.srcClass & bit;
        dst = p.dstClass & bit;
    } else {
        const AddressTable &a = m_engine.addresses();
        src = p.src != kNoAddress && m_cidr.contains(a.at(p.src));
        dst = p.dst != kNoAddress && m_cidr.contains(a.at(p.dst));
    }
    switch (m_rule.scope.direction) {
    case Direction::In: return dst;
    case Direction::Out: return src;
    case Direction::Both: break;
    }
    return src || dst;
}

void ThresholdDetector::rollTo(std::int64_t second)
{
    const auto n = static_cast<std::int64_t>(m_buckets.size());
    if (second <= m_second)
        return;
    for (std::int64_t s = std::max(m_second + 1, second - n + 1); s <= second; ++s)
        m_buckets[slot(s)] = 0;
    if (second - m_second >= n)
        std::fill(m_buckets.begin(), m_buckets.end(), 0.0);
    m_second = second;
}

void ThresholdDetector::onPacket(const AlertPacket &p)
{
    if (!inScope(p))
        return;
    const std::int64_t second = p.tsNs / 1'000'000'000;
    rollTo(second);
    const auto n = static_cast<std::int64_t>(m_buckets.size());
    if (second <= m_second - n)
        return; // older than the window (out-of-order input)
    double add = 1;
    if (m_rule.metric == ThresholdMetric::BitsPerSecond)
        add = 8.0 * p.wireLen;
    else if (m_rule.metric == ThresholdMetric::NewFlowsPerSecond && !p.newFlow)
        return;
    m_buckets[slot(second)] += add;
    ++m_packets;
    m_bytes += p.wireLen;
    m_sources.add(p.src, p.wireLen);
    m_destinations.add(p.dst, p.wireLen);
    m_ports.add(p.dstPort, p.wireLen);
}

void ThresholdDetector::tick(std::int64_t nowNs, AlertTracker &tracker)
{
    // The window is the seconds before nowNs: those buckets are complete.
    rollTo(nowNs / 1'000'000'000 - 1);
    double sum = 0;
    for (double b : m_buckets)
        sum += b;
    tracker.report(index(), 0, sum / static_cast<double>(m_buckets.size()), m_rule.threshold,
                   nowNs);
    if (!tracker.engagedCount(index())) {
        // Evidence is for the window that trips the rule: a fresh count each window.
        if (nowNs / 1'000'000'000 % m_rule.windowSeconds == 0) {
            m_sources.clear();
            m_destinations.clear();
            m_ports.clear();
            m_packets = m_bytes = 0;
        }
    }
}

QString ThresholdDetector::unit() const
{
    switch (m_rule.metric) {
    case ThresholdMetric::PacketsPerSecond: return QStringLiteral("packets/s");
    case ThresholdMetric::BitsPerSecond: return QStringLiteral("bit/s");
    case ThresholdMetric::NewFlowsPerSecond: return QStringLiteral("flows/s");
    }
    return {};
}

QString ThresholdDetector::scopeText() const
{
    QStringList parts;
    if (!m_rule.scope.cidr.isEmpty()) {
        QString c = m_rule.scope.cidr;
        if (m_rule.scope.direction == Direction::In)
            c = QStringLiteral("to ") + c;
        else if (m_rule.scope.direction == Direction::Out)
            c = QStringLiteral("from ") + c;
        parts << c;
    }
    if (!m_rule.scope.protocol.isEmpty())
        parts << m_rule.scope.protocol;
    if (m_rule.scope.port)
        parts << QStringLiteral("port %1").arg(m_rule.scope.port);
    return parts.isEmpty() ? QStringLiteral("all") : parts.join(QLatin1Char(' '));
}

void ThresholdDetector::describe(std::uint64_t, Alert &a) const
{
    a.key = scopeText();
    Evidence &e = a.evidence;
    e.unit = unit();
    e.packets = m_packets;
    e.bytes = m_bytes;
    e.topSources = items(m_sources, 5, false);
    e.topDestinations = items(m_destinations, 5, false);
    e.topPorts = items(m_ports, 10, true);
    a.summary = QStringLiteral("%1: %2 %3 for %4 over %5 s (threshold %6)")
                    .arg(m_rule.name.isEmpty() ? QStringLiteral("Threshold") : m_rule.name,
                         number(e.value), e.unit, a.key)
                    .arg(m_rule.windowSeconds)
                    .arg(number(e.threshold));
    QStringList bpf;
    if (!m_rule.scope.cidr.isEmpty()) {
        const QString net = m_rule.scope.cidr.contains(QLatin1Char('/')) ? QStringLiteral("net ")
                                                                         : QStringLiteral("host ");
        const QString dir = m_rule.scope.direction == Direction::In    ? QStringLiteral("dst ")
                            : m_rule.scope.direction == Direction::Out ? QStringLiteral("src ")
                                                                       : QString();
        bpf << dir + net + m_rule.scope.cidr;
    }
    if (m_rule.scope.port)
        bpf << QStringLiteral("port %1").arg(m_rule.scope.port);
    if (!m_rule.scope.protocol.isEmpty())
        bpf << QString::fromStdString(
            DisplayExpression::protocolTerm(m_rule.scope.protocol.toStdString()));
    a.displayFilter = bpf.join(QStringLiteral(" and "));
}

std::pair<std::uint32_t, std::uint32_t> ThresholdDetector::snippetHosts(std::uint64_t) const
{
    return {kNoAddress, kNoAddress};
}

std::size_t ThresholdDetector::memoryBytes() const
{
    return sizeof(*this) + m_buckets.capacity() * sizeof(double);
}

} // namespace netlens
