// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Corpus packets for tests (header-only): each packet's bytes in a buffer of exactly capLen
// bytes, so that ASan reports any read past the captured length. Needs NETLENS_CORPUS_DIR.

#include "source/capturereader.h"

#include <QDir>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace netlens::testing {

struct Packet {
    std::vector<std::uint8_t> bytes; ///< exactly capLen bytes, so ASan catches over-reads
    std::uint32_t wireLen = 0;
    std::uint16_t linkType = 0;

    std::uint32_t capLen() const { return static_cast<std::uint32_t>(bytes.size()); }
};

inline QString corpusPath(const QString &file)
{
    return QStringLiteral(NETLENS_CORPUS_DIR "/") + file;
}

inline std::vector<Packet> readPackets(const QString &file)
{
    std::vector<Packet> out;
    std::string error;
    auto reader = CaptureReader::open(corpusPath(file).toStdString(), error);
    if (!reader)
        return out;
    RawPacket raw;
    while (reader->next(raw))
        out.push_back({std::vector<std::uint8_t>(raw.data, raw.data + raw.capLen), raw.wireLen,
                       raw.linkType});
    return out;
}

/// Packets of a file, read once per test run.
inline const std::vector<Packet> &packetsOf(const QString &file)
{
    static std::map<QString, std::vector<Packet>> cache;
    auto it = cache.find(file);
    if (it == cache.end())
        it = cache.emplace(file, readPackets(file)).first;
    return it->second;
}

/// Every capture file of the corpus, by name.
inline QStringList corpusFiles()
{
    return QDir(QStringLiteral(NETLENS_CORPUS_DIR))
        .entryList({QStringLiteral("*.pcap"), QStringLiteral("*.pcapng")}, QDir::Files, QDir::Name);
}

} // namespace netlens::testing
