// SPDX-License-Identifier: GPL-3.0-or-later
// make_soak_pcap week|churn OUT [--days N] [--seed S] [--snaplen N]
//
// Writes the captures of the soak benchmarks with libpcap's pcap_dump, deterministically (the
// same arguments give the same bytes). Packets are cut to the snap length (default 80 bytes:
// every header and the start of the payload, as tcpdump -s 80 records them), so that a week of
// traffic stays a file of a few GB; their wire lengths are those of full packets.
//
//   week   a synthetic week (run-week-bench.sh): N days (default 7) of packet time with
//          steady churn, about 10 new flows a second (TCP with a handshake, a request, 1-4
//          replies and the FINs; DNS query/answer pairs to two local resolvers; NTP and UDP/443
//          pairs), 200 long-lived TCP flows sending a packet every 10-40 s all week, and every
//          hour a minute of ten times the new flows (xx:30-xx:31). Hosts recur: 2,000 local
//          hosts, 3,000 remote ones chosen with a skew (a few are very popular), and 3 % of the
//          flows go to a one-off remote address never seen again.
//   churn  the loop of the live soak (run-live-soak-bench.sh): 5 s of packet time at about
//          200,000 packets/s, 2,000 new flows a second (longer TCP transfers) and 200 busy
//          long-lived flows. The remote hosts lie in one contiguous block so that tcpreplay
//          --unique-ip, which shifts every address by the loop count, makes new flows each
//          loop while most hosts stay ones already seen.
//
// Besides OUT it writes OUT.index: a first line naming the generator version and arguments,
// then "hour byte_offset packets" at the start of each hour of packet time (week only) and
// "end byte_offset packets" last, so that a benchmark can turn "bytes read" into "days in".
// A summary goes to stderr.

#include <algorithm>
#include <array>
#include <cerrno>
#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <pcap/pcap.h>
#include <queue>
#include <string>
#include <vector>

namespace {

constexpr const char *kVersion = "make_soak_pcap v1";
constexpr int kMaxSnap = 128;

/// splitmix64: small, fast and the same on every platform (std distributions are not).
class Random {
public:
    explicit Random(std::uint64_t seed)
        : m_state(seed)
    {
    }
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; } // [0, 1)
    std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(unit() * n); }
    std::uint32_t between(std::uint32_t lo, std::uint32_t hi) { return lo + below(hi - lo + 1); }
    bool chance(double p) { return unit() < p; }

private:
    std::uint64_t m_state;
};

struct Profile {
    double seconds = 7 * 86400.0;
    double newFlowsPerSecond = 10;
    bool hourlyBursts = true; ///< a minute of 10x new flows every hour
    std::uint32_t localHosts = 2000;
    std::uint32_t remoteHosts = 3000;
    bool contiguousRemotes = false; ///< remote pool in one block (for --unique-ip)
    double oneOffShare = 0.03;
    double tcpShare = 0.25, dnsShare = 0.60, ntpShare = 0.05; ///< the rest UDP/443
    std::uint32_t minReplies = 1, maxReplies = 4;
    std::uint32_t longLived = 200;
    double longMinPeriod = 10, longMaxPeriod = 40; ///< seconds between a long flow's packets
    bool hourIndex = true;
    bool fitSnap = false; ///< payloads cut so that every frame is whole (for replaying)
};

struct Packet {
    std::int64_t us = 0; ///< capture time, microseconds since the epoch
    std::uint64_t order = 0;
    std::int32_t longFlow = -1; ///< a long-lived flow to reschedule when this one is written
    std::uint16_t wireLen = 0;
    std::uint8_t capLen = 0;
    std::array<std::uint8_t, kMaxSnap> bytes{};
};
struct Later {
    bool operator()(const Packet &a, const Packet &b) const
    {
        return a.us != b.us ? a.us > b.us : a.order > b.order;
    }
};

struct LongFlow {
    std::uint32_t local = 0, remote = 0;
    std::uint16_t localPort = 0, remotePort = 0;
    std::uint32_t seqOut = 0, seqIn = 0;
    double period = 0;
    bool outbound = true;
};

enum Flag : std::uint8_t { Fin = 0x01, Syn = 0x02, Psh = 0x08, Ack = 0x10 };

void put16(std::uint8_t *p, std::uint32_t v)
{
    p[0] = static_cast<std::uint8_t>(v >> 8);
    p[1] = static_cast<std::uint8_t>(v);
}
void put32(std::uint8_t *p, std::uint32_t v)
{
    put16(p, v >> 16);
    put16(p + 2, v & 0xFFFF);
}

class Generator {
public:
    Generator(const Profile &profile, std::uint64_t seed, int snaplen, std::int64_t startUs)
        : m_p(profile)
        , m_rng(seed)
        , m_snap(snaplen)
        , m_startUs(startUs)
    {
        for (std::uint32_t i = 0; i < m_p.localHosts; ++i)
            m_locals.push_back(0x0A010000u + (i / 250) * 256 + i % 250 + 1); // 10.1.x.1-250
        // Remote addresses in public unicast space (first octet 11-223, never 127), or one
        // contiguous block of 104.16.0.0/16 for the churn loop.
        for (std::uint32_t i = 0; i < m_p.remoteHosts; ++i) {
            if (m_p.contiguousRemotes) {
                m_remotes.push_back(0x68100000u + i + 1);
                continue;
            }
            std::uint32_t first = 0;
            do
                first = m_rng.between(11, 223);
            while (first == 127 || first == 172 || first == 192 || first == 100);
            m_remotes.push_back(first << 24 | (m_rng.next() & 0xFFFFFF));
        }
        m_ports.assign(m_p.localHosts, 0);
        for (auto &port : m_ports)
            port = static_cast<std::uint16_t>(m_rng.between(32768, 60999));
        for (std::uint32_t i = 0; i < m_p.longLived; ++i) {
            static constexpr std::uint16_t kPorts[] = {443, 5222, 1883, 22, 993, 8883};
            LongFlow f;
            f.local = m_locals[m_rng.below(m_p.localHosts)];
            f.remote = m_remotes[m_rng.below(m_p.remoteHosts)];
            f.localPort = static_cast<std::uint16_t>(40000 + i);
            f.remotePort = kPorts[m_rng.below(6)];
            f.seqOut = static_cast<std::uint32_t>(m_rng.next());
            f.seqIn = static_cast<std::uint32_t>(m_rng.next());
            f.period = m_p.longMinPeriod + m_rng.unit() * (m_p.longMaxPeriod - m_p.longMinPeriod);
            m_long.push_back(f);
            scheduleLong(static_cast<std::int32_t>(i), m_startUs + toUs(m_rng.unit() * f.period));
        }
    }

    bool run(pcap_dumper_t *dumper, FILE *index)
    {
        m_dumper = dumper;
        m_index = index;
        const std::int64_t endUs = m_startUs + toUs(m_p.seconds);
        double t = 0; // seconds since the start
        for (;;) {
            t += -std::log(1.0 - m_rng.unit()) / rate(t);
            const std::int64_t us = m_startUs + toUs(t);
            if (us >= endUs)
                break;
            writeUntil(us, endUs);
            newFlow(us);
        }
        writeUntil(INT64_MAX, endUs);
        markIndex(INT64_MAX);
        return pcap_dump_flush(m_dumper) == 0;
    }

    void summary() const
    {
        std::fprintf(stderr,
                     "make_soak_pcap: %" PRIu64 " packets (%" PRIu64 " bytes on the wire), %" PRIu64
                     " new flows + %u long-lived, %u local and %u remote hosts + %" PRIu64
                     " one-off, %.0f s of packet time\n",
                     m_packets, m_wireBytes, m_flows, m_p.longLived, m_p.localHosts,
                     m_p.remoteHosts, m_oneOffs, m_p.seconds);
    }

private:
    /// A payload length, cut when frames must fit the snap length whole.
    std::uint32_t fit(std::uint32_t len, std::uint32_t headers) const
    {
        return m_p.fitSnap ? std::min(len, static_cast<std::uint32_t>(m_snap) - headers) : len;
    }

    static std::int64_t toUs(double seconds) { return static_cast<std::int64_t>(seconds * 1e6); }

    double rate(double t) const
    {
        const bool burst =
            m_p.hourlyBursts && std::fmod(t, 3600.0) >= 1800.0 && std::fmod(t, 3600.0) < 1860.0;
        return m_p.newFlowsPerSecond * (burst ? 10.0 : 1.0);
    }

    /// Writes every pending packet up to `us`; long-lived flows go on until `endUs`.
    void writeUntil(std::int64_t us, std::int64_t endUs)
    {
        while (!m_pending.empty() && m_pending.top().us <= us) {
            Packet p = m_pending.top();
            m_pending.pop();
            markIndex(p.us);
            pcap_pkthdr h{};
            h.ts.tv_sec = static_cast<time_t>(p.us / 1000000);
            h.ts.tv_usec = static_cast<suseconds_t>(p.us % 1000000);
            h.caplen = p.capLen;
            h.len = p.wireLen;
            pcap_dump(reinterpret_cast<u_char *>(m_dumper), &h, p.bytes.data());
            ++m_packets;
            m_wireBytes += p.wireLen;
            if (p.longFlow >= 0) {
                const LongFlow &f = m_long[static_cast<std::size_t>(p.longFlow)];
                const std::int64_t next = p.us + toUs(f.period * (0.9 + 0.2 * m_rng.unit()));
                if (next < endUs)
                    scheduleLong(p.longFlow, next);
            }
        }
    }

    void markIndex(std::int64_t us)
    {
        if (!m_p.hourIndex && us != INT64_MAX)
            return;
        while (us != INT64_MAX && us >= m_startUs + m_nextHour * 3600000000ll) {
            std::fprintf(m_index, "%" PRId64 " %" PRId64 " %" PRIu64 "\n", m_nextHour,
                         static_cast<std::int64_t>(pcap_dump_ftell64(m_dumper)), m_packets);
            ++m_nextHour;
        }
        if (us == INT64_MAX)
            std::fprintf(m_index, "end %" PRId64 " %" PRIu64 "\n",
                         static_cast<std::int64_t>(pcap_dump_ftell64(m_dumper)), m_packets);
    }

    std::uint32_t pickRemote()
    {
        if (m_rng.chance(m_p.oneOffShare)) {
            ++m_oneOffs;
            // A fresh address each time: a counter spread over 45.0.0.0/8 and up (never the
            // pool's block for the churn loop, never private space).
            return 0x2D000000u + static_cast<std::uint32_t>(m_oneOffs * 7919u % 0x3000000u);
        }
        const double u = m_rng.unit();
        return m_remotes[static_cast<std::size_t>(u * u * m_p.remoteHosts)];
    }

    void newFlow(std::int64_t us)
    {
        ++m_flows;
        const std::uint32_t li = m_rng.below(m_p.localHosts);
        const std::uint32_t local = m_locals[li];
        std::uint16_t &port = m_ports[li];
        port = static_cast<std::uint16_t>(port >= 60999 ? 32768 : port + 1);
        const double kind = m_rng.unit();
        if (kind < m_p.tcpShare) {
            static constexpr std::uint16_t kPorts[] = {443, 443, 443, 443, 443,
                                                       443, 80,  80,  22,  8080};
            tcpFlow(us, local, port, pickRemote(), kPorts[m_rng.below(10)]);
        } else if (kind < m_p.tcpShare + m_p.dnsShare) {
            dnsPair(us, local, port, m_rng.chance(0.5) ? 0x0A010035u : 0x0A010036u);
        } else if (kind < m_p.tcpShare + m_p.dnsShare + m_p.ntpShare) {
            udpPair(us, local, port, pickRemote(), 123, 90, 90);
        } else {
            udpPair(us, local, port, pickRemote(), 443, m_rng.between(1200, 1292),
                    m_rng.between(200, 1292));
        }
    }

    void tcpFlow(std::int64_t us, std::uint32_t client, std::uint16_t cport, std::uint32_t server,
                 std::uint16_t sport)
    {
        const std::int64_t rtt = m_rng.between(8000, 120000);
        std::uint32_t cseq = static_cast<std::uint32_t>(m_rng.next());
        std::uint32_t sseq = static_cast<std::uint32_t>(m_rng.next());
        push(tcp(us, client, cport, server, sport, cseq++, 0, Syn, 0, {}));
        push(tcp(us + rtt, server, sport, client, cport, sseq++, cseq, Syn | Ack, 0, {}));
        std::int64_t t = us + rtt + 150;
        push(tcp(t, client, cport, server, sport, cseq, sseq, Ack, 0, {}));
        static constexpr std::uint8_t kTlsHello[] = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01,
                                                     0x00, 0x01, 0xfc, 0x03, 0x03};
        static constexpr std::uint8_t kTlsServer[] = {0x16, 0x03, 0x03, 0x00, 0x7a, 0x02,
                                                      0x00, 0x00, 0x76, 0x03, 0x03};
        static constexpr char kHttp[] = "GET /index.html HTTP/1.1\r\nHost: www.example.";
        static constexpr char kHttpReply[] = "HTTP/1.1 200 OK\r\nContent-Type: text/html";
        static constexpr char kSsh[] = "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n";
        const bool tls = sport == 443;
        const bool ssh = sport == 22;
        const auto bytes = [](const auto &a) {
            return std::string(reinterpret_cast<const char *>(a), sizeof a);
        };
        const std::string request = tls ? bytes(kTlsHello) : ssh ? std::string(kSsh) : kHttp;
        const std::string reply = tls ? bytes(kTlsServer) : ssh ? std::string(kSsh) : kHttpReply;
        const std::uint32_t reqLen = fit(ssh ? 33 : m_rng.between(180, 650), 54);
        push(tcp(t + 100, client, cport, server, sport, cseq, sseq, Psh | Ack, reqLen, request));
        cseq += reqLen;
        t += 100 + rtt;
        const std::uint32_t replies = m_rng.between(m_p.minReplies, m_p.maxReplies);
        for (std::uint32_t i = 0; i < replies; ++i) {
            const std::uint32_t len = fit(i + 1 < replies ? 1448 : m_rng.between(100, 1448), 54);
            push(tcp(t, server, sport, client, cport, sseq, cseq, i + 1 < replies ? Ack : Psh | Ack,
                     len, i == 0 ? reply : std::string()));
            sseq += len;
            t += m_rng.between(50, 600);
        }
        t += m_rng.between(20000, 3000000); // the client keeps the connection a while
        push(tcp(t, client, cport, server, sport, cseq++, sseq, Fin | Ack, 0, {}));
        push(tcp(t + rtt, server, sport, client, cport, sseq++, cseq, Fin | Ack, 0, {}));
    }

    void dnsPair(std::int64_t us, std::uint32_t client, std::uint16_t cport, std::uint32_t resolver)
    {
        static constexpr const char *kLabels[] = {"www", "api",   "cdn",    "mail", "static",
                                                  "img", "login", "update", "push", "ws"};
        static constexpr const char *kTlds[] = {"com", "net", "org", "io", "cn", "de"};
        // Most names recur (4,000 of them); one in ten is a one-off lookup.
        const std::uint32_t n =
            m_rng.chance(0.1) ? 4000 + static_cast<std::uint32_t>(m_flows) : m_rng.below(4000);
        char name[96];
        std::snprintf(name, sizeof name, "%s.site%u.%s", kLabels[n % 10], n, kTlds[(n / 10) % 6]);
        std::string q("\x00\x00\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00", 12);
        const std::uint16_t id = static_cast<std::uint16_t>(m_rng.next());
        q[0] = static_cast<char>(id >> 8);
        q[1] = static_cast<char>(id);
        for (const char *label = name; *label;) {
            const char *dot = std::strchr(label, '.');
            const std::size_t len =
                dot ? static_cast<std::size_t>(dot - label) : std::strlen(label);
            q += static_cast<char>(len);
            q.append(label, len);
            label += len + (dot ? 1 : 0);
        }
        q += std::string("\x00\x00\x01\x00\x01", 5);
        std::string a = q;
        a[2] = static_cast<char>(0x81);
        a[3] = static_cast<char>(0x80);
        a[7] = 1; // one answer: a pointer to the name, type A, 4 bytes
        a += std::string("\xc0\x0c\x00\x01\x00\x01\x00\x00\x01\x2c\x00\x04", 12);
        const std::uint32_t ip = pickRemote();
        a += std::string{static_cast<char>(ip >> 24), static_cast<char>(ip >> 16),
                         static_cast<char>(ip >> 8), static_cast<char>(ip)};
        udp(us, client, cport, resolver, 53, static_cast<std::uint32_t>(q.size()), q);
        udp(us + m_rng.between(2000, 40000), resolver, 53, client, cport,
            static_cast<std::uint32_t>(a.size()), a);
    }

    void udpPair(std::int64_t us, std::uint32_t client, std::uint16_t cport, std::uint32_t server,
                 std::uint16_t sport, std::uint32_t outLen, std::uint32_t inLen)
    {
        std::string out(16, '\0'), in(16, '\0');
        if (sport == 123) {
            out[0] = 0x23; // NTP v4 client
            in[0] = 0x24;  // server
        } else {
            out[0] = static_cast<char>(0xc3); // a QUIC long header, version 1
            out[4] = 1;
            in[0] = static_cast<char>(0xc3);
            in[4] = 1;
        }
        const std::uint32_t o = fit(outLen - 28, 42), i = fit(inLen - 28, 42);
        udp(us, client, cport, server, sport, o, out);
        udp(us + m_rng.between(5000, 150000), server, sport, client, cport, i, in);
    }

    void scheduleLong(std::int32_t index, std::int64_t us)
    {
        LongFlow &f = m_long[static_cast<std::size_t>(index)];
        const std::uint32_t len = fit(m_rng.between(20, 240), 54);
        Packet p = f.outbound ? tcp(us, f.local, f.localPort, f.remote, f.remotePort, f.seqOut,
                                    f.seqIn, Psh | Ack, len, {})
                              : tcp(us, f.remote, f.remotePort, f.local, f.localPort, f.seqIn,
                                    f.seqOut, Psh | Ack, len, {});
        (f.outbound ? f.seqOut : f.seqIn) += len;
        f.outbound = !f.outbound;
        p.longFlow = index; // written: the flow's next packet is scheduled
        m_pending.push(p);
    }

    /// Builds an Ethernet/IPv4 frame; `l4` is the transport header and payload length.
    Packet frame(std::int64_t us, std::uint32_t src, std::uint32_t dst, std::uint8_t proto,
                 std::uint32_t l4)
    {
        Packet p;
        p.us = us;
        p.order = m_order++;
        const std::uint32_t ipLen = 20 + l4;
        p.wireLen = static_cast<std::uint16_t>(14 + ipLen);
        p.capLen = static_cast<std::uint8_t>(std::min<std::uint32_t>(p.wireLen, m_snap));
        std::uint8_t *b = p.bytes.data();
        // MACs: locals have their own (from the address), everything remote is the gateway.
        const auto mac = [](std::uint8_t *m, std::uint32_t ip) {
            const bool local = (ip >> 16) == 0x0A01;
            m[0] = 0x02;
            m[1] = 0x00;
            put32(m + 2, local ? ip : 0x0A0100FEu);
        };
        mac(b, dst);
        mac(b + 6, src);
        put16(b + 12, 0x0800);
        std::uint8_t *ip = b + 14;
        ip[0] = 0x45;
        put16(ip + 2, ipLen);
        put16(ip + 4, static_cast<std::uint32_t>(p.order & 0xFFFF));
        ip[6] = 0x40; // DF
        ip[8] = 64;
        ip[9] = proto;
        put32(ip + 12, src);
        put32(ip + 16, dst);
        std::uint32_t sum = 0;
        for (int i = 0; i < 20; i += 2)
            sum += static_cast<std::uint32_t>(ip[i] << 8 | ip[i + 1]);
        while (sum >> 16)
            sum = (sum & 0xFFFF) + (sum >> 16);
        put16(ip + 10, ~sum & 0xFFFF);
        return p;
    }

    /// Copies as much of `data` as fits in the snap length at `offset`; the rest of the
    /// captured payload stays zero.
    static void payload(Packet &p, int offset, const std::string &data)
    {
        const int room = std::max(0, static_cast<int>(p.capLen) - offset);
        std::memcpy(p.bytes.data() + offset, data.data(),
                    std::min<std::size_t>(data.size(), static_cast<std::size_t>(room)));
    }

    Packet tcp(std::int64_t us, std::uint32_t src, std::uint16_t sport, std::uint32_t dst,
               std::uint16_t dport, std::uint32_t seq, std::uint32_t ack, std::uint8_t flags,
               std::uint32_t len, const std::string &data)
    {
        Packet p = frame(us, src, dst, 6, 20 + len);
        std::uint8_t *t = p.bytes.data() + 34;
        put16(t, sport);
        put16(t + 2, dport);
        put32(t + 4, seq);
        put32(t + 8, ack);
        t[12] = 0x50;
        t[13] = flags;
        put16(t + 14, 64240);
        payload(p, 54, data);
        return p;
    }

    void push(const Packet &p) { m_pending.push(p); }

    void udp(std::int64_t us, std::uint32_t src, std::uint16_t sport, std::uint32_t dst,
             std::uint16_t dport, std::uint32_t len, const std::string &data)
    {
        Packet p = frame(us, src, dst, 17, 8 + len);
        std::uint8_t *u = p.bytes.data() + 34;
        put16(u, sport);
        put16(u + 2, dport);
        put16(u + 4, 8 + len);
        payload(p, 42, data);
        m_pending.push(p);
    }

    Profile m_p;
    Random m_rng;
    int m_snap;
    std::int64_t m_startUs;
    std::vector<std::uint32_t> m_locals, m_remotes;
    std::vector<std::uint16_t> m_ports;
    std::vector<LongFlow> m_long;
    std::priority_queue<Packet, std::vector<Packet>, Later> m_pending;
    pcap_dumper_t *m_dumper = nullptr;
    FILE *m_index = nullptr;
    std::uint64_t m_order = 0, m_packets = 0, m_wireBytes = 0, m_flows = 0, m_oneOffs = 0;
    std::int64_t m_nextHour = 0;
};

} // namespace

int main(int argc, char **argv)
{
    const auto usage = [] {
        std::fputs("usage: make_soak_pcap week|churn OUT [--days N] [--seed S] [--snaplen N]\n",
                   stderr);
        return 2;
    };
    if (argc < 3)
        return usage();
    const std::string mode = argv[1];
    const std::string out = argv[2];
    double days = 7;
    std::uint64_t seed = 10;
    int snaplen = mode == "churn" ? 128 : 80;
    for (int i = 3; i < argc; ++i) {
        const std::string opt = argv[i];
        if (i + 1 >= argc)
            return usage();
        char *end = nullptr;
        const char *value = argv[++i];
        if (opt == "--days")
            days = std::strtod(value, &end);
        else if (opt == "--seed")
            seed = std::strtoull(value, &end, 10);
        else if (opt == "--snaplen")
            snaplen = static_cast<int>(std::strtol(value, &end, 10));
        else
            return usage();
        if (end == value || *end != '\0') {
            std::fprintf(stderr, "make_soak_pcap: %s: not a number: \"%s\"\n", opt.c_str(), value);
            return 2;
        }
    }
    if (!(days > 0 && days <= 60) || snaplen < 64 || snaplen > kMaxSnap) {
        std::fprintf(stderr, "make_soak_pcap: --days must be in (0, 60], --snaplen in [64, %d]\n",
                     kMaxSnap);
        return 2;
    }
    Profile profile;
    if (mode == "week") {
        profile.seconds = days * 86400.0;
    } else if (mode == "churn") {
        profile.seconds = 5;
        profile.newFlowsPerSecond = 2000;
        profile.hourlyBursts = false;
        profile.contiguousRemotes = true;
        profile.oneOffShare = 0.01;
        profile.tcpShare = 0.40;
        profile.dnsShare = 0.50;
        profile.minReplies = 5;
        profile.maxReplies = 40;
        profile.longMinPeriod = 0.0008;
        profile.longMaxPeriod = 0.0016;
        profile.hourIndex = false;
        profile.fitSnap = true;
    } else {
        return usage();
    }

    pcap_t *dead = pcap_open_dead(DLT_EN10MB, snaplen);
    pcap_dumper_t *dumper = dead ? pcap_dump_open(dead, out.c_str()) : nullptr;
    if (!dumper) {
        std::fprintf(stderr, "make_soak_pcap: %s: %s\n", out.c_str(),
                     dead ? pcap_geterr(dead) : "pcap_open_dead failed");
        return 2;
    }
    const std::string indexPath = out + ".index";
    FILE *index = std::fopen(indexPath.c_str(), "w");
    if (!index) {
        std::fprintf(stderr, "make_soak_pcap: %s: %s\n", indexPath.c_str(), std::strerror(errno));
        return 2;
    }
    std::fprintf(index, "%s %s days=%g seed=%" PRIu64 " snaplen=%d\n", kVersion, mode.c_str(),
                 mode == "week" ? days : 0.0, seed, snaplen);
    // 2026-11-02 00:00:00 UTC: the week starts on a Monday at midnight.
    Generator generator(profile, seed, snaplen, 1793577600ll * 1000000);
    bool ok = generator.run(dumper, index);
    pcap_dump_close(dumper);
    pcap_close(dead);
    ok = std::fclose(index) == 0 && ok;
    if (!ok) {
        std::fprintf(stderr, "make_soak_pcap: writing %s failed (disk full?)\n", out.c_str());
        return 1;
    }
    generator.summary();
    return 0;
}
