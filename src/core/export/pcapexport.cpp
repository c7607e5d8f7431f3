// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/pcapexport.h"

#include "engine/packetbytes.h"
#include "store/packetstore.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <pcap/pcap.h>

namespace netlens {

bool exportPcap(const PacketStore &store, const std::vector<std::string> &files,
                const std::string &path, std::string &error,
                const std::function<bool(std::size_t)> &keep)
{
    const RowId first = store.firstRow(), end = store.size();
    int linkType = -1;
    for (RowId i = first; i < end; ++i) {
        if (keep && !keep(i))
            continue;
        const PacketRecord *r = store.find(i);
        if (!r)
            continue; // retired meanwhile (a live capture at its cap)
        const int lt = r->linkType;
        if (linkType >= 0 && lt != linkType) {
            error = path + ": these packets have several link types (" + std::to_string(linkType) +
                    " and " + std::to_string(lt) + "); a pcap file holds only one";
            return false;
        }
        linkType = lt;
    }
    if (linkType < 0)
        linkType = 1;
    pcap_t *dead = pcap_open_dead_with_tstamp_precision(linkType == 101 ? DLT_RAW : linkType,
                                                        262144, PCAP_TSTAMP_PRECISION_NANO);
    if (!dead) {
        error = path + ": libpcap cannot write link type " + std::to_string(linkType);
        return false;
    }
    const std::string temp = path + ".part";
    pcap_dumper_t *dumper = pcap_dump_open(dead, temp.c_str());
    if (!dumper) {
        error = path + ": " + pcap_geterr(dead);
        pcap_close(dead);
        return false;
    }
    PacketBytesReader bytes(files);
    std::vector<std::uint8_t> buf;
    bool ok = true;
    for (RowId i = first; i < end && ok; ++i) {
        if (keep && !keep(i))
            continue;
        const PacketRecord *found = store.find(i);
        if (!found)
            continue;
        const PacketRecord r = *found; // a copy: the row may be retired while its bytes are read
        if (!bytes.read(r, buf)) {
            error = path + ": the bytes of packet " + std::to_string(r.frameNumber()) +
                    " could not be re-read from its capture file";
            ok = false;
            break;
        }
        pcap_pkthdr h{};
        h.ts.tv_sec = static_cast<time_t>(r.tsNs / 1000000000);
        h.ts.tv_usec = static_cast<suseconds_t>(r.tsNs % 1000000000);
        h.caplen = r.capLen;
        h.len = r.wireLen;
        pcap_dump(reinterpret_cast<u_char *>(dumper), &h, buf.data());
    }
    if (ok && (pcap_dump_flush(dumper) != 0 || std::ferror(pcap_dump_file(dumper)))) {
        error = path + ": writing failed: " + std::strerror(errno);
        ok = false;
    }
    pcap_dump_close(dumper);
    pcap_close(dead);
    if (ok && std::rename(temp.c_str(), path.c_str()) != 0) {
        error = path + ": " + std::strerror(errno);
        ok = false;
    }
    if (!ok)
        std::remove(temp.c_str());
    return ok;
}

} // namespace netlens
