// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QStringList>

class QLabel;
class QProgressBar;
class QStatusBar;
class QToolButton;

namespace netlens {

/// The status bar's permanent parts: packets displayed / total, capture file, live rate,
/// kernel drops, warnings about the capture, and a progress bar with a cancel button for long jobs.
class StatusPanel final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusPanel)

public:
    explicit StatusPanel(QStatusBar *bar);

    void setCounts(qint64 displayed, qint64 total);
    void setFile(const QString &path);
    void setRate(double packetsPerSec, double bytesPerSec);
    void setDrops(quint64 kernel, quint64 interface);
    void clearLive();
    /// Things the user should know about the capture (cut packets, undecoded link types, …):
    /// a count in the bar, the sentences in its tooltip. Empty hides it.
    void setWarnings(const QStringList &warnings);
    /// Shows progress (0..1000 per mille) with `text`; hide with hideProgress().
    void showProgress(const QString &text, int permille);
    void hideProgress();
    QString countsText() const;

Q_SIGNALS:
    void cancelRequested();

private:
    QLabel *m_counts;
    QLabel *m_file;
    QLabel *m_rate;
    QLabel *m_drops;
    QLabel *m_warnings;
    QLabel *m_progressText;
    QProgressBar *m_progress;
    QToolButton *m_cancel;
};

} // namespace netlens
