// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "web/webassets.h"
#include "web/webreply.h"
#include "web/websecurity.h"

#include <memory>

namespace netlens {

class DashboardFeed;

/**
 * Request in, reply out, for every path: the Host check, the method, the token, then the
 * page, its files or the API. Pure and thread-agnostic (it reads the feed only), so the
 * tests can call it without a socket and the server thread calls nothing else.
 */
class WebRouter {
public:
    WebRouter(std::shared_ptr<DashboardFeed> feed, const WebSettings &settings, quint16 port,
              WebAssets assets);

    WebReply handle(const WebRequest &request) const;

private:
    std::shared_ptr<DashboardFeed> m_feed;
    WebSecurity m_security;
    WebAssets m_assets;
    QString m_listen; ///< ADDR:PORT, for messages
};

} // namespace netlens
