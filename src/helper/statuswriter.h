// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace netlens::helper {

/// The --status-fd channel: one text line per event, each written whole with write(2) before
/// the packets it concerns reach the stream. A no-op without --status-fd.
class StatusWriter {
public:
    explicit StatusWriter(int fd = -1)
        : m_fd(fd)
    {
    }
    /// Writes `line` and a '\n'. A parent that closed the channel is not an error here: the
    /// stream (stdout) is how the helper learns that its parent is gone.
    void line(const std::string &line);

private:
    int m_fd;
};

} // namespace netlens::helper
