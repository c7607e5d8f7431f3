// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QCoreApplication;
class QTranslator;

namespace netlens {

/// Installs NetLens's and Qt's own translations for `language` ("" follows the system
/// locale, as LANG says; "en" or "zh_CN" override it). `qmDir` is where netlens_*.qm are
/// (the app embeds them under ":/i18n"). Returns the locale name used, e.g. "zh_CN".
/// The translators are parented to `app` and live as long as it.
QString installTranslators(QCoreApplication &app, const QString &language,
                           const QString &qmDir = QStringLiteral(":/i18n"));

} // namespace netlens
