// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QLineEdit>
#include <functional>
#include <string>

namespace netlens {

/**
 * A line edit for BPF expressions, checked as you type: green when libpcap compiles it, red
 * with libpcap's message as the tooltip when not. Enter applies a valid expression; Esc
 * clears it.
 */
class BpfLineEdit final : public QLineEdit {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BpfLineEdit)

public:
    explicit BpfLineEdit(QWidget *parent = nullptr);
    /// The link type expressions are checked against (DLT_*; Ethernet by default).
    void setLinkType(int linkType);
    /// Display filters also take NetLens's protocol, transport and time terms
    /// (DisplayExpression); capture filters are BPF alone.
    void setDisplayFilterMode(bool on);
    /// Capture filters: judged by `check` (the capture helper, on the chosen interface)
    /// instead of here; each expression once per link type (the answers are kept).
    void setCaptureCheck(std::function<bool(const std::string &, std::string &)> check);
    bool isValid() const { return m_valid; }
    QString errorText() const { return m_error; }

Q_SIGNALS:
    /// Enter on a valid expression (possibly empty).
    void applied(const QString &expression);
    /// Esc cleared the field.
    void cleared();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void validate();

    int m_linkType = 1;
    bool m_displayMode = false;
    bool m_valid = true;
    QString m_error;
    std::function<bool(const std::string &, std::string &)> m_captureCheck;
    QHash<QString, QString> m_checked; ///< capture check answers: expression -> error ("" ok)
};

} // namespace netlens
