// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractScrollArea>
#include <QByteArray>

namespace netlens {

/**
 * The packet bytes: "offset  16 hex bytes  16 characters" per line in a fixed-width font,
 * with one byte range highlighted in both the hex and the character columns. Only the lines on
 * screen are painted, so a 64 KB packet costs no more than a small one.
 */
class HexView final : public QAbstractScrollArea {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HexView)

public:
    static constexpr int kBytesPerLine = 16;

    explicit HexView(QWidget *parent = nullptr);

    /// Shows these bytes from the top. A highlight set just before (the details view reselects
    /// its field before the new bytes arrive) is kept and scrolled to.
    void setBytes(const QByteArray &bytes);
    const QByteArray &bytes() const { return m_bytes; }
    quint32 highlightOffset() const { return m_hlOffset; }
    quint32 highlightLength() const { return m_hlLength; }
    /// Where byte `offset` is drawn in the hex column, in viewport coordinates.
    QRect byteRect(quint32 offset) const;
    QSize sizeHint() const override;

public Q_SLOTS:
    /// Highlights [offset, offset + length) and scrolls it into view; length 0 clears.
    void highlight(quint32 offset, quint32 length);

Q_SIGNALS:
    /// The user clicked a byte, in the hex or the character column.
    void byteClicked(quint32 offset);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateMetrics();
    void updateScrollBars();
    void scrollToHighlight();
    int lineCount() const;
    /// Text columns: where the offset ends, where byte i's hex starts, where the text starts.
    int hexColumn(int i) const;
    int textColumn(int i) const;
    int totalColumns() const;
    /// The byte under `pos` (viewport coordinates), or -1.
    qint64 byteAt(const QPoint &pos) const;

    QByteArray m_bytes;
    quint32 m_hlOffset = 0;
    quint32 m_hlLength = 0;
    int m_offsetDigits = 4;
    int m_charWidth = 1;
    int m_lineHeight = 1;
    int m_ascent = 0;
};

} // namespace netlens
