// SPDX-License-Identifier: GPL-3.0-or-later
#include "statuswriter.h"

#include <cerrno>
#include <unistd.h>

namespace netlens::helper {

void StatusWriter::line(const std::string &text)
{
    if (m_fd < 0)
        return;
    const std::string out = text + '\n';
    std::size_t done = 0;
    while (done < out.size()) {
        const ssize_t n = ::write(m_fd, out.data() + done, out.size() - done);
        if (n > 0)
            done += static_cast<std::size_t>(n);
        else if (n < 0 && errno == EINTR)
            continue;
        else
            return;
    }
}

} // namespace netlens::helper
