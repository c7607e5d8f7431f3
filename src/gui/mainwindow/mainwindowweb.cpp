// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's web side: View → Web Dashboard (the server over the session's snapshots) and
// File → Export Report (the same page as one file).
#include "mainwindow.h"
#include "session/sessioncontroller.h"
#include "web/dashboardfeed.h"
#include "web/reportwriter.h"
#include "web/sessionfeed.h"
#include "web/webserver.h"

#include <QAction>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QLocale>
#include <QStatusBar>
#include <QUrl>

namespace netlens {

void MainWindow::buildWeb()
{
    // The feed follows every session from the start, so a dashboard switched on half-way
    // shows what the window already shows.
    m_webFeed = std::make_shared<DashboardFeed>();
    m_sessionFeed = new SessionFeed(m_webFeed, this);
    m_controller->follow(m_sessionFeed, [this](CaptureSession *s) { m_sessionFeed->follow(s); });

    m_webAction = new QAction(tr("&Web Dashboard"), this);
    m_webAction->setObjectName(QStringLiteral("webDashboardAction"));
    m_webAction->setCheckable(true);
    m_webAction->setToolTip(tr("Serve the charts and the top IPs as a web page"));
    connect(m_webAction, &QAction::triggered, this, [this](bool on) { setWebDashboard(on); });
    m_webOpenAction = new QAction(tr("Open Web Dashboard in &Browser"), this);
    m_webOpenAction->setEnabled(false);
    connect(m_webOpenAction, &QAction::triggered, this,
            [this] { QDesktopServices::openUrl(QUrl(webDashboardUrl())); });

    m_webLabel = new QLabel(statusBar());
    m_webLabel->setObjectName(QStringLiteral("webDashboardLabel"));
    m_webLabel->setOpenExternalLinks(true);
    m_webLabel->hide();
    statusBar()->addPermanentWidget(m_webLabel);
    if (m_settings.webAutoStart)
        setWebDashboard(true);
}

bool MainWindow::setWebDashboard(bool on, QString *errorOut)
{
    if (!on) {
        m_webServer.reset();
        m_webAction->setChecked(false);
        m_webOpenAction->setEnabled(false);
        m_webLabel->hide();
        return true;
    }
    if (m_webServer && m_webServer->settings() == m_settings.web)
        return true;
    m_webServer.reset(); // new settings: listen again
    auto server = std::make_unique<WebServer>(m_webFeed, m_settings.web);
    QString error;
    if (!server->start(error)) {
        m_webAction->setChecked(false);
        m_webOpenAction->setEnabled(false);
        m_webLabel->hide();
        // The capture and the window go on without the page; the error names the address.
        showError(tr("The web dashboard could not start: %1").arg(error));
        if (errorOut)
            *errorOut = error;
        return false;
    }
    m_webServer = std::move(server);
    m_webAction->setChecked(true);
    m_webOpenAction->setEnabled(true);
    const QString url = webDashboardUrl();
    // The label is rich text: the URL is ours (address, port and a hex token), not data.
    m_webLabel->setText(QStringLiteral("<a href=\"%1\">%2</a>")
                            .arg(url.toHtmlEscaped(), m_webServer->url().toHtmlEscaped()));
    m_webLabel->setToolTip(tr("The web dashboard is serving at this address"));
    m_webLabel->show();
    return true;
}

QString MainWindow::webDashboardUrl() const
{
    if (!m_webServer)
        return {};
    QString url = m_webServer->url();
    if (!m_webServer->settings().token.isEmpty())
        url += QStringLiteral("?token=") + m_webServer->settings().token;
    return url;
}

QString MainWindow::reportLanguage() const
{
    const QLocale locale =
        m_settings.language.isEmpty() ? QLocale::system() : QLocale(m_settings.language);
    return locale.language() == QLocale::Chinese ? QStringLiteral("zh-CN") : QStringLiteral("en");
}

bool MainWindow::exportReport(const QString &path, QString *error)
{
    QString message;
    if (!m_webFeed->snapshot()) {
        message = tr("There is nothing to report yet: open a capture or start one.");
    } else if (ReportWriter::write(path, *m_webFeed, reportLanguage(), message)) {
        statusBar()->showMessage(tr("Report written to %1").arg(path), 10000);
        return true;
    }
    if (error)
        *error = message;
    showError(message);
    return false;
}

void MainWindow::chooseReportExport()
{
    const QString suggested =
        QDir(m_settings.dataDir)
            .filePath(
                QStringLiteral("report-%1.html")
                    .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))));
    QDir().mkpath(m_settings.dataDir);
    QString path = QFileDialog::getSaveFileName(this, tr("Export Report"), suggested,
                                                tr("HTML files (*.html)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".html")) && !path.endsWith(QLatin1String(".htm")))
        path += QStringLiteral(".html");
    exportReport(path);
}

} // namespace netlens
