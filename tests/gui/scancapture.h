// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A capture with a port scan in it, written as a pcap, for the GUI tests that let the real
// alert engine raise an alert: a calm pair talking every half second for 20 s and, 5 s in,
// 10.0.0.5 sending SYNs to 300 ports of 10.0.0.9 within 3 s (the default port_scan rule
// fires at 100 ports in 10 s).

#include <QByteArray>
#include <QFile>
#include <QString>
#include <algorithm>
#include <cstring>
#include <pcap/pcap.h>
#include <utility>
#include <vector>

namespace netlens::test {

/// A pcap (Ethernet) of `packets` (frame bytes, capture time in ns), written by libpcap.
inline bool writePcap(const QString &path,
                      const std::vector<std::pair<QByteArray, std::int64_t>> &packets)
{
    pcap_t *dead = pcap_open_dead(DLT_EN10MB, 65535);
    pcap_dumper_t *dumper =
        dead ? pcap_dump_open(dead, QFile::encodeName(path).constData()) : nullptr;
    if (!dumper) {
        if (dead)
            pcap_close(dead);
        return false;
    }
    for (const auto &[frame, ns] : packets) {
        pcap_pkthdr h{};
        h.ts.tv_sec = static_cast<time_t>(ns / 1'000'000'000);
        h.ts.tv_usec = static_cast<suseconds_t>(ns % 1'000'000'000 / 1000);
        h.caplen = h.len = static_cast<bpf_u_int32>(frame.size());
        pcap_dump(reinterpret_cast<u_char *>(dumper), &h,
                  reinterpret_cast<const u_char *>(frame.constData()));
    }
    const bool ok = pcap_dump_flush(dumper) == 0;
    pcap_dump_close(dumper);
    pcap_close(dead);
    return ok;
}

/// Ethernet + IPv4 + TCP (no payload) from a.b.c.d addresses given as 32-bit values.
inline QByteArray tcpFrame(quint32 src, quint32 dst, quint16 sport, quint16 dport, quint8 flags)
{
    QByteArray f(14 + 20 + 20, '\0');
    auto *b = reinterpret_cast<uchar *>(f.data());
    const uchar macs[12] = {2, 0, 0, 0, 0, 9, 2, 0, 0, 0, 0, 5};
    std::memcpy(b, macs, 12);
    b[12] = 0x08;
    uchar *ip = b + 14;
    ip[0] = 0x45;
    ip[3] = 40; // total length
    ip[6] = 0x40;
    ip[8] = 64;
    ip[9] = 6;
    for (int i = 0; i < 4; ++i) {
        ip[12 + i] = static_cast<uchar>(src >> (24 - 8 * i));
        ip[16 + i] = static_cast<uchar>(dst >> (24 - 8 * i));
    }
    quint32 sum = 0;
    for (int i = 0; i < 20; i += 2)
        sum += quint32(ip[i]) << 8 | ip[i + 1];
    sum = (sum & 0xffff) + (sum >> 16);
    const quint16 check = static_cast<quint16>(~sum);
    ip[10] = static_cast<uchar>(check >> 8);
    ip[11] = static_cast<uchar>(check);
    uchar *tcp = ip + 20;
    tcp[0] = static_cast<uchar>(sport >> 8);
    tcp[1] = static_cast<uchar>(sport);
    tcp[2] = static_cast<uchar>(dport >> 8);
    tcp[3] = static_cast<uchar>(dport);
    tcp[12] = 0x50;
    tcp[13] = flags;
    tcp[14] = 0x20; // window
    return f;
}

inline bool writeScanCapture(const QString &path)
{
    const quint32 scanner = 0x0a000005, target = 0x0a000009;
    const quint32 a = 0x0a000014, b = 0x0a000015;
    const std::int64_t t0 = 1'764'000'000'000'000'000;
    std::vector<std::pair<QByteArray, std::int64_t>> packets;
    for (int i = 0; i < 40; ++i)
        packets.emplace_back(tcpFrame(a, b, 40000, 443, 0x18), t0 + i * 500'000'000LL);
    for (int p = 0; p < 300; ++p)
        packets.emplace_back(tcpFrame(scanner, target, 50000, static_cast<quint16>(1 + p), 0x02),
                             t0 + 5'000'000'000LL + p * 10'000'000LL);
    std::stable_sort(packets.begin(), packets.end(),
                     [](const auto &x, const auto &y) { return x.second < y.second; });
    return writePcap(path, packets);
}

} // namespace netlens::test
