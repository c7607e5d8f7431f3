// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/alerttracker.h"

#include "alerts/detector.h"
#include "engine/displayexpression.h"

#include <QCryptographicHash>

namespace netlens {

AlertTracker::AlertTracker(
    std::vector<Detector *> detectors, std::function<void(const Alert &)> changed,
    std::function<void(const Alert &, const Detector &, std::uint64_t)> engaged)
    : m_changed(std::move(changed))
    , m_engaged(std::move(engaged))
{
    m_rules.resize(detectors.size());
    for (std::size_t i = 0; i < detectors.size(); ++i)
        m_rules[i].detector = detectors[i];
}

QString AlertTracker::uidFor(const QString &ruleId, const QString &key, std::int64_t startNs)
{
    const QByteArray text =
        ruleId.toUtf8() + '\n' + key.toUtf8() + '\n' + QByteArray::number(qint64{startNs});
    return QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha1).toHex());
}

QString AlertTracker::filterFor(const QString &bpf, std::int64_t fromNs, std::int64_t toNs)
{
    const QString time = QString::fromStdString(DisplayExpression::timeTerm(fromNs, toNs));
    return bpf.isEmpty() ? time : bpf + QStringLiteral(" and ") + time;
}

void AlertTracker::beginTick(std::int64_t)
{
    ++m_tick;
}

void AlertTracker::report(std::size_t detector, std::uint64_t key, double value, double threshold,
                          std::int64_t nowNs)
{
    RuleState &rule = m_rules[detector];
    const auto it = rule.keys.find(key);
    if (it != rule.keys.end() && it->second.engaged) {
        KeyState &s = it->second;
        s.lastTick = m_tick;
        // evidence.value stays the trigger value; the peak follows.
        s.alert.evidence.peakValue = std::max(s.alert.evidence.peakValue, value);
        s.alert.lastNs = nowNs;
        if (value < threshold * (1.0 - rule.detector->rule().hysteresis))
            below(rule, s, nowNs);
        else
            s.belowSinceNs = -1;
        return;
    }
    if (value < threshold)
        return;
    if (it != rule.keys.end() && nowNs < it->second.quietUntilNs)
        return; // cooling down after a release
    if (rule.engaged >= kMaxEngaged) {
        ++m_dropped;
        return;
    }
    KeyState &s = rule.keys[key];
    const AlertRule &r = rule.detector->rule();
    s = KeyState{};
    s.engaged = true;
    s.lastTick = m_tick;
    Alert &a = s.alert;
    a.ruleId = r.id;
    a.ruleName = r.name;
    a.kind = r.kind;
    a.severity = r.severity;
    a.state = Alert::State::Engaged;
    a.startNs = a.lastNs = nowNs;
    a.evidence.value = a.evidence.peakValue = value;
    a.evidence.threshold = threshold;
    rule.detector->describe(key, a);
    s.bpf = a.displayFilter;
    a.uid = uidFor(r.id, a.key, a.startNs);
    // The window that made it engage, and a second after.
    a.displayFilter = filterFor(s.bpf, nowNs - rule.detector->windowNs(), nowNs + 1'000'000'000);
    ++rule.engaged;
    // The snippet starts first, so the alert goes out saying one is on its way.
    m_engaged(a, *rule.detector, key);
    m_changed(a);
}

void AlertTracker::below(RuleState &rule, KeyState &s, std::int64_t nowNs)
{
    if (s.belowSinceNs < 0)
        s.belowSinceNs = nowNs;
    if (nowNs - s.belowSinceNs >= rule.detector->windowNs())
        release(rule, s, s.belowSinceNs, nowNs);
}

void AlertTracker::release(RuleState &rule, KeyState &s, std::int64_t endNs, std::int64_t nowNs)
{
    s.engaged = false;
    --rule.engaged;
    s.quietUntilNs = nowNs + std::int64_t{rule.detector->rule().cooldownSeconds} * 1'000'000'000;
    Alert &a = s.alert;
    a.state = Alert::State::Released;
    a.endNs = std::max(endNs, a.startNs);
    a.lastNs = nowNs;
    a.displayFilter =
        filterFor(s.bpf, a.startNs - rule.detector->windowNs(), a.endNs + 1'000'000'000);
    m_changed(a);
}

void AlertTracker::endTick(std::int64_t nowNs)
{
    for (RuleState &rule : m_rules) {
        if (rule.keys.empty())
            continue;
        std::size_t quiet = 0;
        for (auto it = rule.keys.begin(); it != rule.keys.end();) {
            KeyState &s = it->second;
            if (s.engaged && s.lastTick != m_tick) {
                s.alert.lastNs = nowNs;
                below(rule, s, nowNs);
            }
            if (!s.engaged && nowNs >= s.quietUntilNs) {
                rule.keys.erase(it++);
                continue;
            }
            quiet += s.engaged ? 0 : 1;
            ++it;
        }
        // Too many cooling down (many short alerts): forget some, so memory stays bounded.
        for (auto it = rule.keys.begin(); quiet > kMaxQuiet && it != rule.keys.end();) {
            if (!it->second.engaged) {
                rule.keys.erase(it++);
                --quiet;
                ++m_dropped;
            } else {
                ++it;
            }
        }
    }
}

void AlertTracker::releaseAll(std::int64_t atNs)
{
    for (RuleState &rule : m_rules)
        for (auto &[key, s] : rule.keys)
            if (s.engaged)
                release(rule, s, atNs, atNs);
}

std::size_t AlertTracker::memoryBytes() const
{
    std::size_t n = sizeof(*this);
    for (const RuleState &rule : m_rules)
        n += rule.keys.capacity() * (sizeof(std::uint64_t) + sizeof(KeyState) + 1) +
             rule.keys.size() * 512; // the alert's strings and evidence vectors
    return n;
}

} // namespace netlens
