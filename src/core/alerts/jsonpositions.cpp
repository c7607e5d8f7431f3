// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/jsonpositions.h"

#include <QSet>

namespace netlens {

JsonPositions::JsonPositions(const QByteArray &text)
    : m_text(text)
{
    skipSpace();
    m_lines.insert(QString(), m_line);
    value(QString());
}

int JsonPositions::lineOfOffset(const QByteArray &text, int offset)
{
    const int end = std::min<int>(offset, static_cast<int>(text.size()));
    int line = 1;
    for (int i = 0; i < end; ++i)
        if (text[i] == '\n')
            ++line;
    return line;
}

int JsonPositions::line(const QString &path) const
{
    QString p = path;
    for (;;) {
        const auto it = m_lines.constFind(p);
        if (it != m_lines.constEnd())
            return *it;
        const qsizetype cut =
            std::max(p.lastIndexOf(QLatin1Char('.')), p.lastIndexOf(QLatin1Char('[')));
        if (cut <= 0)
            return m_lines.value(QString(), 1);
        p.truncate(cut);
    }
}

void JsonPositions::skipSpace()
{
    while (m_pos < m_text.size()) {
        const char c = m_text[m_pos];
        if (c == '\n')
            ++m_line;
        else if (c != ' ' && c != '\t' && c != '\r')
            return;
        ++m_pos;
    }
}

QString JsonPositions::readString()
{
    // At the opening quote. Keys are compared raw: escapes in rule keys are not expected, and
    // a key spelled with an escape is reported as unknown by the schema check anyway.
    const int start = ++m_pos;
    while (m_pos < m_text.size() && m_text[m_pos] != '"') {
        if (m_text[m_pos] == '\\')
            ++m_pos;
        ++m_pos;
    }
    const QString s = QString::fromUtf8(m_text.constData() + start, m_pos - start);
    ++m_pos; // closing quote
    return s;
}

void JsonPositions::value(const QString &path)
{
    skipSpace();
    if (m_pos >= m_text.size())
        return;
    const char c = m_text[m_pos];
    if (c == '{') {
        ++m_pos;
        QSet<QString> keys;
        for (;;) {
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] == '}') {
                ++m_pos;
                return;
            }
            if (m_text[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            const int line = m_line;
            const QString key = readString();
            const QString child = path.isEmpty() ? key : path + QLatin1Char('.') + key;
            if (keys.contains(key) && m_duplicate.isEmpty())
                m_duplicate = child;
            keys.insert(key);
            m_lines.insert(child, line);
            skipSpace();
            ++m_pos; // ':'
            value(child);
        }
    }
    if (c == '[') {
        ++m_pos;
        int index = 0;
        for (;;) {
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] == ']') {
                ++m_pos;
                return;
            }
            if (m_text[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            const QString child =
                path + QLatin1Char('[') + QString::number(index++) + QLatin1Char(']');
            m_lines.insert(child, m_line);
            value(child);
        }
    }
    if (c == '"') {
        readString();
        return;
    }
    // A number, true, false or null: up to the next delimiter.
    while (m_pos < m_text.size()) {
        const char d = m_text[m_pos];
        if (d == ',' || d == '}' || d == ']' || d == ' ' || d == '\n' || d == '\t' || d == '\r')
            return;
        ++m_pos;
    }
}

} // namespace netlens
