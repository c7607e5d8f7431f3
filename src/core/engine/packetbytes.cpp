// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/packetbytes.h"

#include <fcntl.h>
#include <unistd.h>

namespace netlens {

PacketBytesReader::PacketBytesReader(std::vector<std::string> files)
    : m_files(std::move(files)), m_fds(m_files.size(), -1)
{
}

PacketBytesReader::~PacketBytesReader()
{
    for (int fd : m_fds)
        if (fd >= 0)
            ::close(fd);
}

void PacketBytesReader::addFile(const std::string &path)
{
    std::lock_guard lock(m_mutex);
    m_files.push_back(path);
    m_fds.push_back(-1);
}

std::size_t PacketBytesReader::fileCount() const
{
    std::lock_guard lock(m_mutex);
    return m_files.size();
}

int PacketBytesReader::fdFor(std::uint16_t index) const
{
    std::lock_guard lock(m_mutex);
    if (index >= m_files.size())
        return -1;
    if (m_fds[index] < 0)
        m_fds[index] = ::open(m_files[index].c_str(), O_RDONLY | O_CLOEXEC);
    return m_fds[index];
}

bool PacketBytesReader::read(const PacketRecord &record, std::vector<std::uint8_t> &out) const
{
    const int fd = fdFor(record.fileIndex);
    if (fd < 0)
        return false;
    out.resize(record.capLen);
    std::size_t done = 0;
    while (done < record.capLen) {
        const ssize_t n = ::pread(fd, out.data() + done, record.capLen - done,
                                  static_cast<off_t>(record.fileOffset + done));
        if (n <= 0)
            return false; // not flushed yet, or the file changed under us
        done += static_cast<std::size_t>(n);
    }
    return true;
}

} // namespace netlens
