#include "mainwindow.h"

#include "engine/engine.h"
#include "engine/fileanalyzer.h"
#include "export/summary.h"

#include <QAction>
#include <QFileDialog>
#include <QFontDatabase>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QThread>

namespace netlens {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent), m_report(new QPlainTextEdit(this))
{
    setWindowTitle(tr("NetLens"));
    m_report->setReadOnly(true);
    m_report->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_report->setPlaceholderText(tr("Open a capture file from the File menu."));
    setCentralWidget(m_report);
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open…"), this, &MainWindow::chooseFile);
    open->setShortcut(QKeySequence::Open);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    resize(1000, 700);
}

MainWindow::~MainWindow() = default;

void MainWindow::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Capture"), QString(), tr("Captures (*.pcap *.pcapng *.cap);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::openFile(const QString &path)
{
    statusBar()->showMessage(tr("Analyzing %1…").arg(path));
    // The analysis runs on its own thread; its result comes back as a queued call.
    QThread *worker = QThread::create([this, path] {
        Engine engine;
        FileAnalyzer analyzer(engine);
        const auto results = analyzer.run({path.toStdString()});
        const QString text =
            QString::fromStdString(formatSummaryText(Summary::build(engine, 10, results)));
        QMetaObject::invokeMethod(this, [this, text] { showReport(text); }, Qt::QueuedConnection);
    });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    worker->start();
}

void MainWindow::showReport(const QString &text)
{
    m_report->setPlainText(text);
    statusBar()->showMessage(tr("Done"), 5000);
}

} // namespace netlens
