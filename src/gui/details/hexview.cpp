// SPDX-License-Identifier: GPL-3.0-or-later
#include "details/hexview.h"

#include <QEvent>
#include <QFontDatabase>
#include <QFontInfo>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <algorithm>

namespace netlens {

namespace {

constexpr int kMargin = 4; // pixels left of the offsets and right of the text
constexpr char kHex[] = "0123456789abcdef";

QChar printableChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x7f ? QLatin1Char(c) : QLatin1Char('.');
}

/// The system's fixed-width font, or the first installed one that really is fixed-width: some
/// platforms (offscreen, minimal installs) answer with a proportional font.
QFont fixedFont()
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (QFontInfo(font).fixedPitch())
        return font;
    for (const char *family : {"DejaVu Sans Mono", "Liberation Mono", "Noto Sans Mono",
                               "Source Code Pro", "Courier New", "Monospace"}) {
        QFont candidate(QString::fromLatin1(family), font.pointSize());
        candidate.setStyleHint(QFont::TypeWriter);
        if (QFontInfo(candidate).fixedPitch())
            return candidate;
    }
    font.setStyleHint(QFont::TypeWriter);
    return font;
}

} // namespace

HexView::HexView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setObjectName(QStringLiteral("hexView"));
    setFont(fixedFont());
    viewport()->setCursor(Qt::IBeamCursor);
    updateMetrics();
    updateScrollBars();
}

void HexView::setBytes(const QByteArray &bytes)
{
    m_bytes = bytes;
    updateMetrics(); // more offset digits past 64 KB
    updateScrollBars();
    verticalScrollBar()->setValue(0);
    horizontalScrollBar()->setValue(0);
    scrollToHighlight();
    viewport()->update();
}

void HexView::highlight(quint32 offset, quint32 length)
{
    m_hlOffset = offset;
    m_hlLength = length;
    scrollToHighlight();
    viewport()->update();
}

int HexView::lineCount() const
{
    return int((m_bytes.size() + kBytesPerLine - 1) / kBytesPerLine);
}

int HexView::hexColumn(int i) const
{
    return m_offsetDigits + 2 + 3 * i + (i >= kBytesPerLine / 2 ? 1 : 0);
}

int HexView::textColumn(int i) const
{
    return hexColumn(kBytesPerLine - 1) + 4 + i;
}

int HexView::totalColumns() const
{
    return textColumn(kBytesPerLine - 1) + 1;
}

QRect HexView::byteRect(quint32 offset) const
{
    const int line = int(offset / kBytesPerLine) - verticalScrollBar()->value();
    const int x = kMargin - horizontalScrollBar()->value() +
                  hexColumn(int(offset % kBytesPerLine)) * m_charWidth;
    return {x, line * m_lineHeight, 2 * m_charWidth, m_lineHeight};
}

QSize HexView::sizeHint() const
{
    const int w = totalColumns() * m_charWidth + 2 * kMargin + 2 * frameWidth() +
                  verticalScrollBar()->sizeHint().width();
    return {w, 12 * m_lineHeight + 2 * frameWidth()};
}

void HexView::updateMetrics()
{
    // Every character is drawn in its own cell, so even a proportional fallback font lines up;
    // the cell fits the widest character we draw.
    const QFontMetrics fm(font());
    m_charWidth = 1;
    for (const char c : "0123456789abcdefABCDEFWMm@#%.")
        if (c)
            m_charWidth = std::max(m_charWidth, fm.horizontalAdvance(QLatin1Char(c)));
    m_lineHeight = std::max(1, fm.lineSpacing());
    m_ascent = fm.ascent();
    int digits = 4;
    while (digits < 16 && (quint64(std::max<qsizetype>(m_bytes.size(), 1) - 1) >> (4 * digits)))
        ++digits;
    m_offsetDigits = digits;
}

void HexView::updateScrollBars()
{
    const int visible = std::max(1, viewport()->height() / m_lineHeight);
    QScrollBar *v = verticalScrollBar();
    v->setRange(0, std::max(0, lineCount() - visible));
    v->setPageStep(visible);
    v->setSingleStep(1);
    const int width = totalColumns() * m_charWidth + 2 * kMargin;
    QScrollBar *h = horizontalScrollBar();
    h->setRange(0, std::max(0, width - viewport()->width()));
    h->setPageStep(viewport()->width());
    h->setSingleStep(m_charWidth);
}

void HexView::scrollToHighlight()
{
    if (m_hlLength == 0 || m_hlOffset >= quint64(m_bytes.size()))
        return;
    const int first = int(m_hlOffset / kBytesPerLine);
    const int last =
        int(std::min<quint64>(quint64(m_hlOffset) + m_hlLength - 1, m_bytes.size() - 1) /
            kBytesPerLine);
    const int visible = std::max(1, viewport()->height() / m_lineHeight);
    QScrollBar *v = verticalScrollBar();
    if (first < v->value())
        v->setValue(first);
    else if (last >= v->value() + visible)
        v->setValue(std::min(first, last - visible + 1)); // the start matters most
}

qint64 HexView::byteAt(const QPoint &pos) const
{
    if (pos.y() < 0)
        return -1;
    const qint64 line = verticalScrollBar()->value() + pos.y() / m_lineHeight;
    const int x = pos.x() - kMargin + horizontalScrollBar()->value();
    if (x < 0)
        return -1;
    const int col = x / m_charWidth;
    int i = -1;
    if (col >= textColumn(0) && col <= textColumn(kBytesPerLine - 1)) {
        i = col - textColumn(0);
    } else {
        for (int k = 0; k < kBytesPerLine; ++k)
            if (col >= hexColumn(k) && col < hexColumn(k) + 3) // the space after belongs to it
                i = k;
    }
    const qint64 offset = line * kBytesPerLine + i;
    return i < 0 || offset >= m_bytes.size() ? -1 : offset;
}

void HexView::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    p.setFont(font());
    const QPalette &pal = palette();
    if (m_bytes.isEmpty()) {
        p.setPen(pal.color(QPalette::Disabled, QPalette::Text));
        p.drawText(viewport()->rect(), Qt::AlignCenter, tr("No packet bytes to show"));
        return;
    }
    const int x0 = kMargin - horizontalScrollBar()->value();
    const int first = verticalScrollBar()->value();
    const int last = std::min(lineCount(), first + viewport()->height() / m_lineHeight + 2);
    const qint64 hlStart = m_hlOffset, hlEnd = qint64(m_hlOffset) + m_hlLength;
    const QColor offsetColor = pal.color(QPalette::Disabled, QPalette::Text);
    const QColor textColor = pal.color(QPalette::Text);
    const QColor hlText = pal.color(QPalette::HighlightedText);
    const auto x = [&](int column) { return x0 + column * m_charWidth; };

    for (int line = first; line < last; ++line) {
        const int y = (line - first) * m_lineHeight;
        const qint64 start = qint64(line) * kBytesPerLine;
        const int n = int(std::min<qint64>(kBytesPerLine, m_bytes.size() - start));
        const char *row = m_bytes.constData() + start;
        p.setPen(offsetColor);
        p.drawText(x(0), y + m_ascent,
                   QString::number(start, 16).rightJustified(m_offsetDigits, QLatin1Char('0')));
        // The highlighted bytes of this line: [a, b).
        const int a = int(std::clamp<qint64>(hlStart - start, 0, n));
        const int b = int(std::clamp<qint64>(hlEnd - start, 0, n));
        if (a < b) {
            const QColor bg = pal.color(QPalette::Highlight);
            p.fillRect(QRect(x(hexColumn(a)), y,
                             (hexColumn(b - 1) + 2 - hexColumn(a)) * m_charWidth, m_lineHeight),
                       bg);
            p.fillRect(QRect(x(textColumn(a)), y, (b - a) * m_charWidth, m_lineHeight), bg);
        }
        // One cell per character: alignment never depends on the font's spacing.
        for (int i = 0; i < n; ++i) {
            const auto c = static_cast<unsigned char>(row[i]);
            p.setPen(i >= a && i < b ? hlText : textColor);
            const QChar hex[2] = {QLatin1Char(kHex[c >> 4]), QLatin1Char(kHex[c & 0xf])};
            p.drawText(x(hexColumn(i)), y + m_ascent, QString(hex[0]));
            p.drawText(x(hexColumn(i) + 1), y + m_ascent, QString(hex[1]));
            p.drawText(x(textColumn(i)), y + m_ascent, QString(printableChar(row[i])));
        }
    }
}

void HexView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void HexView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        const qint64 offset = byteAt(event->position().toPoint());
        if (offset >= 0)
            Q_EMIT byteClicked(quint32(offset));
    }
    QAbstractScrollArea::mousePressEvent(event);
}

void HexView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        updateMetrics();
        updateScrollBars();
        viewport()->update();
    }
}

} // namespace netlens
