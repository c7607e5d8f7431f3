// SPDX-License-Identifier: GPL-3.0-or-later
// stats_windows_bench FILE[,FILE...]: loads a capture (CaptureSession::openFiles), waits for
// the final snapshot, then for each statistics window measures the time from create() to the
// first paint of its view with rows, and the time to sort its biggest tab by Bytes up to the
// next paint. One line per window:
//   window <name>: rows N, open X ms, sort Y ms
// Runs offscreen unless QT_QPA_PLATFORM says otherwise. Not part of CTest.
#include "session/capturesession.h"
#include "stats/protocolhierarchymodel.h"
#include "stats/snapshottablemodel.h"
#include "stats/statisticswindow.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QTableView>
#include <cstdio>
#include <functional>
#include <memory>

using namespace netlens;

namespace {
/// Counts paint events of a view's viewport: the view has been drawn, not merely laid out.
class PaintSpy final : public QObject {
public:
    explicit PaintSpy(QWidget *viewport) { viewport->installEventFilter(this); }
    int paints = 0;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return false;
    }
};

void spinUntil(const std::function<bool()> &done)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < 60000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}
} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: stats_windows_bench FILE[,FILE...]\n");
        return 2;
    }
    QElapsedTimer clock;
    clock.start();
    std::unique_ptr<CaptureSession> session(
        CaptureSession::openFiles(QString::fromLocal8Bit(argv[1]).split(QLatin1Char(','))));
    bool finished = false;
    QObject::connect(session.get(), &CaptureSession::finished, [&finished] { finished = true; });
    spinUntil([&finished] { return finished; });
    const StatsSnapshotPtr s = session->lastSnapshot();
    if (!finished || !s || !s->complete) {
        std::fprintf(stderr, "the capture did not finish loading\n");
        return 1;
    }
    std::printf("loaded in %lld ms: %llu packets, %zu endpoints, %zu conversations, %zu flows\n",
                static_cast<long long>(clock.elapsed()),
                static_cast<unsigned long long>(s->total.packets), s->endpoints.size(),
                s->conversations.size(), s->flows.size());

    const struct {
        StatisticsWindow::Kind kind;
        const char *name;
    } windows[] = {{StatisticsWindow::Kind::ProtocolHierarchy, "hierarchy"},
                   {StatisticsWindow::Kind::Conversations, "conversations"},
                   {StatisticsWindow::Kind::Endpoints, "endpoints"},
                   {StatisticsWindow::Kind::Flows, "flows"}};
    for (const auto &win : windows) {
        clock.restart();
        std::unique_ptr<StatisticsWindow> w(StatisticsWindow::create(win.kind, session.get()));
        PaintSpy painted(w->view(0)->viewport());
        w->show();
        spinUntil([&] { return painted.paints > 0 && w->model(0)->rowCount() > 0; });
        const double openMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;

        // Sort the biggest tab (the one a user waits for), shown first so only the sort counts.
        int biggest = 0;
        for (int t = 1; t < w->tabCount(); ++t)
            if (w->model(t)->rowCount() > w->model(biggest)->rowCount())
                biggest = t;
        double sortMs = 0;
        QString name = QString::fromLatin1(win.name);
        if (w->tabCount() > 1)
            name += QLatin1Char('[') + w->tabName(biggest) + QLatin1Char(']');
        if (auto *table = qobject_cast<QTableView *>(w->view(biggest))) {
            w->setCurrentTab(biggest);
            PaintSpy sortPainted(table->viewport());
            table->viewport()->update(); // the current tab already: nothing else repaints it
            spinUntil([&] { return sortPainted.paints > 0; });
            sortPainted.paints = 0;
            clock.restart();
            table->sortByColumn(w->tableModel(biggest)->bytesColumn(), Qt::AscendingOrder);
            spinUntil([&] { return sortPainted.paints > 0; });
            sortMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
        }
        const int rows = w->hierarchyModel()
                             ? static_cast<int>(w->hierarchyModel()->allIndexes().size())
                             : w->model(biggest)->rowCount();
        std::printf("window %s: rows %d, open %.1f ms, sort %.1f ms\n", qPrintable(name), rows,
                    openMs, sortMs);
        std::fflush(stdout);
        clock.restart();
        w.reset();
        std::fprintf(stderr, "  closed in %.1f ms\n",
                     static_cast<double>(clock.nsecsElapsed()) / 1e6);
    }
    clock.restart();
    session.reset();
    std::fprintf(stderr, "session closed in %.1f ms\n",
                 static_cast<double>(clock.nsecsElapsed()) / 1e6);
    return 0;
}
