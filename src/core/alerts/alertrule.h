// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alert.h"

#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace netlens {

/// What a threshold rule measures.
enum class ThresholdMetric : std::uint8_t { PacketsPerSecond, BitsPerSecond, NewFlowsPerSecond };
/// Which packets of the scope count: sent by it (out), to it (in), or both.
enum class Direction : std::uint8_t { In, Out, Both };

/// What traffic a threshold or spike rule looks at. Empty fields: no restriction.
struct RuleScope {
    QString cidr;     ///< a host ("10.0.0.5") or network ("10.0.0.0/24", "2001:db8::/32")
    QString protocol; ///< transport or application name as the table shows it ("TCP", "DNS")
    int port = 0;     ///< source or destination port (0: any)
    Direction direction = Direction::Both;
    bool operator==(const RuleScope &) const = default;
};

/**
 * One rule of alert-rules.json (schema in README.md, "Alert rules"). Fields a kind does not
 * use keep their defaults and are not written back.
 */
struct AlertRule {
    QString id; ///< unique in the file; alerts are deduplicated per (id, key)
    QString name;
    AlertKind kind = AlertKind::Threshold;
    bool enabled = true;
    Severity severity = Severity::Warning;
    int windowSeconds = 10;    ///< detection window
    int cooldownSeconds = 300; ///< after a release, the same (rule, key) stays quiet this long
    /// Released only after the value stayed below threshold * (1 - hysteresis) for
    /// windowSeconds.
    double hysteresis = 0.2;

    // threshold
    ThresholdMetric metric = ThresholdMetric::PacketsPerSecond;
    double threshold = 0; ///< threshold: in `metric` units; port_scan: distinct ports;
                          ///< host_sweep: distinct hosts; syn_flood: SYNs without a
                          ///< completed handshake in the window; icmp_flood: packets/s
    RuleScope scope;

    // traffic_spike
    double spikeFactor = 4;        ///< fires above mean + factor * deviation ...
    double minBitsPerSecond = 1e6; ///< ... and above this absolute floor
    int warmupSeconds = 120;       ///< learning before it can fire
    bool perHost = true;           ///< per local host as well as overall

    // new_host
    int learningSeconds = 120;
    QStringList localNetworks; ///< CIDRs counted as local besides private/link-local ranges
    QStringList allowlist;     ///< CIDRs never reported

    // blacklist
    QString listFile;      ///< file of one address or CIDR a line ('#' comments)
    QStringList addresses; ///< inline entries, besides listFile

    bool operator==(const AlertRule &) const = default;
};

/// The rule file: a version and the rules.
struct RuleSet {
    static constexpr int kVersion = 1;
    int version = kVersion;
    std::vector<AlertRule> rules;
    bool operator==(const RuleSet &) const = default;

    /// The built-in defaults, on out of the box.
    static RuleSet defaults();
};

/// Where a rule file is wrong: "alert-rules.json:14: rules[2].threshold: must be a positive
/// number".
struct RuleError {
    QString file;
    int line = 0;
    QString field; ///< JSON path, e.g. "rules[2].threshold"
    QString message;
    QString text() const;
};

/// Parses rule-file text. On an error returns false with `error` filled and `out` untouched.
bool parseRuleSet(const QByteArray &json, const QString &fileName, RuleSet &out, RuleError &error);
/// Reads a rule file (a missing file is an error naming it).
bool loadRuleSet(const QString &path, RuleSet &out, RuleError &error);
/// The file text for `rules` (indented, stable key order), which parseRuleSet reads back equal.
QByteArray serializeRuleSet(const RuleSet &rules);
/// Writes atomically (QSaveFile). False with a message naming the file on failure.
bool saveRuleSet(const QString &path, const RuleSet &rules, QString &error);

} // namespace netlens
