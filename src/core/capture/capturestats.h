// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>
#include <QString>

namespace netlens {

/// Capture counters, sent once a second (stats tick) and at the end.
struct CaptureStats {
    quint64 packets = 0;          ///< packets processed by NetLens
    quint64 bytes = 0;            ///< their wire bytes
    quint64 received = 0;         ///< pcap_stats ps_recv
    quint64 droppedKernel = 0;    ///< pcap_stats ps_drop: no room in the kernel buffer
    quint64 droppedInterface = 0; ///< pcap_stats ps_ifdrop: dropped by the interface/driver
    double packetsPerSec = 0;     ///< over the last tick
    double bytesPerSec = 0;
    qint64 elapsedMs = 0;
    QString file;              ///< current capture file, empty when not recording
    quint64 fileBytes = 0;     ///< bytes written, all files
    int files = 0;             ///< capture files opened
    quint64 flowsExported = 0; ///< IPFIX data records sent or written
    quint64 exportLost = 0;    ///< IPFIX messages the collector socket refused
};

} // namespace netlens

Q_DECLARE_METATYPE(netlens::CaptureStats)
