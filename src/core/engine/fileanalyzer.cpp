// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fileanalyzer.h"

#include "engine/engine.h"
#include "source/capturereader.h"

#include <sys/stat.h>

namespace netlens {

std::vector<FileResult> FileAnalyzer::run(const std::vector<std::string> &paths)
{
    std::vector<FileResult> results;
    std::uint64_t total = 0;
    for (const auto &p : paths) {
        struct stat st {};
        if (::stat(p.c_str(), &st) == 0)
            total += static_cast<std::uint64_t>(st.st_size);
    }
    std::uint64_t doneBefore = 0;
    for (std::size_t i = 0; i < paths.size(); ++i) {
        FileResult res;
        res.path = paths[i];
        std::string error;
        auto reader = CaptureReader::open(paths[i], error);
        if (!reader) {
            res.outcome = FileResult::Outcome::Failed;
            res.message = paths[i] + ": " + error;
            results.push_back(std::move(res));
            continue;
        }
        m_engine.beginFile(static_cast<std::uint16_t>(i));
        RawPacket packet;
        std::uint64_t n = 0;
        while (reader->next(packet)) {
            m_engine.process(packet);
            if (++n % m_progressEvery == 0) {
                if (m_progress)
                    m_progress(doneBefore + reader->position(), total);
                if (m_cancel && m_cancel->load(std::memory_order_relaxed))
                    break;
            }
        }
        res.packets = n;
        res.format = reader->formatName();
        if (reader->state() == CaptureReader::State::Truncated) {
            res.outcome = FileResult::Outcome::CutShort;
            res.message = paths[i] + ": " + reader->error() + "; the " + std::to_string(n) +
                          " packets before it were analyzed";
        } else if (reader->state() == CaptureReader::State::Error) {
            res.outcome = FileResult::Outcome::Failed;
            res.message = paths[i] + ": " + reader->error();
            if (n)
                res.message += "; the " + std::to_string(n) +
                               " packets before it were analyzed";
        }
        doneBefore += reader->size();
        results.push_back(std::move(res));
        if (m_progress)
            m_progress(doneBefore, total);
        if (m_cancel && m_cancel->load(std::memory_order_relaxed))
            break;
    }
    m_engine.finish();
    return results;
}

int FileAnalyzer::exitStatus(const std::vector<FileResult> &results)
{
    int status = 0;
    for (const auto &r : results) {
        if (r.outcome == FileResult::Outcome::Failed)
            status = 2;
        else if (r.outcome == FileResult::Outcome::CutShort && status < 1)
            status = 1;
    }
    return status;
}

} // namespace netlens
