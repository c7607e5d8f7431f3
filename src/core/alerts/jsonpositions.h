// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace netlens {

/**
 * Lines of a JSON text by JSON path ("rules[2].threshold"), because QJsonDocument keeps no
 * positions and a rule-file error must name its line. A scan of text QJsonDocument already
 * accepted: it skips strings (and their escapes) and records where each object member (its
 * key) and each array element starts.
 */
class JsonPositions {
public:
    explicit JsonPositions(const QByteArray &text);
    /// Line (1-based) of `path`, else of its nearest recorded parent, else 1.
    int line(const QString &path) const;
    /// The first member path whose key appeared twice in one object (QJsonDocument keeps the
    /// last silently), or empty.
    const QString &duplicate() const { return m_duplicate; }

    /// Line of a byte offset (QJsonParseError::offset).
    static int lineOfOffset(const QByteArray &text, int offset);

private:
    void skipSpace();
    QString readString();
    void value(const QString &path);

    const QByteArray &m_text;
    int m_pos = 0;
    int m_line = 1;
    QHash<QString, int> m_lines;
    QString m_duplicate;
};

} // namespace netlens
