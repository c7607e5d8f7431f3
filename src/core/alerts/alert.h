// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <cstdint>
#include <vector>

namespace netlens {

/// The kinds of rule, by their names in alert-rules.json and in `alert --json`.
enum class AlertKind : std::uint8_t {
    Threshold,
    PortScan,
    HostSweep,
    SynFlood,
    IcmpFlood,
    TrafficSpike,
    NewHost,
    Blacklist,
};
enum class Severity : std::uint8_t { Info, Warning, Critical };

/// "threshold", "port_scan", ... (the JSON names).
QString alertKindName(AlertKind kind);
bool parseAlertKind(const QString &name, AlertKind &kind);
/// "info", "warning", "critical".
QString severityName(Severity severity);
bool parseSeverity(const QString &name, Severity &severity);

/// One ranked item of an alert's evidence: an address or a port with what it carried.
struct EvidenceItem {
    QString name; ///< address text ("10.0.0.5", "2001:db8::1") or port number as text
    std::uint64_t packets = 0;
    std::uint64_t bytes = 0;
    bool operator==(const EvidenceItem &) const = default;
};

/// Why an alert fired, kept with it and sent with it.
struct Evidence {
    double value = 0;          ///< the trigger value (in `unit`) ...
    double threshold = 0;      ///< ... against the threshold it crossed
    QString unit;              ///< "packets/s", "bit/s", "flows/s", "ports", "hosts", "SYNs", ...
    double peakValue = 0;      ///< highest value while engaged
    std::uint64_t packets = 0; ///< packets counted for the alert while engaged
    std::uint64_t bytes = 0;
    std::vector<EvidenceItem> topSources;      ///< at most 5, busiest first
    std::vector<EvidenceItem> topDestinations; ///< at most 5
    std::vector<EvidenceItem> topPorts;        ///< at most 10 destination ports
    bool operator==(const Evidence &) const = default;
};

/**
 * One alert, as a value. The engine makes it when a rule's condition starts to hold for a
 * key (Engaged), updates it while it holds, and ends it when it clears (Released); the UI,
 * the history and the notifiers only ever see copies. Times are capture time (packet
 * timestamps, ns since the epoch), so a file gives the same alerts as its live capture.
 */
struct Alert {
    enum class State : std::uint8_t { Engaged, Released };

    /// Stable identity across runs and restarts: a hex digest of (rule id, key, startNs).
    /// Message-ID and the webhook's idempotency key are made from it.
    QString uid;
    QString ruleId; ///< the rule's "id" in alert-rules.json
    QString ruleName;
    AlertKind kind = AlertKind::Threshold;
    Severity severity = Severity::Warning;
    State state = State::Engaged;
    QString key; ///< what it is about: "10.0.0.5", "10.0.0.5 -> 10.0.0.9", "all", "port 53"
    std::int64_t startNs = 0; ///< capture time the condition started to hold
    std::int64_t endNs = 0;   ///< capture time it cleared (0 while engaged)
    std::int64_t lastNs = 0;  ///< capture time of the latest update
    QString summary; ///< one English line: "Port scan: 10.0.0.5 reached 120 ports on 10.0.0.9"
    Evidence evidence;
    /// Display filter that shows the alert's packets in the table (NetLens display
    /// expression: BPF plus `time FROM-TO`), e.g. "src host 10.0.0.5 and time
    /// 1764000000.1-1764000010.2".
    QString displayFilter;
    QString snippetPath; ///< PCAP of the packets around the trigger; empty until written
    std::uint64_t snippetBytes = 0;
    std::uint32_t snippetPackets = 0;
    /// Its snippet is still being recorded: an update with snippetPath follows (or, if no
    /// packet could be saved, none). Notifiers may hold the alert back for it, briefly.
    bool snippetPending = false;

    bool isEngaged() const { return state == State::Engaged; }
};

} // namespace netlens

Q_DECLARE_METATYPE(netlens::Alert)
Q_DECLARE_METATYPE(QList<netlens::Alert>)
