#pragma once

#include <QMainWindow>

#include <memory>

class QPlainTextEdit;

namespace netlens {

class Engine;

/// Minimal main window: opens a capture file, analyzes it off the UI thread and shows the
/// summary report. The full packet table, charts and capture controls replace this later.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Starts analyzing `path`; the report appears when done.
    void openFile(const QString &path);

private:
    void chooseFile();
    void showReport(const QString &text);

    QPlainTextEdit *m_report;
};

} // namespace netlens
