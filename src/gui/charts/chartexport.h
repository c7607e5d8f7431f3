// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSize>
#include <QString>
#include <functional>

class QColor;
class QMenu;
class QPaintDevice;
class QWidget;

namespace netlens::chartexport {

/// Draws a chart of `size` pixels onto `device` (an image or an SVG generator).
using Render = std::function<void(QPaintDevice *device, const QSize &size)>;
/// The chart's own saveImage(path, size, error).
using Save = std::function<bool(const QString &path, const QSize &size, QString *error)>;

/// Writes PNG or SVG (chosen by the extension of `path`, case-insensitive) of `size` pixels
/// through `render`. On failure returns false with a message naming the file in `error`.
bool save(const QString &path, const QSize &size, const QColor &background, const Render &render,
          QString *error);

/// Adds "Save as PNG…" and "Save as SVG…" to `menu`: a file dialog, then `save` at the
/// chart's current size; an error is shown in a message box beside `chart`.
void addActions(QMenu *menu, QWidget *chart, const QString &baseName, const Save &save);

} // namespace netlens::chartexport
