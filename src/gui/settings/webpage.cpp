// SPDX-License-Identifier: GPL-3.0-or-later
#include "webpage.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSpinBox>

namespace netlens {

WebPage::WebPage(const AppSettings &settings, QWidget *parent)
    : QWidget(parent)
    , m_address(new QLineEdit(settings.web.address, this))
    , m_port(new QSpinBox(this))
    , m_token(new QLineEdit(settings.web.token, this))
    , m_generate(new QPushButton(tr("&Generate"), this))
    , m_autoStart(new QCheckBox(tr("Start the web dashboard with NetLens"), this))
    , m_url(new QLabel(this))
{
    setObjectName(QStringLiteral("webPage"));
    m_address->setObjectName(QStringLiteral("webAddressEdit"));
    m_address->setPlaceholderText(QStringLiteral("127.0.0.1"));
    m_address->setToolTip(tr("127.0.0.1 serves this computer only. Any other address (such as "
                             "0.0.0.0 for every interface) needs an access token."));
    m_port->setObjectName(QStringLiteral("webPortSpin"));
    m_port->setRange(1, 65535);
    m_port->setValue(settings.web.port ? settings.web.port : 5000);
    m_token->setObjectName(QStringLiteral("webTokenEdit"));
    m_token->setPlaceholderText(tr("None (loopback only)"));
    m_token->setToolTip(tr("Browsers send it once as ?token=… (it then sets a cookie), scripts "
                           "as the header \"Authorization: Bearer …\"."));
    m_autoStart->setObjectName(QStringLiteral("webAutoStartCheck"));
    m_autoStart->setChecked(settings.webAutoStart);
    m_url->setObjectName(QStringLiteral("webUrlLabel"));
    m_url->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_token, 1);
    tokenRow->addWidget(m_generate);
    auto *form = new QFormLayout(this);
    form->addRow(tr("Listen &address:"), m_address);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("Access &token:"), tokenRow);
    form->addRow(QString(), m_autoStart);
    form->addRow(tr("Address:"), m_url);
    auto *note = new QLabel(tr("The dashboard is read-only: nothing on the page can start or "
                               "stop a capture."),
                            this);
    note->setWordWrap(true);
    form->addRow(note);

    connect(m_generate, &QPushButton::clicked, this, [this] { m_token->setText(newToken()); });
    connect(m_address, &QLineEdit::textChanged, this, &WebPage::updateUrl);
    connect(m_port, &QSpinBox::valueChanged, this, &WebPage::updateUrl);
    connect(m_token, &QLineEdit::textChanged, this, &WebPage::updateUrl);
    updateUrl();
}

QString WebPage::newToken()
{
    QByteArray bytes(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / 4);
    return QString::fromLatin1(bytes.toHex());
}

void WebPage::apply(AppSettings &settings) const
{
    const QString address = m_address->text().trimmed();
    settings.web.address = address.isEmpty() ? QStringLiteral("127.0.0.1") : address;
    settings.web.port = static_cast<quint16>(m_port->value());
    settings.web.token = m_token->text().trimmed();
    settings.webAutoStart = m_autoStart->isChecked();
}

bool WebPage::validate(QString &error) const
{
    AppSettings s;
    apply(s);
    // The same parser as --listen, so the window and the CLI accept the same addresses.
    WebSettings parsed = s.web;
    QString text =
        s.web.address.contains(QLatin1Char(':')) && !s.web.address.startsWith(QLatin1Char('['))
            ? QLatin1Char('[') + s.web.address + QLatin1Char(']')
            : s.web.address;
    if (!parsed.parseListen(text + QLatin1Char(':') + QString::number(s.web.port), error)) {
        error = tr("Web dashboard address: %1").arg(error);
        return false;
    }
    if (!parsed.isLoopback() && parsed.token.isEmpty()) {
        error = tr("Web dashboard: listening on %1 needs an access token (Generate makes one).")
                    .arg(parsed.address);
        return false;
    }
    return true;
}

void WebPage::updateUrl()
{
    AppSettings s;
    apply(s);
    QString url = s.web.url();
    if (!s.web.token.isEmpty())
        url += QStringLiteral("?token=") + s.web.token;
    m_url->setText(url);
}

} // namespace netlens
