// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace netlens {

class Engine;

/// How reading one input file ended.
struct FileResult {
    enum class Outcome { Ok, CutShort, Failed };
    std::string path;
    std::string format;  ///< e.g. "pcap (µs, little-endian)"
    Outcome outcome = Outcome::Ok;
    std::string message; ///< "<path>: <problem>" when not Ok
    std::uint64_t packets = 0;
};

/**
 * Feeds capture files, in order, through one Engine, as one capture. A file that cannot be
 * read is reported and skipped; the others are still analyzed.
 */
class FileAnalyzer {
public:
    /// Called now and then with bytes done and bytes in all files.
    using Progress = std::function<void(std::uint64_t done, std::uint64_t total)>;

    explicit FileAnalyzer(Engine &engine) : m_engine(engine) {}

    void setProgress(Progress progress, std::uint64_t everyPackets = 65536)
    {
        m_progress = std::move(progress);
        m_progressEvery = everyPackets ? everyPackets : 1;
    }
    /// Set from any thread to stop early; run() then returns what it has.
    void setCancelFlag(const std::atomic<bool> *cancel) { m_cancel = cancel; }

    std::vector<FileResult> run(const std::vector<std::string> &paths);
    /// Highest severity met: 0 all read, 1 a file was cut short, 2 a file could not be read.
    static int exitStatus(const std::vector<FileResult> &results);

private:
    Engine &m_engine;
    Progress m_progress;
    std::uint64_t m_progressEvery = 65536;
    const std::atomic<bool> *m_cancel = nullptr;
};

} // namespace netlens
