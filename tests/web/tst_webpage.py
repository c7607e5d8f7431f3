#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The served dashboard in headless chromium: `netlens-cli serve CAPTURE`, then the page's
totals, top-5 and top-10 tables, pie legend, conversations, flows and traffic chart must equal
`netlens-cli analyze --json` of the same file; the language follows Accept-Language and the
switch; no console error. Screenshots in English and Chinese."""

import webtest
from webtest import check, equal

WAIT_DRAWN = "document.body.dataset.drawn && document.body.dataset.state === 'finished'"


def main():
    args = webtest.arguments()
    tmp = webtest.workdir(args.out, "webpage")
    summary = webtest.analyze(args.cli, args.capture, tmp)
    with webtest.Server(args.cli, args.capture) as server, webtest.cdp.Browser() as browser:
        browser.set_accept_language("en-US,en;q=0.9")
        browser.navigate(server.url)
        browser.wait_for(WAIT_DRAWN, what="the page to draw the finished capture")
        page = webtest.read_page(browser)
        equal(page["lang"], "en", "html[lang] for Accept-Language en-US")
        equal(page["title"], webtest.TITLES["en"], "document.title")
        equal(page["h1"], webtest.TITLES["en"], "h1#title")
        webtest.check_numbers(page, summary, top=5)
        webtest.check_traffic(browser, summary)

        # Top 10: the page asks the server again, with n=10.
        browser.evaluate("(() => { const s = document.getElementById('top-n'); s.value = '10';"
                         " s.dispatchEvent(new Event('change')); })()")
        browser.wait_for("document.querySelectorAll('#talkers-table tbody tr').length === %d"
                         % min(10, len(summary["top_talkers"])), what="10 rows of top IPs")
        webtest.check_numbers(webtest.read_page(browser), summary, top=10)
        browser.evaluate("(() => { const s = document.getElementById('top-n'); s.value = '5';"
                         " s.dispatchEvent(new Event('change')); })()")
        browser.wait_for("document.querySelectorAll('#talkers-table tbody tr').length === 5")
        webtest.save_screenshot(browser, args.out, "web-en.png", args.screenshots)

        # The switch: Chinese at once, same numbers, and remembered over a reload.
        browser.evaluate("document.getElementById('lang-switch').click()")
        browser.wait_for("document.documentElement.lang === 'zh-CN'", what="the switch to zh-CN")
        page = webtest.read_page(browser)
        equal(page["h1"], webtest.TITLES["zh-CN"], "h1#title after the switch")
        equal(page["title"], webtest.TITLES["zh-CN"], "document.title after the switch")
        webtest.check_numbers(page, summary, top=5)
        browser.navigate(server.url)
        browser.wait_for(WAIT_DRAWN)
        equal(browser.evaluate("document.documentElement.lang"), "zh-CN",
              "html[lang] after a reload (the switch is remembered)")
        webtest.save_screenshot(browser, args.out, "web-zh_CN.png", args.screenshots)

        # Without a remembered choice the server's pick from Accept-Language holds.
        for header, lang in (("zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"), ("en-GB,zh;q=0.5", "en")):
            browser.evaluate("localStorage.clear()")
            browser.set_accept_language(header)
            browser.navigate(server.url)
            browser.wait_for(WAIT_DRAWN)
            page = webtest.read_page(browser)
            equal(page["lang"], lang, "html[lang] for Accept-Language %s" % header)
            equal(page["h1"], webtest.TITLES[lang], "h1#title for Accept-Language %s" % header)

        # 1280 px is the design width; the page must also hold at a narrow one.
        browser.send("Emulation.setDeviceMetricsOverride", width=700, height=900,
                     deviceScaleFactor=1, mobile=False)
        browser.pump(0.3)
        overflow = browser.evaluate("document.documentElement.scrollWidth")
        check(overflow <= 700, "at 700 px wide the page scrolls sideways (%d px)" % overflow)

        problems = browser.problems()
        check(not problems, "the page reported problems:\n" + "\n".join(problems))


if __name__ == "__main__":
    webtest.run(main)
