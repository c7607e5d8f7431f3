// SPDX-License-Identifier: GPL-3.0-or-later
#include "history/historywriter.h"

#include "history/historystore.h"

#include <chrono>
#include <future>

namespace netlens {

HistoryWriter::HistoryWriter(HistorySettings settings)
    : m_settings(std::move(settings))
{
}

HistoryWriter::~HistoryWriter()
{
    stop();
}

bool HistoryWriter::start(QString &error)
{
    if (m_running)
        return true;
    std::promise<QString> opened;
    std::future<QString> result = opened.get_future();
    m_stopping = false;
    m_thread = std::thread([this, &opened] {
        HistoryStore store(m_settings);
        QString err;
        const bool ok = store.open(err);
        opened.set_value(ok ? QString() : err);
        if (ok)
            loop(&store);
    });
    error = result.get();
    if (!error.isEmpty()) {
        m_thread.join();
        return false;
    }
    m_running = true;
    return true;
}

void HistoryWriter::push(HistoryMinute &&minute)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_queue.size() >= kMaxPending) {
            ++m_dropped;
            return;
        }
        m_queue.push_back(std::move(minute));
    }
    m_wake.notify_one();
}

void HistoryWriter::stop()
{
    if (!m_running)
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
    m_running = false;
}

void HistoryWriter::loop(HistoryStore *store)
{
    for (;;) {
        HistoryMinute minute;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty())
                return; // stopping, and everything is written
            minute = std::move(m_queue.front());
            m_queue.pop_front();
        }
        QString error;
        const auto t0 = std::chrono::steady_clock::now();
        const bool ok = store->writeMinute(minute, error);
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count();
        std::lock_guard lock(m_mutex);
        m_slowestMs = std::max(m_slowestMs, ms);
        if (ok)
            ++m_written;
        else
            m_error = error;
    }
}

QString HistoryWriter::lastError() const
{
    std::lock_guard lock(m_mutex);
    return m_error;
}

std::uint64_t HistoryWriter::written() const
{
    std::lock_guard lock(m_mutex);
    return m_written;
}

std::uint64_t HistoryWriter::dropped() const
{
    std::lock_guard lock(m_mutex);
    return m_dropped;
}

double HistoryWriter::slowestWriteMs() const
{
    std::lock_guard lock(m_mutex);
    return m_slowestMs;
}

} // namespace netlens
