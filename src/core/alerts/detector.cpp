// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/detector.h"

#include "engine/engine.h"

namespace netlens {

Detector::Detector(const AlertRule &rule, const Engine &engine, std::uint32_t interest)
    : m_rule(rule)
    , m_engine(engine)
    , m_interest(interest)
    , m_windowNs(std::int64_t{rule.windowSeconds} * 1'000'000'000)
{
}

QString Detector::addressText(std::uint32_t id) const
{
    const std::string_view t = m_engine.addresses().text(id);
    return QString::fromLatin1(t.data(), static_cast<qsizetype>(t.size()));
}

QString Detector::number(double v)
{
    // Whole figures as integers, big ones with a unit prefix: "120", "2.5 M".
    if (v >= 1e9)
        return QString::number(v / 1e9, 'f', 1) + QStringLiteral(" G");
    if (v >= 1e6)
        return QString::number(v / 1e6, 'f', 1) + QStringLiteral(" M");
    if (v >= 1e4)
        return QString::number(v / 1e3, 'f', 1) + QStringLiteral(" k");
    return QString::number(v, 'f', v == static_cast<double>(static_cast<long long>(v)) ? 0 : 1);
}

} // namespace netlens
