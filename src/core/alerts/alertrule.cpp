// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/alertrule.h"

#include "alerts/cidrset.h"
#include "alerts/jsonpositions.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>
#include <array>
#include <cmath>

namespace netlens {

namespace {

constexpr std::array kMetrics{"packets_per_second", "bits_per_second", "new_flows_per_second"};
constexpr std::array kDirections{"in", "out", "both"};

// Keys every rule may have, then the ones of each kind (README.md, "Alert rules").
const QStringList kCommonKeys{QStringLiteral("id"),
                              QStringLiteral("name"),
                              QStringLiteral("kind"),
                              QStringLiteral("enabled"),
                              QStringLiteral("severity"),
                              QStringLiteral("window_seconds"),
                              QStringLiteral("cooldown_seconds"),
                              QStringLiteral("hysteresis")};

QStringList kindKeys(AlertKind kind)
{
    switch (kind) {
    case AlertKind::Threshold:
        return {QStringLiteral("metric"), QStringLiteral("threshold"), QStringLiteral("scope")};
    case AlertKind::PortScan:
    case AlertKind::HostSweep:
    case AlertKind::SynFlood:
    case AlertKind::IcmpFlood: return {QStringLiteral("threshold")};
    case AlertKind::TrafficSpike:
        return {QStringLiteral("spike_factor"), QStringLiteral("min_bits_per_second"),
                QStringLiteral("warmup_seconds"), QStringLiteral("per_host")};
    case AlertKind::NewHost:
        return {QStringLiteral("learning_seconds"), QStringLiteral("local_networks"),
                QStringLiteral("allowlist")};
    case AlertKind::Blacklist: return {QStringLiteral("list_file"), QStringLiteral("addresses")};
    }
    return {};
}

/// Reads one rule file; the first error stops it (and names file, line and field).
class Reader {
public:
    Reader(const QByteArray &text, const QString &file, RuleError &error)
        : m_positions(text)
        , m_file(file)
        , m_error(error)
    {
    }

    bool fail(const QString &field, const QString &message)
    {
        m_error.file = m_file;
        m_error.line = m_positions.line(field);
        m_error.field = field;
        m_error.message = message;
        return false;
    }

    bool read(const QJsonObject &root, RuleSet &out)
    {
        if (!m_positions.duplicate().isEmpty())
            return fail(m_positions.duplicate(), QStringLiteral("key given twice"));
        for (auto it = root.begin(); it != root.end(); ++it)
            if (it.key() != QLatin1String("version") && it.key() != QLatin1String("rules"))
                return fail(it.key(), QStringLiteral("unknown key (expected version, rules)"));
        if (!root.contains(QLatin1String("version")))
            return fail(
                QStringLiteral("version"),
                QStringLiteral("missing (this NetLens reads version %1)").arg(RuleSet::kVersion));
        const QJsonValue v = root.value(QLatin1String("version"));
        if (!v.isDouble() || v.toDouble() != RuleSet::kVersion)
            return fail(QStringLiteral("version"),
                        QStringLiteral("unsupported version %1 (this NetLens reads version %2)")
                            .arg(v.isDouble() ? QString::number(v.toDouble())
                                              : QStringLiteral("of that type"))
                            .arg(RuleSet::kVersion));
        out.version = RuleSet::kVersion;
        const QJsonValue rules = root.value(QLatin1String("rules"));
        if (rules.isUndefined())
            return fail(QStringLiteral("rules"), QStringLiteral("missing (an array of rules)"));
        if (!rules.isArray())
            return fail(QStringLiteral("rules"), QStringLiteral("must be an array of rules"));
        QSet<QString> ids;
        const QJsonArray array = rules.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString path = QStringLiteral("rules[%1]").arg(i);
            if (!array[i].isObject())
                return fail(path, QStringLiteral("must be an object"));
            AlertRule rule;
            if (!readRule(array[i].toObject(), path, rule))
                return false;
            if (ids.contains(rule.id))
                return fail(path + QStringLiteral(".id"),
                            QStringLiteral("duplicate id \"%1\"").arg(rule.id));
            ids.insert(rule.id);
            out.rules.push_back(std::move(rule));
        }
        return true;
    }

private:
    bool string(const QJsonObject &o, const QString &path, const char *key, QString &out,
                bool required = false)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        const QString field = path + QLatin1Char('.') + QLatin1String(key);
        if (v.isUndefined())
            return required ? fail(field, QStringLiteral("missing")) : true;
        if (!v.isString())
            return fail(field, QStringLiteral("must be a string"));
        out = v.toString();
        if (required && out.trimmed().isEmpty())
            return fail(field, QStringLiteral("must not be empty"));
        return true;
    }

    bool boolean(const QJsonObject &o, const QString &path, const char *key, bool &out)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return true;
        if (!v.isBool())
            return fail(path + QLatin1Char('.') + QLatin1String(key),
                        QStringLiteral("must be true or false"));
        out = v.toBool();
        return true;
    }

    bool number(const QJsonObject &o, const QString &path, const char *key, double &out, double min,
                double max, bool positive, bool required = false)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        const QString field = path + QLatin1Char('.') + QLatin1String(key);
        if (v.isUndefined())
            return required ? fail(field, QStringLiteral("missing")) : true;
        const double d = v.toDouble(std::nan(""));
        if (!v.isDouble() || !std::isfinite(d))
            return fail(field, positive ? QStringLiteral("must be a positive number")
                                        : QStringLiteral("must be a number"));
        if (positive && d <= 0)
            return fail(field, QStringLiteral("must be a positive number"));
        if (d < min || d > max)
            return fail(field, QStringLiteral("must be between %1 and %2").arg(min).arg(max));
        out = d;
        return true;
    }

    bool integer(const QJsonObject &o, const QString &path, const char *key, int &out, int min,
                 int max)
    {
        double d = out;
        if (!number(o, path, key, d, min, max, false))
            return false;
        if (d != std::floor(d))
            return fail(path + QLatin1Char('.') + QLatin1String(key),
                        QStringLiteral("must be a whole number"));
        out = static_cast<int>(d);
        return true;
    }

    bool cidrList(const QJsonObject &o, const QString &path, const char *key, QStringList &out)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        const QString field = path + QLatin1Char('.') + QLatin1String(key);
        if (v.isUndefined())
            return true;
        if (!v.isArray())
            return fail(field, QStringLiteral("must be an array of addresses or CIDRs"));
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString item = field + QStringLiteral("[%1]").arg(i);
            if (!a[i].isString())
                return fail(item, QStringLiteral("must be a string (an address or CIDR)"));
            if (!CidrSet::isValid(a[i].toString()))
                return fail(
                    item,
                    QStringLiteral("\"%1\" is not an IP address or CIDR").arg(a[i].toString()));
            out << a[i].toString();
        }
        return true;
    }

    bool readScope(const QJsonObject &o, const QString &path, RuleScope &scope)
    {
        for (auto it = o.begin(); it != o.end(); ++it)
            if (!QStringList{QStringLiteral("cidr"), QStringLiteral("protocol"),
                             QStringLiteral("port"), QStringLiteral("direction")}
                     .contains(it.key()))
                return fail(
                    path + QLatin1Char('.') + it.key(),
                    QStringLiteral("unknown key (expected cidr, protocol, port, direction)"));
        if (!string(o, path, "cidr", scope.cidr))
            return false;
        if (!scope.cidr.isEmpty() && !CidrSet::isValid(scope.cidr))
            return fail(path + QStringLiteral(".cidr"),
                        QStringLiteral("\"%1\" is not an IP address or CIDR").arg(scope.cidr));
        if (!string(o, path, "protocol", scope.protocol) ||
            !integer(o, path, "port", scope.port, 0, 65535))
            return false;
        QString dir = QStringLiteral("both");
        if (!string(o, path, "direction", dir))
            return false;
        const qsizetype d =
            QStringList{QStringLiteral("in"), QStringLiteral("out"), QStringLiteral("both")}
                .indexOf(dir);
        if (d < 0)
            return fail(
                path + QStringLiteral(".direction"),
                QStringLiteral("unknown direction \"%1\" (expected in, out, both)").arg(dir));
        scope.direction = static_cast<Direction>(d);
        return true;
    }

    bool readRule(const QJsonObject &o, const QString &path, AlertRule &r)
    {
        QString kindName;
        if (!string(o, path, "kind", kindName, true))
            return false;
        if (!parseAlertKind(kindName, r.kind))
            return fail(path + QStringLiteral(".kind"),
                        QStringLiteral("unknown kind \"%1\" (expected threshold, port_scan, "
                                       "host_sweep, syn_flood, icmp_flood, traffic_spike, "
                                       "new_host, blacklist)")
                            .arg(kindName));
        const QStringList allowed = kCommonKeys + kindKeys(r.kind);
        for (auto it = o.begin(); it != o.end(); ++it)
            if (!allowed.contains(it.key()))
                return fail(path + QLatin1Char('.') + it.key(),
                            QStringLiteral("unknown key for a %1 rule").arg(kindName));
        if (!string(o, path, "id", r.id, true) || !string(o, path, "name", r.name) ||
            !boolean(o, path, "enabled", r.enabled))
            return false;
        QString severity = QStringLiteral("warning");
        if (!string(o, path, "severity", severity))
            return false;
        if (!parseSeverity(severity, r.severity))
            return fail(path + QStringLiteral(".severity"),
                        QStringLiteral("unknown severity \"%1\" (expected info, warning, critical)")
                            .arg(severity));
        if (!integer(o, path, "window_seconds", r.windowSeconds, 1, 3600) ||
            !integer(o, path, "cooldown_seconds", r.cooldownSeconds, 0, 7 * 86400) ||
            !number(o, path, "hysteresis", r.hysteresis, 0, 0.95, false))
            return false;
        switch (r.kind) {
        case AlertKind::Threshold: {
            QString metric = QString::fromLatin1(kMetrics[0]);
            if (!string(o, path, "metric", metric))
                return false;
            const auto m = std::find_if(kMetrics.begin(), kMetrics.end(),
                                        [&](const char *n) { return metric == QLatin1String(n); });
            if (m == kMetrics.end())
                return fail(path + QStringLiteral(".metric"),
                            QStringLiteral("unknown metric \"%1\" (expected packets_per_second, "
                                           "bits_per_second, new_flows_per_second)")
                                .arg(metric));
            r.metric = static_cast<ThresholdMetric>(m - kMetrics.begin());
            const QJsonValue scope = o.value(QLatin1String("scope"));
            if (!scope.isUndefined() && !scope.isObject())
                return fail(path + QStringLiteral(".scope"), QStringLiteral("must be an object"));
            if (scope.isObject() &&
                !readScope(scope.toObject(), path + QStringLiteral(".scope"), r.scope))
                return false;
            [[fallthrough]];
        }
        case AlertKind::PortScan:
        case AlertKind::HostSweep:
        case AlertKind::SynFlood:
        case AlertKind::IcmpFlood:
            return number(o, path, "threshold", r.threshold, 0, 1e15, true, true);
        case AlertKind::TrafficSpike:
            return number(o, path, "spike_factor", r.spikeFactor, 0, 1000, true) &&
                   number(o, path, "min_bits_per_second", r.minBitsPerSecond, 0, 1e13, false) &&
                   integer(o, path, "warmup_seconds", r.warmupSeconds, 0, 7 * 86400) &&
                   boolean(o, path, "per_host", r.perHost);
        case AlertKind::NewHost:
            return integer(o, path, "learning_seconds", r.learningSeconds, 0, 30 * 86400) &&
                   cidrList(o, path, "local_networks", r.localNetworks) &&
                   cidrList(o, path, "allowlist", r.allowlist);
        case AlertKind::Blacklist:
            return string(o, path, "list_file", r.listFile) &&
                   cidrList(o, path, "addresses", r.addresses);
        }
        return true;
    }

    JsonPositions m_positions;
    QString m_file;
    RuleError &m_error;
};

QJsonArray toArray(const QStringList &list)
{
    QJsonArray a;
    for (const QString &s : list)
        a.append(s);
    return a;
}

AlertRule makeRule(const char *id, const char *name, AlertKind kind, Severity severity)
{
    AlertRule r;
    r.id = QString::fromLatin1(id);
    r.name = QString::fromLatin1(name);
    r.kind = kind;
    r.severity = severity;
    return r;
}

} // namespace

QString RuleError::text() const
{
    QString s = file;
    if (line > 0)
        s += QLatin1Char(':') + QString::number(line);
    s += QStringLiteral(": ");
    if (!field.isEmpty())
        s += field + QStringLiteral(": ");
    return s + message;
}

RuleSet RuleSet::defaults()
{
    RuleSet set;
    AlertRule r = makeRule("port-scan", "Port scan", AlertKind::PortScan, Severity::Warning);
    r.threshold = 100; // distinct ports on one host in 10 s; a browser reaches a handful
    set.rules.push_back(r);
    r = makeRule("host-sweep", "Host sweep", AlertKind::HostSweep, Severity::Warning);
    r.threshold = 100; // distinct hosts on one port in 10 s
    set.rules.push_back(r);
    r = makeRule("syn-flood", "SYN flood", AlertKind::SynFlood, Severity::Critical);
    r.threshold = 2000; // SYNs to one host without a completed handshake in 10 s
    set.rules.push_back(r);
    r = makeRule("icmp-flood", "ICMP flood", AlertKind::IcmpFlood, Severity::Warning);
    r.threshold = 500; // ICMP packets/s to one host
    set.rules.push_back(r);
    r = makeRule("traffic-spike", "Traffic spike", AlertKind::TrafficSpike, Severity::Warning);
    r.windowSeconds = 5;
    set.rules.push_back(r);
    r = makeRule("new-host", "New local host", AlertKind::NewHost, Severity::Info);
    r.windowSeconds = 60;
    set.rules.push_back(r);
    r = makeRule("high-rate", "High packet rate", AlertKind::Threshold, Severity::Warning);
    r.metric = ThresholdMetric::PacketsPerSecond;
    r.threshold = 50000;
    set.rules.push_back(r);
    // On, but harmless until addresses are listed (inline or in list_file).
    r = makeRule("blacklist", "Blacklisted address", AlertKind::Blacklist, Severity::Critical);
    r.windowSeconds = 60;
    set.rules.push_back(r);
    return set;
}

bool parseRuleSet(const QByteArray &json, const QString &fileName, RuleSet &out, RuleError &error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        error.file = fileName;
        error.line = JsonPositions::lineOfOffset(json, parseError.offset);
        error.field.clear();
        error.message = QStringLiteral("not valid JSON: ") + parseError.errorString();
        return false;
    }
    if (!doc.isObject()) {
        error = {fileName, 1, QString(),
                 QStringLiteral("must be a JSON object with \"version\" and \"rules\"")};
        return false;
    }
    RuleSet set;
    set.rules.clear();
    Reader reader(json, fileName, error);
    if (!reader.read(doc.object(), set))
        return false;
    out = std::move(set);
    return true;
}

bool loadRuleSet(const QString &path, RuleSet &out, RuleError &error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        error = {path, 0, QString(),
                 QStringLiteral("cannot read the rule file: ") + f.errorString()};
        return false;
    }
    RuleSet set;
    if (!parseRuleSet(f.readAll(), path, set, error))
        return false;
    // A list file with a bad line refuses the whole rule file, as a bad rule does.
    for (std::size_t i = 0; i < set.rules.size(); ++i) {
        const AlertRule &r = set.rules[i];
        if (r.kind != AlertKind::Blacklist || r.listFile.isEmpty())
            continue;
        CidrSet check;
        QString why;
        if (!check.addFile(r.listFile, why)) {
            error = {path, 0, QStringLiteral("rules[%1].list_file").arg(i), why};
            return false;
        }
    }
    out = std::move(set);
    return true;
}

QByteArray serializeRuleSet(const RuleSet &rules)
{
    QJsonArray array;
    for (const AlertRule &r : rules.rules) {
        QJsonObject o;
        o.insert(QStringLiteral("id"), r.id);
        o.insert(QStringLiteral("name"), r.name);
        o.insert(QStringLiteral("kind"), alertKindName(r.kind));
        o.insert(QStringLiteral("enabled"), r.enabled);
        o.insert(QStringLiteral("severity"), severityName(r.severity));
        o.insert(QStringLiteral("window_seconds"), r.windowSeconds);
        o.insert(QStringLiteral("cooldown_seconds"), r.cooldownSeconds);
        o.insert(QStringLiteral("hysteresis"), r.hysteresis);
        switch (r.kind) {
        case AlertKind::Threshold: {
            o.insert(QStringLiteral("metric"),
                     QString::fromLatin1(kMetrics[static_cast<std::size_t>(r.metric)]));
            QJsonObject scope;
            if (!r.scope.cidr.isEmpty())
                scope.insert(QStringLiteral("cidr"), r.scope.cidr);
            if (!r.scope.protocol.isEmpty())
                scope.insert(QStringLiteral("protocol"), r.scope.protocol);
            if (r.scope.port)
                scope.insert(QStringLiteral("port"), r.scope.port);
            scope.insert(
                QStringLiteral("direction"),
                QString::fromLatin1(kDirections[static_cast<std::size_t>(r.scope.direction)]));
            o.insert(QStringLiteral("scope"), scope);
            [[fallthrough]];
        }
        case AlertKind::PortScan:
        case AlertKind::HostSweep:
        case AlertKind::SynFlood:
        case AlertKind::IcmpFlood: o.insert(QStringLiteral("threshold"), r.threshold); break;
        case AlertKind::TrafficSpike:
            o.insert(QStringLiteral("spike_factor"), r.spikeFactor);
            o.insert(QStringLiteral("min_bits_per_second"), r.minBitsPerSecond);
            o.insert(QStringLiteral("warmup_seconds"), r.warmupSeconds);
            o.insert(QStringLiteral("per_host"), r.perHost);
            break;
        case AlertKind::NewHost:
            o.insert(QStringLiteral("learning_seconds"), r.learningSeconds);
            o.insert(QStringLiteral("local_networks"), toArray(r.localNetworks));
            o.insert(QStringLiteral("allowlist"), toArray(r.allowlist));
            break;
        case AlertKind::Blacklist:
            o.insert(QStringLiteral("list_file"), r.listFile);
            o.insert(QStringLiteral("addresses"), toArray(r.addresses));
            break;
        }
        array.append(o);
    }
    QJsonObject root;
    root.insert(QStringLiteral("version"), rules.version);
    root.insert(QStringLiteral("rules"), array);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool saveRuleSet(const QString &path, const RuleSet &rules, QString &error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(serializeRuleSet(rules)) < 0 || !f.commit()) {
        error = QStringLiteral("%1: cannot write the rule file: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

} // namespace netlens
