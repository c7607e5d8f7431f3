// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QString>
#include <cstdint>

namespace netlens {

/**
 * Timestamps with their exact decimals ("1764000000.009123456") in JSON written by NetLens.
 * A double, and so a QJsonValue number, cannot hold them: they go into the object as strings
 * marked with U+0001, and exactJsonText() writes them as bare numbers. The mark cannot come
 * from any other field as long as text fields go through withoutMark().
 */
QJsonValue exactSecondsJson(std::int64_t ns);
/// `text` with the mark character replaced (U+FFFD), for the text fields of such objects.
QString withoutMark(QString text);
/// The JSON text of `document` with the marked timestamps as bare numbers.
QByteArray exactJsonText(const QJsonDocument &document, QJsonDocument::JsonFormat format);

} // namespace netlens
