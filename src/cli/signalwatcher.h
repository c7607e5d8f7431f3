// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QSocketNotifier;

namespace netlens::cli {

/// Turns SIGINT and SIGTERM into a Qt signal, through a self-pipe: a signal handler may only
/// write(2), so the real work happens in the event loop.
class SignalWatcher final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalWatcher)

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signal);

private:
    static void handler(int signal);
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace netlens::cli
