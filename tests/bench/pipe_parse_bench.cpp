// SPDX-License-Identifier: GPL-3.0-or-later
// pipe_parse_bench FILE.pcap [ROUNDS]
//
// How the capture worker should read the capture helper's pcap stream: the same capture is
// written into a pipe (1 MiB, 64 KiB writes, another thread, as the helper writes) and read
//   libpcap     pcap_fopen_offline() on the read end + pcap_next_ex() (blocking stdio)
//   PcapStream  our parser on the non-blocking read end, poll() when it is empty (what the
//               capture loop does, so a stop or a status line never waits for a packet)
// Prints packets, MB/s and ns per packet for each, best of ROUNDS (default 5).
#include "capture/pcapstream.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <pcap/pcap.h>
#include <poll.h>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace netlens;

namespace {
std::vector<char> readAll(const char *path)
{
    std::vector<char> out;
    FILE *f = std::fopen(path, "rb");
    if (!f)
        return out;
    char buf[1 << 16];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
        out.insert(out.end(), buf, buf + n);
    std::fclose(f);
    return out;
}

struct Result {
    std::uint64_t packets = 0;
    std::uint64_t bytes = 0;
    double seconds = 0;
};

template <typename Reader> Result run(const std::vector<char> &data, bool nonBlocking, Reader read)
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        std::exit(2);
    ::fcntl(fds[0], F_SETPIPE_SZ, 1 << 20);
    if (nonBlocking)
        ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
    const auto start = std::chrono::steady_clock::now();
    std::thread writer([&] {
        for (std::size_t at = 0; at < data.size(); at += 65536) {
            const std::size_t n = std::min<std::size_t>(65536, data.size() - at);
            if (::write(fds[1], data.data() + at, n) != static_cast<ssize_t>(n))
                break;
        }
        ::close(fds[1]);
    });
    Result r = read(fds[0]);
    writer.join();
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}
} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fputs("usage: pipe_parse_bench FILE.pcap [ROUNDS]\n", stderr);
        return 2;
    }
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 5;
    const std::vector<char> data = readAll(argv[1]);
    if (data.size() < 24) {
        std::fprintf(stderr, "pipe_parse_bench: cannot read %s\n", argv[1]);
        return 2;
    }
    Result bestPcap, bestOwn;
    for (int i = 0; i < rounds; ++i) {
        const Result p = run(data, false, [](int fd) {
            Result r;
            char err[PCAP_ERRBUF_SIZE];
            FILE *f = ::fdopen(fd, "rb");
            pcap_t *h = pcap_fopen_offline(f, err);
            if (!h)
                return r;
            pcap_pkthdr *hdr;
            const u_char *d;
            while (pcap_next_ex(h, &hdr, &d) == 1) {
                ++r.packets;
                r.bytes += hdr->caplen + d[0];
            }
            pcap_close(h); // closes f and fd
            return r;
        });
        const Result o = run(data, true, [](int fd) {
            Result r;
            PcapStream s;
            for (;;) {
                const PcapStream::Fill f = s.fill(fd, std::size_t{1} << 20);
                PcapStream::Record rec;
                while (s.next(rec)) {
                    ++r.packets;
                    r.bytes += rec.capLen + rec.data[0];
                }
                if (f == PcapStream::Fill::End || f == PcapStream::Fill::Error)
                    break;
                if (f == PcapStream::Fill::Again) {
                    pollfd waitFd{fd, POLLIN, 0};
                    ::poll(&waitFd, 1, 50);
                }
            }
            ::close(fd);
            return r;
        });
        if (i == 0 || p.seconds < bestPcap.seconds)
            bestPcap = p;
        if (i == 0 || o.seconds < bestOwn.seconds)
            bestOwn = o;
    }
    for (const auto &[name, r] : {std::pair{"libpcap", bestPcap}, std::pair{"PcapStream", bestOwn}})
        std::printf("%-11s %9llu packets  %8.1f MB/s  %6.1f ns/packet  (best of %d)\n", name,
                    static_cast<unsigned long long>(r.packets),
                    static_cast<double>(data.size()) / r.seconds / 1e6,
                    r.seconds * 1e9 / static_cast<double>(r.packets ? r.packets : 1), rounds);
    return bestPcap.packets == bestOwn.packets ? 0 : 1;
}
