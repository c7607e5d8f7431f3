// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: a capture file in memory, read with CaptureReader and fed through the
// Engine (decoder, flow table, nDPI detection, statistics, packet store), the first packets
// also through the details dissector; the same bytes also go straight to the decoder and the
// dissector as one frame of several link types, so both are fuzzed even when the bytes are no
// valid pcap/pcapng file.
//
// Build: -DCMAKE_CXX_COMPILER=clang++ -DNETLENS_FUZZ=ON (with -DNETLENS_SANITIZE=ON for
// ASan+UBSan). Run: fuzz_capture -max_len=65536 CORPUS_DIR SEED_DIR...

#include "decode/decodedpacket.h"
#include "decode/dissector.h"
#include "decode/linktype.h"
#include "engine/engine.h"
#include "source/capturereader.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace {

// Stop feeding the engine after this many packets: keeps one input's cost bounded (a large
// seed can hold tens of thousands of packets) without hiding anything a packet can trigger.
constexpr std::uint64_t kMaxPackets = 4096;
// Packets of a file that also go through the (slower, string-building) details dissector.
constexpr std::uint64_t kMaxDissected = 32;

const std::uint16_t kRawLinkTypes[] = {
    netlens::linktype::Null,     netlens::linktype::Ethernet, netlens::linktype::Raw,
    netlens::linktype::LinuxSll, netlens::linktype::LinuxSll2, netlens::linktype::Ppp,
    netlens::linktype::Nflog,
};

// Reads every field so that a decoder pointer out of the frame is caught by ASan.
std::uint32_t touch(const netlens::DecodedPacket &d, const std::uint8_t *data, std::size_t size)
{
    std::uint32_t sum = d.flags + d.srcPort + d.dstPort + d.etherType;
    if (d.srcAddr && d.addrLen)
        sum += d.srcAddr[0] + d.srcAddr[d.addrLen - 1];
    if (d.dstAddr && d.addrLen)
        sum += d.dstAddr[0] + d.dstAddr[d.addrLen - 1];
    if (d.srcMac)
        sum += d.srcMac[5];
    if (d.dstMac)
        sum += d.dstMac[5];
    if (d.payloadLength) {
        // The payload must lie inside the captured bytes.
        if (std::size_t(d.payloadOffset) + d.payloadLength > size)
            __builtin_trap();
        sum += data[d.payloadOffset] + data[d.payloadOffset + d.payloadLength - 1];
    }
    if (d.l3Length && std::size_t(d.l3Offset) + d.l3Length > size)
        __builtin_trap();
    return sum;
}

// The dissector's promises: it returns, and every field lies inside the captured bytes.
std::uint32_t dissect(const std::uint8_t *data, std::uint32_t capLen, std::uint32_t wireLen,
                      std::uint16_t linkType)
{
    std::uint32_t sum = 0;
    for (const netlens::DissectedField &f : netlens::dissectPacket(data, capLen, wireLen, linkType)) {
        if (f.offset > capLen || f.length > capLen - f.offset)
            __builtin_trap(); // a field outside the packet: the hex view would read past it
        sum += f.depth + static_cast<std::uint32_t>(f.text.size());
    }
    return sum + static_cast<std::uint32_t>(netlens::packetInfo(data, capLen, wireLen, linkType).size());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    volatile std::uint32_t sink = 0;

    // 1. The decoder alone, on the raw bytes as one frame. A heap copy of exactly `size`
    //    bytes so that ASan sees a read one past the end.
    if (size > 0 && size <= 0xffff) {
        auto frame = std::make_unique<std::uint8_t[]>(size);
        __builtin_memcpy(frame.get(), data, size);
        const auto capLen = static_cast<std::uint32_t>(size);
        for (std::uint16_t lt : kRawLinkTypes) {
            for (std::uint32_t wireLen : {capLen, capLen + 100}) {
                netlens::DecodedPacket d;
                netlens::decodePacket(frame.get(), capLen, wireLen, lt, d);
                sink = sink + touch(d, frame.get(), size);
            }
            sink = sink + dissect(frame.get(), capLen, capLen, lt);
        }
    }

    // 2. The bytes as a capture file, every packet through the engine.
    std::string error;
    auto reader = netlens::CaptureReader::fromMemory(data, size, error);
    if (!reader)
        return 0;
    // One nDPI module for every input: its set-up costs 28 of the 35 ms an input takes under
    // ASan. Engines (flows, statistics, store) are still new for each input.
    static const auto apps = std::make_shared<netlens::AppDetector>();
    std::optional<netlens::Engine> engine; // made on the first packet
    netlens::RawPacket packet;
    std::uint64_t n = 0;
    while (n < kMaxPackets && reader->next(packet)) {
        if (packet.capLen && (packet.data < data || packet.data + packet.capLen > data + size))
            __builtin_trap(); // a reader handed out bytes outside the file
        if (!engine)
            engine.emplace(netlens::EngineSettings{}, apps);
        engine->process(packet);
        if (n < kMaxDissected)
            sink = sink + dissect(packet.data, packet.capLen, packet.wireLen, packet.linkType);
        ++n;
    }
    (void)reader->formatName();
    (void)reader->error();
    if (engine) {
        engine->finish();
        const auto &store = engine->store();
        for (std::size_t i = store.firstRow(); i < store.size(); ++i)
            sink = sink + engine->protocolName(store.at(i)).size();
    }
    return 0;
}
