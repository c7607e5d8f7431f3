// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <cstdlib>
#include <cstddef>
#include <memory>
#include <new>

namespace netlens {

/// Frees a table made by zeroedPointerTable().
struct FreeDeleter {
    void operator()(void *p) const { std::free(p); }
};
template <typename T>
using PointerTable = std::unique_ptr<std::atomic<T *>[], FreeDeleter>;

/**
 * A table of `n` null atomic pointers from calloc. Tables for billions of rows are megabytes;
 * calloc gets them as untouched zero pages, so an engine for a small file (or each fuzzer
 * input) does not pay for zeroing them. An all-zero std::atomic<T*> is a null pointer on
 * every platform we build for (lock-free, same layout as T*), checked below.
 */
template <typename T>
PointerTable<T> zeroedPointerTable(std::size_t n)
{
    static_assert(sizeof(std::atomic<T *>) == sizeof(T *) && std::atomic<T *>::is_always_lock_free);
    void *p = std::calloc(n, sizeof(std::atomic<T *>));
    if (!p)
        throw std::bad_alloc();
    return PointerTable<T>(static_cast<std::atomic<T *> *>(p));
}

/**
 * Append-only array for one writer and lock-free readers on other threads.
 *
 * Elements live in fixed-size chunks that never move, so a reference stays valid for the
 * array's life and a reader never sees a reallocation. The writer constructs an element fully
 * before publishing the new size (release); readers index below size() (acquire).
 * Fields the writer keeps changing after publication must be atomics if readers look at them.
 */
template <typename T, std::size_t ChunkBits = 12>
class ChunkedArray {
public:
    static constexpr std::size_t kChunkSize = std::size_t{1} << ChunkBits;
    static constexpr std::size_t kMaxChunks = (std::size_t{1} << 32) / kChunkSize;

    ChunkedArray() : m_chunks(zeroedPointerTable<T>(kMaxChunks)) {}
    ~ChunkedArray()
    {
        const std::size_t n = size();
        for (std::size_t i = 0; i < n; ++i)
            (*this)[i].~T();
        for (std::size_t c = 0; c < kMaxChunks && m_chunks[c].load(std::memory_order_relaxed); ++c)
            ::operator delete(m_chunks[c].load(std::memory_order_relaxed));
    }
    ChunkedArray(const ChunkedArray &) = delete;
    ChunkedArray &operator=(const ChunkedArray &) = delete;

    /// Writer only: constructs a new element in place and publishes it. Returns its index.
    template <typename... Args>
    std::size_t emplaceBack(Args &&...args)
    {
        const std::size_t i = m_size.load(std::memory_order_relaxed);
        const std::size_t c = i >> ChunkBits;
        if (c >= kMaxChunks)
            throw std::bad_alloc();
        T *chunk = m_chunks[c].load(std::memory_order_relaxed);
        if (!chunk) {
            chunk = static_cast<T *>(::operator new(kChunkSize * sizeof(T)));
            m_chunks[c].store(chunk, std::memory_order_release);
        }
        new (chunk + (i & (kChunkSize - 1))) T(std::forward<Args>(args)...);
        m_size.store(i + 1, std::memory_order_release);
        return i;
    }

    std::size_t size() const { return m_size.load(std::memory_order_acquire); }
    T &operator[](std::size_t i)
    {
        return m_chunks[i >> ChunkBits].load(std::memory_order_acquire)[i & (kChunkSize - 1)];
    }
    const T &operator[](std::size_t i) const
    {
        return m_chunks[i >> ChunkBits].load(std::memory_order_acquire)[i & (kChunkSize - 1)];
    }

private:
    PointerTable<T> m_chunks;
    std::atomic<std::size_t> m_size{0};
};

} // namespace netlens
