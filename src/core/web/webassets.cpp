// SPDX-License-Identifier: GPL-3.0-or-later
#include "web/webassets.h"

#include <QFile>
#include <algorithm>
#include <vector>

namespace netlens {

bool WebAssets::load(QString &error)
{
    struct File {
        const char *path;
        const char *resource;
        const char *type;
    };
    static const File kFiles[] = {
        {"/static/app.js", ":/web/app.js", "text/javascript; charset=utf-8"},
        {"/static/style.css", ":/web/style.css", "text/css; charset=utf-8"},
        {"/static/chart.min.js", ":/web/chart.min.js", "text/javascript; charset=utf-8"},
        {"/static/netlens.svg", ":/web/netlens.svg", "image/svg+xml"},
        {"/", ":/web/index.html", "text/html; charset=utf-8"},
    };
    for (const File &f : kFiles) {
        QFile file(QString::fromLatin1(f.resource));
        if (!file.open(QIODevice::ReadOnly)) {
            error = QString::fromLatin1(f.resource) +
                    QStringLiteral(": the page's file is missing from the build");
            return false;
        }
        if (qstrcmp(f.path, "/") == 0)
            m_index = file.readAll();
        else
            m_assets.insert(QByteArray(f.path), Asset{QByteArray(f.type), file.readAll()});
    }
    return true;
}

const WebAssets::Asset *WebAssets::find(const QByteArray &path) const
{
    const auto it = m_assets.constFind(path);
    return it == m_assets.constEnd() ? nullptr : &*it;
}

QByteArray WebAssets::indexPage(const QString &language) const
{
    QByteArray page = m_index;
    page.replace("{{LANG}}", language.toUtf8());
    page.replace("{{TITLE}}", title(language).toUtf8());
    return page;
}

QString WebAssets::language(const QByteArray &acceptLanguage)
{
    struct Tag {
        QByteArray name;
        double q;
        int order;
    };
    std::vector<Tag> tags;
    int order = 0;
    for (const QByteArray &item : acceptLanguage.split(',')) {
        const QList<QByteArray> parts = item.split(';');
        Tag t{parts.value(0).trimmed().toLower(), 1.0, order++};
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray p = parts[i].trimmed();
            if (p.startsWith("q=")) {
                bool ok = false;
                const double q = p.mid(2).toDouble(&ok);
                t.q = ok ? q : 0;
            }
        }
        if (!t.name.isEmpty() && t.q > 0)
            tags.push_back(t);
    }
    std::stable_sort(tags.begin(), tags.end(),
                     [](const Tag &a, const Tag &b) { return a.q > b.q; });
    for (const Tag &t : tags) {
        if (t.name == "zh" || t.name.startsWith("zh-"))
            return QStringLiteral("zh-CN");
        if (t.name == "en" || t.name.startsWith("en-"))
            return QStringLiteral("en");
    }
    return QStringLiteral("en");
}

QString WebAssets::title(const QString &language)
{
    return language == QLatin1String("zh-CN")
               ? QStringLiteral("网络流量监控与分析系统")
               : QStringLiteral("NetLens — Network Traffic Monitoring and Analysis");
}

} // namespace netlens
