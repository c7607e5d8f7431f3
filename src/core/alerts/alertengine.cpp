// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/alertengine.h"

#include "alerts/blacklistdetector.h"
#include "alerts/distinctdetector.h"
#include "alerts/newhostdetector.h"
#include "alerts/ratedetector.h"
#include "alerts/spikedetector.h"
#include "alerts/thresholddetector.h"
#include "decode/decodedpacket.h"
#include "engine/engine.h"

#include <algorithm>
#include <limits>

namespace netlens {

namespace {
constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::uint8_t kSyn = 0x02;
constexpr std::uint8_t kRst = 0x04;
constexpr std::uint8_t kAck = 0x10;
// Ticks run for at most this long a gap in capture time; past it, the clock jumps (every
// window is long over by then).
constexpr int kMaxTicksPerGap = 7200;
constexpr std::int64_t kMaxTs = std::numeric_limits<std::int64_t>::max() / 2;
constexpr std::int64_t kMinTs = 0; // before 1970: taken as 1970 (the windows count from 0)
} // namespace

AlertEngine::AlertEngine(const Engine &engine, const AlertSettings &settings)
    : m_engine(engine)
    , m_settings(settings)
    , m_snippets(settings)
{
    QString ignored;
    for (const char *net : {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16",
                            "fc00::/7", "fe80::/10"})
        m_local.add(QString::fromLatin1(net), ignored);
}

AlertEngine::~AlertEngine() = default;

std::unique_ptr<AlertEngine> AlertEngine::create(const Engine &engine,
                                                 const AlertSettings &settings, QString &error)
{
    std::unique_ptr<AlertEngine> a(new AlertEngine(engine, settings));
    QString ignored;
    for (const AlertRule &rule : settings.rules.rules) {
        if (!rule.enabled)
            continue;
        std::unique_ptr<Detector> d;
        switch (rule.kind) {
        case AlertKind::Threshold: {
            int slot = -1;
            if (!rule.scope.cidr.isEmpty() && a->m_cidrScopes.size() < addrclass::kScopeSlots)
                slot = static_cast<int>(a->m_cidrScopes.size());
            d = std::make_unique<ThresholdDetector>(rule, engine, slot);
            if (slot >= 0)
                a->m_cidrScopes.push_back(d.get());
            break;
        }
        case AlertKind::PortScan:
        case AlertKind::HostSweep: d = std::make_unique<DistinctDetector>(rule, engine); break;
        case AlertKind::SynFlood:
        case AlertKind::IcmpFlood: d = std::make_unique<RateDetector>(rule, engine); break;
        case AlertKind::TrafficSpike: d = std::make_unique<SpikeDetector>(rule, engine); break;
        case AlertKind::NewHost:
            d = std::make_unique<NewHostDetector>(rule, engine);
            for (const QString &net : rule.localNetworks)
                a->m_local.add(net, ignored);
            break;
        case AlertKind::Blacklist: {
            auto b = std::make_unique<BlacklistDetector>(rule, engine);
            QString why;
            if (!b->load(why)) {
                error = QStringLiteral("rule \"%1\": %2").arg(rule.id, why);
                return nullptr;
            }
            for (const QString &x : rule.addresses)
                a->m_blacklisted.add(x, ignored);
            if (!rule.listFile.isEmpty())
                a->m_blacklisted.addFile(rule.listFile, ignored);
            d = std::move(b);
            break;
        }
        }
        d->setIndex(a->m_detectors.size());
        a->m_interest |= d->interest();
        a->m_detectors.push_back(std::move(d));
    }
    std::vector<Detector *> raw;
    for (const auto &d : a->m_detectors)
        raw.push_back(d.get());
    AlertEngine *self = a.get();
    a->m_tracker = std::make_unique<AlertTracker>(
        raw, [self](const Alert &alert) { self->changed(alert); },
        [self](const Alert &alert, const Detector &d, std::uint64_t key) {
            if (!self->m_snippets.enabled())
                return;
            self->m_snippets.start(alert, d.snippetHosts(key));
            self->m_awaitingSnippet.insert(alert.uid, alert);
        });
    return a;
}

void AlertEngine::setBytesReader(std::shared_ptr<PacketBytesReader> reader)
{
    m_snippets.setBytesReader(std::move(reader));
}

std::uint16_t AlertEngine::classify(std::uint32_t id) const
{
    const Address &a = m_engine.addresses().at(id);
    std::uint16_t c = addrclass::Classified;
    if (a.family != Address::V4 && a.family != Address::V6)
        return c;
    if (m_local.contains(a))
        c |= addrclass::Local;
    if (!m_blacklisted.isEmpty() && m_blacklisted.contains(a))
        c |= addrclass::Blacklisted;
    for (std::size_t slot = 0; slot < m_cidrScopes.size(); ++slot)
        if (static_cast<const ThresholdDetector *>(m_cidrScopes[slot])->cidr().contains(a))
            c |= static_cast<std::uint16_t>(1u << (addrclass::kScopeBit0 + slot));
    return c;
}

void AlertEngine::onPacket(const RawPacket &raw, const DecodedPacket &d, const PacketRecord &r,
                           bool newFlow)
{
    // Far ends of the int64 range (a corrupt pcapng): clamped, so the tick clock cannot wrap.
    const std::int64_t ts = std::clamp(raw.tsNs, kMinTs, kMaxTs);
    if (m_firstNs < 0) {
        m_firstNs = m_lastNs = ts;
        m_nextTickNs = (ts / kSecond + 1) * kSecond;
    }
    if (ts >= m_nextTickNs)
        advanceTo(ts);
    m_lastNs = std::max(m_lastNs, ts);

    AlertPacket p;
    p.tsNs = ts;
    p.firstNs = m_firstNs;
    p.wireLen = raw.wireLen;
    p.src = r.src;
    p.dst = r.dst;
    p.flow = r.flow;
    p.srcPort = r.srcPort;
    p.dstPort = r.dstPort;
    p.transport = d.transport;
    p.newFlow = newFlow;
    std::uint32_t events = pktevent::Any;
    for (const auto &[id, cls] : {std::pair{r.src, &p.srcClass}, std::pair{r.dst, &p.dstClass}}) {
        if (id == kNoAddress)
            continue;
        if (id < kMaxCachedAddresses) {
            if (id >= m_class.size())
                m_class.resize(
                    std::max<std::size_t>(id + 1, m_class.size() * 2 < kMaxCachedAddresses
                                                      ? m_class.size() * 2
                                                      : kMaxCachedAddresses),
                    0);
            if (!m_class[id])
                m_class[id] = classify(id);
            *cls = m_class[id];
        } else {
            *cls = classify(id);
        }
    }
    if (r.src != kNoAddress && r.src < kMaxCachedAddresses &&
        !(p.srcClass & addrclass::SeenAsSource)) {
        m_class[r.src] |= addrclass::SeenAsSource;
        events |= pktevent::NewSource;
    }
    const std::uint8_t flags = d.tcpFlags;
    if (d.transport == Transport::TCP) {
        if ((flags & (kSyn | kAck)) == kSyn)
            events |= pktevent::Syn | pktevent::Initiator;
        else if ((flags & (kSyn | kAck | kRst)) == kAck && r.flow != kNoFlow &&
                 m_engine.flows().at(r.flow).packets() == 3)
            events |= pktevent::HandshakeDone;
    } else if (newFlow) {
        events |= pktevent::Initiator;
    }
    if (d.transport == Transport::ICMP || d.transport == Transport::ICMPv6)
        events |= pktevent::Icmp;
    if ((p.srcClass | p.dstClass) & addrclass::Blacklisted)
        events |= pktevent::Blacklisted;
    p.events = events;
    if (events & m_interest & ~pktevent::Any || m_interest & pktevent::Any)
        for (const auto &det : m_detectors)
            if (det->interest() & events)
                det->onPacket(p);
    if (m_snippets.enabled())
        m_snippets.onPacket(raw, r);
}

void AlertEngine::advanceTo(std::int64_t nowNs)
{
    if (m_firstNs < 0)
        return;
    nowNs = std::clamp(nowNs, kMinTs, kMaxTs);
    int ticks = 0;
    while (m_nextTickNs <= nowNs) {
        tick(m_nextTickNs);
        m_nextTickNs += kSecond;
        if (++ticks >= kMaxTicksPerGap && m_nextTickNs <= nowNs)
            m_nextTickNs = (nowNs / kSecond) * kSecond;
    }
}

void AlertEngine::tick(std::int64_t nowNs)
{
    m_tracker->beginTick(nowNs);
    for (const auto &det : m_detectors)
        det->tick(nowNs, *m_tracker);
    m_tracker->endTick(nowNs);
    if (m_snippets.hasPending())
        snippetsWritten(m_snippets.writeDue(nowNs, false));
}

void AlertEngine::finish()
{
    if (m_firstNs < 0)
        return;
    m_tracker->releaseAll(m_lastNs);
    snippetsWritten(m_snippets.writeDue(m_lastNs, true));
}

void AlertEngine::changed(const Alert &alert)
{
    Alert a = alert;
    const auto s = m_snippetOf.constFind(a.uid);
    if (s != m_snippetOf.constEnd()) {
        a.snippetPath = s->path;
        a.snippetBytes = s->bytes;
        a.snippetPackets = s->packets;
    }
    if (m_awaitingSnippet.contains(a.uid)) {
        a.snippetPending = true;
        m_awaitingSnippet[a.uid] = a;
    }
    if (!a.isEngaged())
        m_snippetOf.remove(a.uid);
    m_changes.append(a);
}

void AlertEngine::snippetsWritten(const std::vector<SnippetRecorder::Written> &written)
{
    for (const SnippetRecorder::Written &w : written) {
        auto it = m_awaitingSnippet.find(w.uid);
        if (it == m_awaitingSnippet.end())
            continue;
        Alert a = *it;
        m_awaitingSnippet.erase(it);
        a.snippetPath = w.path;
        a.snippetBytes = w.bytes;
        a.snippetPackets = w.packets;
        a.snippetPending = false;
        if (a.isEngaged())
            m_snippetOf.insert(w.uid, w); // its release carries the snippet too
        m_changes.append(a);
    }
    // Alerts whose snippet could not be written (no packet matched, or a write failed).
    if (!m_snippets.hasPending())
        m_awaitingSnippet.clear();
}

QList<Alert> AlertEngine::takeChanges()
{
    QList<Alert> out;
    out.swap(m_changes);
    return out;
}

std::size_t AlertEngine::memoryBytes() const
{
    std::size_t n = sizeof(*this) + m_class.capacity() * sizeof(std::uint16_t) +
                    m_tracker->memoryBytes() + m_snippets.memoryBytes();
    for (const auto &d : m_detectors)
        n += d->memoryBytes();
    return n;
}

std::uint64_t AlertEngine::dropped() const
{
    std::uint64_t n = m_tracker->dropped() + m_snippets.dropped();
    for (const auto &d : m_detectors)
        n += d->dropped();
    return n;
}

std::int64_t AlertEngine::addressHorizonNs() const
{
    std::int64_t longest = 0;
    for (const auto &d : m_detectors)
        longest = std::max(longest, d->windowNs());
    return 2 * longest;
}

void AlertEngine::onAddressesReclaimed(const std::vector<std::uint32_t> &ids)
{
    for (const std::uint32_t id : ids)
        if (id < m_class.size())
            m_class[id] = 0;
}

} // namespace netlens
