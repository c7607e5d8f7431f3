// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "source/rawpacket.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace netlens {

class MappedFile;

/**
 * Reads packets from a capture file held in memory (normally a read-only mapping).
 *
 * Readers never throw and never read outside the buffer. A problem ends the read with
 * state() == Error (nothing usable follows) or Truncated (the file stops inside a record;
 * every packet before it was delivered). error() says what happened, without the file name:
 * callers prefix the name.
 */
class CaptureReader {
public:
    enum class State { Reading, End, Truncated, Error };

    virtual ~CaptureReader();
    CaptureReader(const CaptureReader &) = delete;
    CaptureReader &operator=(const CaptureReader &) = delete;

    /// Fills `out` with the next packet. Returns false at the end or on a problem.
    virtual bool next(RawPacket &out) = 0;

    State state() const { return m_state; }
    const std::string &error() const { return m_error; }
    /// Byte offset reached so far, for progress.
    std::uint64_t position() const { return m_pos; }
    std::uint64_t size() const { return m_size; }
    /// Short name of the format, e.g. "pcap (µs, little-endian)".
    virtual std::string formatName() const = 0;

    /// Opens `path`, maps it and picks the reader by its magic number.
    /// On failure returns null and sets `error` (without the file name).
    static std::unique_ptr<CaptureReader> open(const std::string &path, std::string &error);
    /// A reader over bytes owned by the caller (fuzzing, tests). The bytes must outlive it.
    static std::unique_ptr<CaptureReader> fromMemory(const std::uint8_t *data, std::size_t size,
                                                     std::string &error);

protected:
    CaptureReader(const std::uint8_t *data, std::size_t size) : m_data(data), m_size(size) {}
    bool fail(State state, std::string message);
    /// Called by readers as they advance: gives the pages already read back to the kernel.
    void releaseConsumed()
    {
        if (m_file && m_pos - m_released >= kReleaseStep)
            releaseRange();
    }

    const std::uint8_t *m_data;
    std::uint64_t m_size;
    std::uint64_t m_pos = 0;
    State m_state = State::Reading;
    std::string m_error;

private:
    // A one-pass read touches every page of the mapping; without help they would all count
    // as our resident memory (1 GB for a 1 GB file). Dropping them every 32 MB keeps RSS
    // flat; the page cache still holds them, so nothing is read twice.
    static constexpr std::uint64_t kReleaseStep = 32ull << 20;
    void releaseRange();

    std::shared_ptr<MappedFile> m_file; // keeps the mapping alive when open() made it
    std::uint64_t m_released = 0;
};

} // namespace netlens
