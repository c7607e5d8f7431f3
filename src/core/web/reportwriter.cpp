// SPDX-License-Identifier: GPL-3.0-or-later
#include "web/reportwriter.h"

#include "alerts/alertjson.h"
#include "web/dashboardfeed.h"
#include "web/dashboardjson.h"
#include "web/webapi.h"
#include "web/webassets.h"

#include <QDateTime>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>

namespace netlens {

namespace {

/// A page file from netlens_web's resources; empty when missing.
QByteArray resource(const QString &name)
{
    QFile f(QStringLiteral(":/web/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Text inlined in a <script> or <style> element: "</" would end the element early (a
/// "</script>" in Chart.js, or in packet data), so it is written "<\/", which JS and CSS read
/// the same.
QByteArray inlined(QByteArray text)
{
    return text.replace("</", "<\\/");
}

/// The data block: the dashboard reply the page would fetch (every point, 20 talkers) and
/// the summary. In JSON, "<" occurs only inside strings, where \u003c means the same: so no
/// packet text can close the element or open a comment.
QByteArray dataBlock(const DashboardFeed &feed, bool alertsIncluded)
{
    const QByteArray dashboard = webapi::dashboardText(feed, dashboardjson::kAll, 0, 20);
    QByteArray json =
        QByteArray("{\"dashboard\":") + dashboard +
        ",\"summary\":" + dashboardjson::summaryText(feed).trimmed() +
        ",\"generated_at\":" + QByteArray::number(QDateTime::currentSecsSinceEpoch()) +
        ",\"alerts_included\":" + (alertsIncluded ? "true" : "false") + "}";
    json.replace("<", "\\u003c");
    return QByteArray("<script id=\"netlens-data\" type=\"application/json\">") + json +
           "</script>\n";
}

} // namespace

QByteArray ReportWriter::build(const DashboardFeed &feed, const QString &language,
                               bool alertsIncluded)
{
    const QString lang = language == QLatin1String("zh-CN") ? language : QStringLiteral("en");
    QByteArray page = resource(QStringLiteral("index.html"));
    const QByteArray icon = resource(QStringLiteral("netlens.svg"));
    if (page.isEmpty() || icon.isEmpty())
        return {};
    page.replace("{{LANG}}", lang.toUtf8()).replace("{{TITLE}}", WebAssets::title(lang).toUtf8());
    // The icon (header and favicon) as a data: URL, so the file needs nothing beside it;
    // replaced in the page only, never in the data.
    page.replace("/static/netlens.svg", QByteArray("data:image/svg+xml;base64," + icon.toBase64()));

    // The page's <link rel="stylesheet" href="/static/X"> and <script src="/static/X">
    // become the files themselves; the data goes just before the first script.
    static const QRegularExpression ref(QStringLiteral(
        R"RE(<link rel="stylesheet" href="/static/([\w.-]+)">|<script src="/static/([\w.-]+)"[^>]*></script>)RE"));
    const QString text = QString::fromUtf8(page);
    QByteArray out;
    out.reserve(page.size() + 512 * 1024);
    qsizetype from = 0;
    bool dataWritten = false;
    int replaced = 0;
    for (auto it = ref.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += text.mid(from, m.capturedStart() - from).toUtf8();
        from = m.capturedEnd();
        const bool style = m.capturedLength(1) > 0;
        const QByteArray body = resource(style ? m.captured(1) : m.captured(2));
        if (body.isEmpty())
            return {};
        if (style) {
            out += QByteArray("<style>\n") + inlined(body) + "\n</style>";
        } else {
            if (!dataWritten) {
                out += dataBlock(feed, alertsIncluded);
                dataWritten = true;
            }
            out += QByteArray("<script>\n") + inlined(body) + "\n</script>";
        }
        ++replaced;
    }
    out += text.mid(from).toUtf8();
    if (replaced < 3 || !dataWritten)
        return {}; // not the page we know: better no report than one that cannot draw
    return out;
}

bool ReportWriter::write(const QString &path, const DashboardFeed &feed, const QString &language,
                         QString &error, bool alertsIncluded)
{
    const QByteArray page = build(feed, language, alertsIncluded);
    if (page.isEmpty()) {
        error = path + QStringLiteral(": cannot write the report: the page's files are missing "
                                      "from this build (resources :/web/)");
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(page) != page.size() || !file.commit()) {
        error = path + QStringLiteral(": cannot write the report: ") + file.errorString();
        return false;
    }
    return true;
}

} // namespace netlens
