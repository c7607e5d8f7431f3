// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/chartexport.h"

#include <QColor>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QImageWriter>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QStandardPaths>
#include <QSvgGenerator>

namespace netlens::chartexport {

bool save(const QString &path, const QSize &size, const QColor &background, const Render &render,
          QString *error)
{
    const auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    const QString suffix = QFileInfo(path).suffix().toLower();
    const bool svg = suffix == QLatin1String("svg");
    if (!svg && suffix != QLatin1String("png"))
        return fail(QCoreApplication::translate("ChartExport",
                                                "Cannot save %1: use a .png or .svg file name")
                        .arg(path));
    if (size.width() <= 0 || size.height() <= 0)
        return fail(QCoreApplication::translate("ChartExport", "Cannot save %1: empty size %2×%3")
                        .arg(path)
                        .arg(size.width())
                        .arg(size.height()));
    // QSaveFile: a failed write leaves no half-written picture, and tells why it failed.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(QCoreApplication::translate("ChartExport", "Cannot save %1: %2")
                        .arg(path, file.errorString()));
    if (svg) {
        QSvgGenerator generator;
        generator.setOutputDevice(&file);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        generator.setTitle(QFileInfo(path).completeBaseName());
        generator.setDescription(QCoreApplication::translate("ChartExport", "NetLens chart"));
        render(&generator, size);
    } else {
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(background);
        render(&image, size);
        QImageWriter writer(&file, "png");
        if (!writer.write(image))
            return fail(QCoreApplication::translate("ChartExport", "Cannot save %1: %2")
                            .arg(path, writer.errorString()));
    }
    if (!file.commit())
        return fail(QCoreApplication::translate("ChartExport", "Cannot save %1: %2")
                        .arg(path, file.errorString()));
    return true;
}

void addActions(QMenu *menu, QWidget *chart, const QString &baseName, const Save &saveFn)
{
    const auto ask = [chart, baseName, saveFn](const QString &suffix, const QString &filter) {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
        const QString path = QFileDialog::getSaveFileName(
            chart, QCoreApplication::translate("ChartExport", "Save Chart"),
            QDir(dir).filePath(baseName + QLatin1Char('.') + suffix), filter);
        if (path.isEmpty())
            return;
        QString error;
        if (!saveFn(path, chart->size(), &error))
            QMessageBox::warning(chart, QCoreApplication::translate("ChartExport", "Save Chart"),
                                 error);
    };
    menu->addAction(QCoreApplication::translate("ChartExport", "Save as PNG…"), chart, [ask] {
        ask(QStringLiteral("png"),
            QCoreApplication::translate("ChartExport", "PNG images (*.png)"));
    });
    menu->addAction(QCoreApplication::translate("ChartExport", "Save as SVG…"), chart, [ask] {
        ask(QStringLiteral("svg"),
            QCoreApplication::translate("ChartExport", "SVG images (*.svg)"));
    });
}

} // namespace netlens::chartexport
