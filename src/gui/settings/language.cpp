// SPDX-License-Identifier: GPL-3.0-or-later
#include "language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace netlens {

QString installTranslators(QCoreApplication &app, const QString &language, const QString &qmDir)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    auto *own = new QTranslator(&app);
    // English is the source language: no file, and an "en" setting must not pick up another.
    if (locale.language() != QLocale::English &&
        own->load(locale, QStringLiteral("netlens"), QStringLiteral("_"), qmDir))
        QCoreApplication::installTranslator(own);
    return locale.name();
}

} // namespace netlens
