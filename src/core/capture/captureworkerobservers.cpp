// SPDX-License-Identifier: GPL-3.0-or-later
// CaptureWorker, part two: the observers a live capture adds to its engine besides the
// alerts (traffic history and IPFIX flow export). Both are optional and neither stops the
// capture when it fails: they say so with warningOccurred().
#include "capture/captureworker.h"
#include "engine/engine.h"
#include "history/historyrecorder.h"
#include "history/historywriter.h"
#include "ipfix/ipfixexporter.h"

#include <net/if.h>

namespace netlens {

void CaptureWorker::startHistory()
{
    if (!m_settings.history.enabled)
        return;
    // The writer thread opens the database now, so a bad path is said at the start.
    auto writer = std::make_unique<HistoryWriter>(m_settings.history);
    QString error;
    if (!writer->start(error)) {
        // The capture goes on without history (a data folder this user cannot write, as for
        // a monitor run as nobody): said once, not a failed capture.
        Q_EMIT warningOccurred(tr("History is off: %1").arg(error));
        return;
    }
    m_historyWriter = std::move(writer);
    HistoryWriter *sink = m_historyWriter.get();
    m_history = std::make_unique<HistoryRecorder>(
        *m_engine, m_settings.history.localAddresses,
        [sink](HistoryMinute &&minute) { sink->push(std::move(minute)); });
    m_engine->addPacketObserver(m_history.get());
}

void CaptureWorker::finishHistory()
{
    if (!m_history)
        return;
    m_history->finish(); // the partial minute
    m_historyWriter->stop();
    if (const QString error = m_historyWriter->lastError(); !error.isEmpty())
        Q_EMIT warningOccurred(tr("History: %1").arg(error));
    else if (m_historyWriter->dropped())
        Q_EMIT warningOccurred(tr("History: %n minute(s) not written (the database was too slow).",
                                  nullptr, static_cast<int>(m_historyWriter->dropped())));
}

void CaptureWorker::startExport()
{
    if (!m_settings.ipfix.enabled())
        return;
    IpfixSettings settings = m_settings.ipfix;
    settings.live = true;
    settings.ingressInterface = ::if_nametoindex(m_settings.interface.c_str());
    if (!settings.maxFlows)
        settings.maxFlows = m_settings.limits.maxFlows;
    std::string error;
    m_ipfix = IpfixExporter::create(*m_engine, settings, error);
    if (!m_ipfix) {
        Q_EMIT warningOccurred(tr("Flow export is off: %1").arg(QString::fromStdString(error)));
        return;
    }
    m_engine->addPacketObserver(m_ipfix.get());
}

void CaptureWorker::exportWarnings()
{
    for (const std::string &w : m_ipfix->takeWarnings())
        Q_EMIT warningOccurred(QString::fromStdString(w));
}

} // namespace netlens
