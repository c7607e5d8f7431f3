// SPDX-License-Identifier: GPL-3.0-or-later
// bench_rawpcap FILE: the floor for reading a capture through libpcap.
// Opens FILE with pcap_open_offline, walks it with pcap_next_ex, counts packets and captured
// bytes, and prints "packets bytes". Nothing else: no decoding, no copying, no allocation per
// packet. run-analyze-bench.sh compares netlens-cli analyze against this loop.
#include <pcap/pcap.h>

#include <cinttypes>
#include <cstdint>
#include <cstdio>

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s FILE\n", argv[0]);
        return 2;
    }
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    pcap_t *handle = pcap_open_offline(argv[1], errbuf);
    if (handle == nullptr) {
        std::fprintf(stderr, "bench_rawpcap: %s: %s\n", argv[1], errbuf);
        return 2;
    }
    std::uint64_t packets = 0;
    std::uint64_t bytes = 0;
    pcap_pkthdr *header = nullptr;
    const u_char *data = nullptr;
    int rc = 0;
    while ((rc = pcap_next_ex(handle, &header, &data)) == 1) {
        ++packets;
        bytes += header->caplen;
    }
    int status = 0;
    if (rc == PCAP_ERROR) {
        std::fprintf(stderr, "bench_rawpcap: %s: %s\n", argv[1], pcap_geterr(handle));
        status = 1;
    }
    pcap_close(handle);
    std::printf("%" PRIu64 " %" PRIu64 "\n", packets, bytes);
    return status;
}
