// SPDX-License-Identifier: GPL-3.0-or-later
#include "aboutdialog.h"

#include "stats/appdetector.h"

#include <QCoreApplication>
#include <QMessageBox>

#include <absl/base/config.h>
#include <pcap/pcap.h>
#include <qcustomplot.h>

namespace netlens {

QString AboutDialog::text()
{
    const auto row = [](const QString &name, const QString &version, const QString &licence) {
        return QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
            .arg(name.toHtmlEscaped(), version.toHtmlEscaped(), licence.toHtmlEscaped());
    };
    QString rows;
    rows += row(QStringLiteral("Qt"), QString::fromLatin1(qVersion()), QStringLiteral("LGPL-3.0"));
    rows += row(QStringLiteral("libpcap"), QString::fromLatin1(pcap_lib_version()),
                QStringLiteral("BSD-3-Clause"));
    rows += row(QStringLiteral("nDPI"), QString::fromStdString(AppDetector::libraryVersion()),
                QStringLiteral("LGPL-3.0"));
    rows += row(QStringLiteral("QCustomPlot"), QStringLiteral(QCUSTOMPLOT_VERSION_STR),
                QStringLiteral("GPL-3.0"));
    rows += row(QStringLiteral("Abseil"), QString::number(ABSL_LTS_RELEASE_VERSION),
                QStringLiteral("Apache-2.0"));
    return QStringLiteral("<b>NetLens %1</b><br>%2<br><br>%3<br><br><b>%4</b>"
                          "<table cellspacing=\"4\"><tr><th align=\"left\">%5</th>"
                          "<th align=\"left\">%6</th><th align=\"left\">%7</th></tr>%8</table>")
        .arg(QStringLiteral(NETLENS_VERSION), tr("Network traffic monitor and analyzer."),
             tr("Free software under the GNU General Public License, version 3 or (at your "
                "option) any later version. It comes with no warranty."),
             tr("Libraries"), tr("Library"), tr("Version"), tr("Licence"), rows);
}

void AboutDialog::show(QWidget *parent)
{
    QMessageBox::about(parent, tr("About NetLens"), text());
}

} // namespace netlens
