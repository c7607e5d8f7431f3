// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/snippetrecorder.h"

#include "engine/packetbytes.h"
#include "source/rawpacket.h"
#include "store/packetrecord.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <cstring>
#include <pcap/pcap.h>

namespace netlens {

SnippetRecorder::SnippetRecorder(const AlertSettings &settings)
    : m_settings(settings)
    , m_enabled(!settings.dataDir.isEmpty() && settings.snippetMaxPackets > 0)
{
}

SnippetRecorder::~SnippetRecorder() = default;

bool SnippetRecorder::matches(const Pending &p, const Ref &r)
{
    if (p.a == kNoAddress)
        return true;
    if (p.b == kNoAddress)
        return r.src == p.a || r.dst == p.a;
    return (r.src == p.a && r.dst == p.b) || (r.src == p.b && r.dst == p.a);
}

const std::uint8_t *SnippetRecorder::ringBytes(const Ref &r,
                                               std::vector<std::uint8_t> &scratch) const
{
    // The ring wraps: the packet may straddle its end.
    if (m_bytesHead - r.offset > kRingBytes)
        return nullptr; // overwritten since
    scratch.resize(r.capLen);
    for (std::uint32_t i = 0; i < r.capLen;) {
        const std::size_t at = (r.offset + i) % kRingBytes;
        const std::size_t n = std::min<std::size_t>(r.capLen - i, kRingBytes - at);
        std::memcpy(scratch.data() + i, m_bytes.data() + at, n);
        i += static_cast<std::uint32_t>(n);
    }
    return scratch.data();
}

void SnippetRecorder::append(Pending &p, const Ref &r, const std::uint8_t *data)
{
    if (p.refs.size() >= m_settings.snippetMaxPackets ||
        p.total + r.capLen > m_settings.snippetMaxBytes)
        return;
    Ref kept = r;
    if (!m_reader) {
        if (!data)
            return;
        kept.offset = p.bytes.size();
        p.bytes.insert(p.bytes.end(), data, data + r.capLen);
    }
    p.refs.push_back(kept);
    p.total += r.capLen;
}

void SnippetRecorder::onPacket(const RawPacket &raw, const PacketRecord &rec)
{
    Ref r{raw.tsNs, rec.fileOffset, raw.capLen,   raw.wireLen,       rec.src,
          rec.dst,  rec.fileIndex,  raw.linkType, raw.nanoResolution};
    if (!m_reader) {
        if (m_bytes.empty())
            m_bytes.resize(kRingBytes);
        r.capLen = std::min<std::uint32_t>(r.capLen, 65535);
        r.offset = m_bytesHead;
        for (std::uint32_t i = 0; i < r.capLen;) {
            const std::size_t at = (m_bytesHead + i) % kRingBytes;
            const std::size_t n = std::min<std::size_t>(r.capLen - i, kRingBytes - at);
            std::memcpy(m_bytes.data() + at, raw.data + i, n);
            i += static_cast<std::uint32_t>(n);
        }
        m_bytesHead += r.capLen;
    }
    if (m_ring.size() < kRing)
        m_ring.push_back(r);
    else
        m_ring[m_ringHead % kRing] = r;
    ++m_ringHead;
    for (Pending &p : m_pending)
        if (r.tsNs <= p.toNs && matches(p, r))
            append(p, r, raw.data);
}

void SnippetRecorder::start(const Alert &alert, std::pair<std::uint32_t, std::uint32_t> hosts)
{
    if (!m_enabled)
        return;
    if (m_pending.size() >= kMaxPending) {
        ++m_dropped;
        return;
    }
    Pending p;
    p.uid = alert.uid;
    p.a = hosts.first;
    p.b = hosts.second;
    if (p.a == kNoAddress && p.b != kNoAddress)
        std::swap(p.a, p.b);
    // Around the trigger: the alert starts at the tick after the packets that tripped it.
    const std::int64_t fromNs =
        alert.startNs - std::int64_t{m_settings.snippetBeforeSeconds} * 1'000'000'000;
    p.toNs = alert.startNs + std::int64_t{m_settings.snippetAfterSeconds} * 1'000'000'000;
    QString key = alert.key;
    key.replace(QStringLiteral(" -> "), QStringLiteral("_to_"));
    for (QChar &c : key)
        if (!c.isLetterOrNumber() && c != QLatin1Char('.') && c != QLatin1Char('-'))
            c = QLatin1Char('_');
    const QString time = QDateTime::fromMSecsSinceEpoch(alert.startNs / 1'000'000, Qt::UTC)
                             .toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString dir = m_settings.dataDir + QStringLiteral("/alerts");
    p.path = QStringLiteral("%1/%2-%3-%4.pcap").arg(dir, time, alertKindName(alert.kind), key);
    const std::size_t n = std::min<std::uint64_t>(m_ringHead, kRing);
    std::vector<std::uint8_t> scratch;
    for (std::uint64_t i = m_ringHead - n; i < m_ringHead; ++i) {
        const Ref &r = m_ring[i % kRing];
        if (r.tsNs < fromNs || !matches(p, r))
            continue;
        append(p, r, m_reader ? nullptr : ringBytes(r, scratch));
    }
    m_pending.push_back(std::move(p));
}

bool SnippetRecorder::write(const Pending &p, Written &out)
{
    out.uid = p.uid;
    if (p.refs.empty())
        return false;
    if (!QDir().mkpath(QFileInfo(p.path).path())) {
        m_errors << QStringLiteral("%1: cannot create the folder").arg(QFileInfo(p.path).path());
        return false;
    }
    QString path = p.path;
    if (QFileInfo::exists(path)) // two alerts of one kind and key in one second
        path.insert(path.size() - 5, QLatin1Char('-') + p.uid.left(8));
    const int linkType = p.refs.front().linkType;
    pcap_t *dead =
        pcap_open_dead_with_tstamp_precision(linkType, 262144, PCAP_TSTAMP_PRECISION_NANO);
    pcap_dumper_t *dumper =
        dead ? pcap_dump_open(dead, QFile::encodeName(path).constData()) : nullptr;
    if (!dumper) {
        m_errors << QStringLiteral("%1: cannot write the snippet: %2")
                        .arg(path, dead ? QString::fromLocal8Bit(pcap_geterr(dead)) : QString());
        if (dead)
            pcap_close(dead);
        return false;
    }
    std::vector<std::uint8_t> bytes;
    for (const Ref &r : p.refs) {
        if (r.linkType != linkType)
            continue;
        const std::uint8_t *data = nullptr;
        if (m_reader) {
            PacketRecord rec;
            rec.fileIndex = r.fileIndex;
            rec.fileOffset = r.offset;
            rec.capLen = r.capLen;
            if (!m_reader->read(rec, bytes))
                continue;
            data = bytes.data();
        } else {
            data = p.bytes.data() + r.offset;
        }
        pcap_pkthdr h{};
        h.ts.tv_sec = static_cast<time_t>(r.tsNs / 1'000'000'000);
        h.ts.tv_usec =
            static_cast<suseconds_t>(r.tsNs % 1'000'000'000); // ns: the dead handle is nano
        h.caplen = r.capLen;
        h.len = r.wireLen;
        pcap_dump(reinterpret_cast<u_char *>(dumper), &h, data);
        ++out.packets;
    }
    pcap_dump_close(dumper);
    pcap_close(dead);
    out.path = path;
    out.bytes = static_cast<std::uint64_t>(QFileInfo(path).size());
    return true;
}

std::vector<SnippetRecorder::Written> SnippetRecorder::writeDue(std::int64_t nowNs, bool all)
{
    std::vector<Written> done;
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (!all && nowNs <= it->toNs) {
            ++it;
            continue;
        }
        Written w;
        if (write(*it, w))
            done.push_back(w);
        it = m_pending.erase(it);
    }
    return done;
}

std::size_t SnippetRecorder::memoryBytes() const
{
    std::size_t n = sizeof(*this) + m_ring.capacity() * sizeof(Ref) + m_bytes.capacity();
    for (const Pending &p : m_pending)
        n += p.refs.capacity() * sizeof(Ref) + p.bytes.capacity();
    return n;
}

} // namespace netlens
