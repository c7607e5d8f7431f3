// SPDX-License-Identifier: GPL-3.0-or-later
#include "source/mappedfile.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace netlens {

MappedFile::~MappedFile()
{
    if (m_data && m_size)
        ::munmap(const_cast<std::uint8_t *>(m_data), m_size);
}

void MappedFile::releaseBefore(std::size_t offset)
{
    const std::size_t end = std::min(offset, m_size) / 4096 * 4096;
    if (end > m_released) {
        ::madvise(const_cast<std::uint8_t *>(m_data) + m_released, end - m_released, MADV_DONTNEED);
        m_released = end;
    }
}

std::shared_ptr<MappedFile> MappedFile::open(const std::string &path, std::string &error)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = std::strerror(errno);
        return nullptr;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        error = std::strerror(errno);
        ::close(fd);
        return nullptr;
    }
    if (S_ISDIR(st.st_mode)) {
        error = "is a directory, not a capture file";
        ::close(fd);
        return nullptr;
    }
    std::shared_ptr<MappedFile> file(new MappedFile);
    file->m_size = static_cast<std::size_t>(st.st_size);
    if (file->m_size > 0) {
        void *p = ::mmap(nullptr, file->m_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            error = std::strerror(errno);
            ::close(fd);
            return nullptr;
        }
        // One sequential pass: ask for aggressive read-ahead.
        ::madvise(p, file->m_size, MADV_SEQUENTIAL);
        file->m_data = static_cast<const std::uint8_t *>(p);
    }
    ::close(fd);
    return file;
}

} // namespace netlens
