// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/exactjson.h"

#include "export/summary.h"

#include <QRegularExpression>

namespace netlens {

namespace {
constexpr char16_t kMark = u'\u0001';
}

QJsonValue exactSecondsJson(std::int64_t ns)
{
    return QString(QChar(kMark) + QString::fromStdString(exactSeconds(ns)));
}

QString withoutMark(QString text)
{
    return text.replace(QChar(kMark), QChar(u'\uFFFD'));
}

QByteArray exactJsonText(const QJsonDocument &document, QJsonDocument::JsonFormat format)
{
    const QByteArray text = document.toJson(format);
    static const QRegularExpression marked(QStringLiteral("\"\\\\u0001(-?[0-9]+(?:\\.[0-9]+)?)\""));
    return QString::fromUtf8(text).replace(marked, QStringLiteral("\\1")).toUtf8();
}

} // namespace netlens
