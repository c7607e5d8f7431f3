// SPDX-License-Identifier: GPL-3.0-or-later
#include "streamwriter.h"

#include "store/clock.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <poll.h>
#include <unistd.h>

namespace netlens::helper {

StreamWriter::StreamWriter(int fd, std::size_t capacity)
    : m_fd(fd)
    , m_buffer(capacity)
{
}

bool StreamWriter::append(const void *data, std::size_t size)
{
    if (failed())
        return false;
    if (m_used + size > m_buffer.size()) {
        flush();
        if (failed())
            return false;
        // Interrupted by the stop signal with bytes left: keep this record too (the stream
        // must hold every record the file holds); the caller stops and flushes with a
        // deadline.
        if (m_used + size > m_buffer.size())
            m_buffer.resize(m_used + size);
    }
    std::memcpy(m_buffer.data() + m_used, data, size);
    m_used += size;
    return true;
}

bool StreamWriter::flush(std::int64_t deadlineNs)
{
    std::size_t done = 0;
    bool ok = true;
    while (done < m_used) {
        if (!deadlineNs && m_interrupt && *m_interrupt) {
            ok = false; // stopping: never block again; the caller flushes with a deadline
            break;
        }
        if (deadlineNs) {
            // Stopping: write only what the reader has room for, until the deadline. POLLOUT
            // on a pipe promises PIPE_BUF bytes, so such a write does not block.
            const std::int64_t left = deadlineNs - steadyNowNs();
            pollfd p{m_fd, POLLOUT, 0};
            if (left <= 0 ||
                ::poll(&p, 1, static_cast<int>(std::max<std::int64_t>(1, left / 1000000))) <= 0 ||
                !(p.revents & POLLOUT)) {
                if (p.revents & (POLLERR | POLLHUP))
                    m_readerGone = true;
                m_error = left <= 0 || !(p.revents & (POLLERR | POLLHUP))
                              ? "the parent did not read the stream in time"
                              : "the parent closed the stream";
                ok = false;
                break;
            }
        }
        const std::size_t chunk =
            deadlineNs ? std::min<std::size_t>(m_used - done, PIPE_BUF) : m_used - done;
        const ssize_t n = ::write(m_fd, m_buffer.data() + done, chunk);
        if (n > 0) {
            done += static_cast<std::size_t>(n);
            m_written += static_cast<std::uint64_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) {
            if (m_interrupt && *m_interrupt && !deadlineNs) {
                ok = false; // not an error: the caller flushes again with a deadline
                break;
            }
            continue;
        }
        if (n < 0 && errno == EAGAIN) { // a non-blocking descriptor: wait until writable
            pollfd p{m_fd, POLLOUT, 0};
            ::poll(&p, 1, 50);
            continue;
        }
        m_readerGone = n < 0 && errno == EPIPE;
        m_error = m_readerGone ? "the parent closed the stream"
                               : std::string("writing the stream failed: ") +
                                     std::strerror(n < 0 ? errno : EIO);
        ok = false;
        break;
    }
    // Keep what was not written, at the front.
    if (done > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + done, m_used - done);
        m_used -= done;
    }
    return ok;
}

} // namespace netlens::helper
