// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fileloader.h"

#include "alerts/alertengine.h"
#include "engine/engine.h"
#include "engine/packetbytes.h"
#include "store/clock.h"

namespace netlens {

FileLoader::FileLoader(QStringList files, std::size_t storeCapacity, QObject *parent,
                       AlertSettings alerts, MemoryLimits limits, const EngineSettings &engine)
    : QObject(parent)
    , m_files(std::move(files))
    , m_engine(std::make_unique<Engine>(engine.withOwnLimits(limits)))
    , m_alertSettings(std::move(alerts))
{
    qRegisterMetaType<QList<netlens::Alert>>();
    m_engine->setStoreCapacity(storeCapacity);
    m_published = m_engine->store().size();
}

FileLoader::~FileLoader() = default;

void FileLoader::publish(bool force)
{
    const std::int64_t now = steadyNowNs();
    if (!force && now - m_lastBatchNs < m_batchIntervalMs * 1000000ll)
        return;
    m_lastBatchNs = now;
    m_engine->reclaim(now);
    const RowId rows = m_engine->store().size();
    Q_EMIT progress(m_bytesDone, m_bytesTotal);
    if (rows > m_published) {
        Q_EMIT batchReady(static_cast<qsizetype>(m_published), static_cast<qsizetype>(rows));
        m_published = rows;
    }
    if (m_alerts && m_alerts->hasChanges())
        Q_EMIT alertsReady(m_alerts->takeChanges());
    if (!force && now - m_lastSnapshotNs >= m_snapshotIntervalMs * 1000000ll) {
        m_lastSnapshotNs = now;
        Q_EMIT snapshotReady(m_engine->buildSnapshot(m_snapshotOptions));
    }
}

void FileLoader::run()
{
    m_lastBatchNs = m_lastSnapshotNs = steadyNowNs();
    std::vector<std::string> paths;
    for (const QString &f : m_files)
        paths.push_back(f.toStdString());
    QStringList messages;
    if (m_alertSettings.enabled) {
        QString error;
        m_alerts = AlertEngine::create(*m_engine, m_alertSettings, error);
        if (m_alerts) {
            // Snippets re-read their packets from the files by offset: no bytes kept.
            m_alerts->setBytesReader(std::make_shared<PacketBytesReader>(paths));
            m_engine->addPacketObserver(m_alerts.get());
        } else {
            messages << QStringLiteral("Alerts are off: ") + error;
        }
    }
    FileAnalyzer analyzer(*m_engine);
    analyzer.setCancelFlag(&m_cancel);
    // Every 16 K packets (about 8 ms at full speed) is often enough to keep batches at 100 ms.
    analyzer.setProgress(
        [this](std::uint64_t done, std::uint64_t total) {
            m_bytesDone = done;
            m_bytesTotal = total;
            publish(false);
        },
        16384);
    m_results = analyzer.run(paths);
    if (m_alerts)
        m_alerts->finish(); // engaged alerts released at the last packet, snippets written
    publish(true);
    Q_EMIT snapshotReady(m_engine->buildFinalSnapshot(m_snapshotOptions));
    for (const auto &r : m_results)
        if (r.outcome != FileResult::Outcome::Ok)
            messages << QString::fromStdString(r.message);
    Q_EMIT finished(messages, m_cancel.load());
}

} // namespace netlens
