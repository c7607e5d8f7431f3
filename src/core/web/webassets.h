// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace netlens {

/**
 * The page's files, read once from the resources (:/web/...) when the server starts, so a
 * request never touches the disk. The index page gets its language and title filled per
 * request, from Accept-Language.
 */
class WebAssets {
public:
    struct Asset {
        QByteArray contentType;
        QByteArray body;
    };

    /// Reads every file; a missing resource is a build fault and is reported in `error`.
    bool load(QString &error);
    /// By request path ("/static/app.js"); null when none.
    const Asset *find(const QByteArray &path) const;
    /// index.html with {{LANG}} and {{TITLE}} for `language` ("en" or "zh-CN").
    QByteArray indexPage(const QString &language) const;

    /// "zh-CN" when the first zh* tag (by q-value, then order) comes before any en* tag,
    /// else "en".
    static QString language(const QByteArray &acceptLanguage);
    static QString title(const QString &language);

private:
    QHash<QByteArray, Asset> m_assets;
    QByteArray m_index;
};

} // namespace netlens
