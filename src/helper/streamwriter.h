// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <csignal>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace netlens::helper {

/**
 * A buffered writer over a descriptor (the helper's stdout, a pipe to its parent) with
 * write(2): stdio would hide short writes and EPIPE, and a blocked fwrite could not be
 * interrupted by the stop signal.
 *
 * Blocking while the parent reads is how back-pressure works (as with tcpdump -w -). A stop
 * signal interrupts a blocked write (EINTR, the handler is installed without SA_RESTART);
 * the rest is then written with a deadline, so a parent that stopped reading cannot keep the
 * helper from closing its capture file.
 */
class StreamWriter {
public:
    explicit StreamWriter(int fd, std::size_t capacity = std::size_t{1} << 20);

    /// Appends bytes, writing the buffer out first when they do not fit (the buffer grows
    /// instead when the stop signal interrupts that). False once the reader is gone (EPIPE)
    /// or the descriptor failed: see error().
    bool append(const void *data, std::size_t size);
    /// Writes everything buffered. `deadlineNs` (steady clock, 0: none) bounds the wait for
    /// a reader that is not reading. False as for append(), or at the deadline.
    bool flush(std::int64_t deadlineNs = 0);

    /// Set by the stop signal's handler: a write interrupted by it returns to the caller
    /// instead of waiting on, and flush() then returns false with nothing lost (call again).
    void setInterruptFlag(const volatile std::sig_atomic_t *flag) { m_interrupt = flag; }

    bool failed() const { return !m_error.empty(); }
    /// True when the reader closed its end (EPIPE): the parent is gone.
    bool readerGone() const { return m_readerGone; }
    const std::string &error() const { return m_error; }
    std::uint64_t bytesWritten() const { return m_written; }
    std::size_t pending() const { return m_used; }

private:
    int m_fd;
    std::vector<char> m_buffer;
    std::size_t m_used = 0;
    std::uint64_t m_written = 0;
    const volatile std::sig_atomic_t *m_interrupt = nullptr;
    bool m_readerGone = false;
    std::string m_error;
};

} // namespace netlens::helper
