// SPDX-License-Identifier: GPL-3.0-or-later
// The NetLens dashboard: one GET /api/v1/dashboard per refresh (every 500 ms while a capture
// loads or runs, none once the snapshot is final), or, in an exported report, the data inlined
// in <script id="netlens-data">. Packet data is hostile (DNS names, SNI, Host headers), so
// every value reaches the DOM through textContent or setAttribute, never innerHTML.
"use strict";

(function () {
    const STRINGS = {
        "en": {
            title: "NetLens — Network Traffic Monitoring and Analysis",
            switchTo: "中文", switchTitle: "切换到中文",
            status: "Capture status", state: "State", interface: "Interface", file: "File",
            packets: "Packets", bytes: "Bytes", rate: "Rate", drops: "Drops",
            protocols: "Protocol distribution", protocol: "Protocol", other: "Other",
            otherTitle: "Each under 2 %: ",
            traffic: "Traffic over time", unit: "Unit", bitsPerSec: "bits/s",
            packetsPerSec: "packets/s",
            talkers: "Top IP addresses", show: "Show", address: "Address", sent: "Sent",
            received: "Received", hostCount: "{0} hosts in all",
            conversations: "Top conversations", endpointA: "Address A", endpointB: "Address B",
            aToB: "Bytes A → B", bToA: "Bytes B → A", conversationCount: "{0} conversations in all",
            flows: "Top flows", client: "Client", server: "Server", serverName: "Server name",
            flowCount: "{0} flows in all",
            alerts: "Recent alerts", severity: "Severity", started: "Started",
            alertState: "State", key: "Key", summary: "Summary", noAlerts: "No alerts.",
            alertsOff: "Alerts were not run for this report.",
            idle: "Idle", loading: "Loading", capturing: "Capturing", finished: "Finished",
            engaged: "Active", released: "Ended",
            info: "Info", warning: "Warning", critical: "Critical",
            averageRate: "Average rate", none: "—", moreFiles: "{0} (+{1} more)",
            updated: "Updated {0}", report: "Report of {0}",
            offline: "The NetLens server does not answer; retrying…",
            unauthorized: "This dashboard needs its token: open the address with ?token=…",
            noChart: "Chart.js did not load: the charts are missing, the tables are complete.",
            footer: "NetLens {0} · data from the capture's statistics snapshot",
            sentBytes: "Sent bytes", receivedBytes: "Received bytes",
            droppedTitle: "Kernel: {0}, interface: {1}",
        },
        "zh-CN": {
            title: "网络流量监控与分析系统",
            switchTo: "English", switchTitle: "Switch to English",
            status: "抓包状态", state: "状态", interface: "网卡", file: "文件",
            packets: "数据包", bytes: "字节", rate: "速率", drops: "丢包",
            protocols: "网络流量协议类型分布", protocol: "协议", other: "其他",
            otherTitle: "每项均低于 2%：",
            traffic: "流量随时间变化", unit: "单位", bitsPerSec: "比特/秒",
            packetsPerSec: "包/秒",
            talkers: "访问量最多的 IP 地址", show: "显示", address: "地址", sent: "发送",
            received: "接收", hostCount: "共 {0} 台主机",
            conversations: "主要会话", endpointA: "地址 A", endpointB: "地址 B",
            aToB: "字节 A → B", bToA: "字节 B → A", conversationCount: "共 {0} 个会话",
            flows: "主要流", client: "客户端", server: "服务器", serverName: "服务器名称",
            flowCount: "共 {0} 条流",
            alerts: "最近告警", severity: "级别", started: "开始时间",
            alertState: "状态", key: "对象", summary: "摘要", noAlerts: "没有告警。",
            alertsOff: "此报告未运行告警检测。",
            idle: "空闲", loading: "正在加载", capturing: "正在抓包", finished: "已完成",
            engaged: "进行中", released: "已结束",
            info: "信息", warning: "警告", critical: "严重",
            averageRate: "平均速率", none: "—", moreFiles: "{0}（另有 {1} 个）",
            updated: "更新于 {0}", report: "{0} 的报告",
            offline: "NetLens 服务器无响应，正在重试…",
            unauthorized: "此仪表板需要令牌：请用 ?token=… 打开地址",
            noChart: "Chart.js 未能加载：图表缺失，表格完整。",
            footer: "NetLens {0} · 数据来自抓包的统计快照",
            sentBytes: "发送字节", receivedBytes: "接收字节",
            droppedTitle: "内核：{0}，网卡：{1}",
        },
    };
    const UNITS = {
        "en": { bytes: ["B", "kB", "MB", "GB", "TB"],
                bits: ["bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"],
                packets: ["pkt/s", "k pkt/s", "M pkt/s", "G pkt/s", "T pkt/s"] },
        "zh-CN": { bytes: ["B", "kB", "MB", "GB", "TB"],
                   bits: ["bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"],
                   packets: ["包/秒", "千包/秒", "百万包/秒", "G 包/秒", "T 包/秒"] },
    };
    // Tableau 10, as the window's charts (chartformat.cpp), and its grey for "Other".
    const COLORS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#5fa2ce"];
    const OTHER_COLOR = "#a0a0a0";
    const OTHER_PERCENT = 2; // slices under this share merge into "Other", as in the window
    const REFRESH_MS = 500;  // while loading or capturing
    const IDLE_MS = 2000;    // nothing to show yet: look again now and then
    const FINAL_CHECK_MS = 5000; // final: only /status, to notice a new capture
    const FETCH_TIMEOUT_MS = 10000;
    const MAX_ALERTS = 200;
    const LANG_KEY = "netlens.lang";

    const $ = (id) => document.getElementById(id);
    const embedded = $("netlens-data");

    const view = {
        lang: "en",
        topN: 5,
        unit: "bits",
        status: null,
        protocols: null,
        talkers: null,
        conversations: null,
        flows: null,
        series: null,     // {series, interval_s}
        points: [],       // [{t, packets, bytes}], by t
        alerts: new Map(), // uid -> alert
        alertsNext: 0,
        alertsKnown: true, // a report without --alerts says so instead of "no alerts"
        sequence: null,
        session: null,     // status.session: another file or capture when it changes
        charts: {},
        timer: 0,
        inFlight: false,
        generatedAt: 0,    // report: when it was written
    };

    // ---- text -------------------------------------------------------------------------------

    function t(key, ...args) {
        const s = (STRINGS[view.lang] || STRINGS.en)[key] ?? STRINGS.en[key] ?? key;
        return s.replace(/\{(\d)\}/g, (m, i) => String(args[Number(i)] ?? ""));
    }
    function normalizeLang(tag) {
        return /^zh/i.test(tag || "") ? "zh-CN" : "en";
    }
    function numberText(n) {
        return new Intl.NumberFormat(view.lang).format(n);
    }
    /// Three significant digits in the largest unit reached, as chartformat.cpp does.
    function scaled(value, units) {
        let v = value, u = 0;
        while (Math.abs(v) >= 999.5 && u + 1 < units.length) {
            v /= 1000;
            ++u;
        }
        const digits = new Intl.NumberFormat(view.lang, { maximumSignificantDigits: 3 });
        return digits.format(v) + " " + units[u];
    }
    const bytesText = (v) => scaled(v, UNITS[view.lang].bytes);
    const rateText = (v, unit) => scaled(v, UNITS[view.lang][unit]);
    /// Local time as "2026-12-02 14:05:09" in both languages: unambiguous, and sorts as text.
    function timeText(secs, withDate) {
        const d = new Date(secs * 1000);
        const two = (n) => String(n).padStart(2, "0");
        const time = two(d.getHours()) + ":" + two(d.getMinutes()) + ":" + two(d.getSeconds());
        return withDate ? d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate()) +
                          " " + time : time;
    }
    function hostPort(address, port) {
        if (port === undefined || port === null || port === 0)
            return String(address);
        return (String(address).includes(":") ? "[" + address + "]" : address) + ":" + port;
    }

    // ---- DOM helpers: text only ---------------------------------------------------------------

    function cell(cls, text, value) {
        const td = document.createElement("td");
        if (cls)
            td.className = cls;
        td.textContent = text;
        if (text.length > 18)
            td.setAttribute("title", text); // long cells are cut with an ellipsis
        if (value !== undefined)
            td.setAttribute("data-value", String(value));
        return td;
    }
    function setNumber(id, value, text) {
        const el = $(id);
        el.setAttribute("data-value", String(value));
        el.textContent = text;
    }
    function fillRows(table, items, makeRow) {
        const tbody = $(table).tBodies[0];
        tbody.replaceChildren(...items.map(makeRow));
    }

    // ---- language -----------------------------------------------------------------------------

    function applyLanguage(lang) {
        view.lang = lang;
        document.documentElement.setAttribute("lang", lang);
        document.title = t("title");
        $("title").textContent = t("title");
        for (const el of document.querySelectorAll("[data-i18n]"))
            el.textContent = t(el.getAttribute("data-i18n"));
        const sw = $("lang-switch");
        sw.textContent = t("switchTo");
        sw.setAttribute("title", t("switchTitle"));
        sw.setAttribute("lang", lang === "en" ? "zh-CN" : "en");
        renderAll();
    }
    function storedLang() {
        try {
            return localStorage.getItem(LANG_KEY);
        } catch (e) {
            return null; // storage off (some file:// setups): the page's own language then
        }
    }
    function rememberLang(lang) {
        try {
            localStorage.setItem(LANG_KEY, lang);
        } catch (e) {
            // not remembered; the switch still works for this visit
        }
    }

    // ---- charts -------------------------------------------------------------------------------

    function haveCharts() {
        return typeof window.Chart === "function";
    }
    function baseOptions() {
        return {
            animation: false, // draw at once: live data changes twice a second
            responsive: true,
            maintainAspectRatio: false,
            plugins: { legend: { display: false } },
        };
    }
    function ensureCharts() {
        if (!haveCharts() || view.charts.pie)
            return;
        Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
        Chart.defaults.color = "#4a5568";
        Chart.defaults.borderColor = "#e6e9ef";
        view.charts.pie = new Chart($("protocol-chart"), {
            type: "doughnut",
            data: { labels: [], datasets: [{ data: [], backgroundColor: [], borderWidth: 1,
                                             borderColor: "#fff" }] },
            options: Object.assign(baseOptions(), {
                cutout: "58%",
                plugins: { legend: { display: false }, tooltip: { callbacks: {
                    label: (c) => c.label + ": " + numberText(c.raw) + " (" +
                        percentText(c.raw, c.dataset.data) + ")" } } },
            }),
        });
        view.charts.traffic = new Chart($("traffic-chart"), {
            type: "line",
            data: { datasets: [{ data: [], borderColor: COLORS[0], borderWidth: 1.5,
                                 backgroundColor: "rgba(78,121,167,0.18)", fill: "origin",
                                 pointRadius: 0, pointHitRadius: 6, tension: 0 }] },
            options: Object.assign(baseOptions(), {
                parsing: false,
                normalized: true,
                interaction: { mode: "nearest", axis: "x", intersect: false },
                scales: {
                    // Debian's Chart.js has no date adapter: epoch seconds on a linear axis.
                    x: { type: "linear", ticks: { maxRotation: 0, autoSkipPadding: 16,
                                                  includeBounds: false,
                                                  callback: (v) => axisTime(v) } },
                    y: { beginAtZero: true, ticks: { callback: (v) => rateText(v, view.unit) } },
                },
                plugins: { legend: { display: false }, tooltip: { callbacks: {
                    title: (items) => items.length ? timeText(items[0].parsed.x, true) : "",
                    label: (c) => rateText(c.parsed.y, view.unit) } } },
            }),
        });
        view.charts.talkers = new Chart($("talkers-chart"), {
            type: "bar",
            data: { labels: [], datasets: [
                { label: "", data: [], backgroundColor: COLORS[0], stack: "s" },
                { label: "", data: [], backgroundColor: COLORS[1], stack: "s" }] },
            options: Object.assign(baseOptions(), {
                indexAxis: "y",
                scales: {
                    x: { stacked: true, beginAtZero: true, ticks: { callback: (v) => bytesText(v) } },
                    y: { stacked: true, ticks: { autoSkip: false } },
                },
                plugins: {
                    legend: { display: true, position: "bottom",
                              labels: { boxWidth: 12, boxHeight: 12 } },
                    tooltip: { callbacks: { label: (c) => c.dataset.label + ": " + bytesText(c.raw) } },
                },
            }),
        });
    }
    function percentText(value, all) {
        const sum = all.reduce((a, b) => a + b, 0);
        return sum ? new Intl.NumberFormat(view.lang, { maximumFractionDigits: 1,
                                                        minimumFractionDigits: 1 })
                         .format(100 * value / sum) + "%" : "";
    }
    function axisTime(v) {
        const pts = view.points;
        const interval = view.series ? view.series.interval_s : 1;
        const span = pts.length ? pts[pts.length - 1].t - pts[0].t : 0;
        const d = new Date(v * 1000);
        if (interval >= 86400 || span > 7 * 86400)
            return new Intl.DateTimeFormat(view.lang, { year: "numeric", month: "2-digit",
                                                        day: "2-digit" }).format(d);
        if (span > 86400)
            return new Intl.DateTimeFormat(view.lang, { month: "2-digit", day: "2-digit",
                                                        hour: "2-digit", minute: "2-digit",
                                                        hour12: false }).format(d);
        return new Intl.DateTimeFormat(view.lang, { hour: "2-digit", minute: "2-digit",
                                                    second: span < 600 ? "2-digit" : undefined,
                                                    hour12: false }).format(d);
    }

    // ---- sections -----------------------------------------------------------------------------

    function renderStatus() {
        const s = view.status;
        if (!s)
            return;
        document.body.dataset.state = s.state;
        const state = $("state");
        state.textContent = t(s.state);
        state.className = "badge state-" + s.state;
        $("interface").textContent = s.interface || t("none");
        const files = Array.isArray(s.files) ? s.files : [];
        const file = s.file || files[0] || "";
        const fileEl = $("file");
        // The name only: the whole path (and every file) is in the tooltip.
        const name = file.split("/").pop();
        fileEl.textContent = !file ? t("none")
            : files.length > 1 ? t("moreFiles", name, files.length - 1) : name;
        fileEl.setAttribute("title", files.length ? files.join("\n") : file);
        setNumber("total-packets", s.packets, numberText(s.packets));
        setNumber("total-bytes", s.bytes, bytesText(s.bytes));
        $("total-bytes").setAttribute("title", numberText(s.bytes) + " B");
        const rate = $("rate");
        $("rate-label").textContent = s.capturing ? t("rate") : t("averageRate");
        if (s.capturing) {
            rate.textContent = rateText(s.bits_per_s, "bits");
            rate.setAttribute("title", rateText(s.packets_per_s, "packets"));
        } else {
            // A file has no live rate: its average over the capture's time instead.
            const secs = view.points.length * (view.series ? view.series.interval_s : 0);
            rate.textContent = secs > 0 ? rateText(s.bytes * 8 / secs, "bits") : t("none");
            rate.setAttribute("title", secs > 0 ? rateText(s.packets / secs, "packets") : "");
        }
        // A live capture (running or stopped) knows its drops, 0 included; a file has none.
        const drops = (s.dropped_kernel || 0) + (s.dropped_interface || 0);
        const known = s.capturing || s.interface || drops;
        setNumber("drops", drops, known ? numberText(drops) : t("none"));
        $("drops").setAttribute("title", t("droppedTitle", numberText(s.dropped_kernel || 0),
                                           numberText(s.dropped_interface || 0)));
        $("footer-text").textContent = t("footer", s.version || "");
        const updated = $("updated");
        if (embedded)
            updated.textContent = t("report", timeText(view.generatedAt, true));
        else
            updated.textContent = t("updated", timeText(Date.now() / 1000, false));
    }

    /// The window's pie rule: slices under 2 % merge into "Other" unless only one would.
    function pieSlices(rows) {
        const all = rows.filter((r) => r.packets > 0).map((r) => ({ name: r.name, value: r.packets }));
        all.sort((a, b) => b.value - a.value);
        const sum = all.reduce((a, r) => a + r.value, 0);
        const kept = [], small = [];
        for (const r of all)
            (100 * r.value / sum < OTHER_PERCENT ? small : kept).push(r);
        if (small.length === 1)
            kept.push(small[0]);
        else if (small.length > 1)
            kept.push({ name: "Other", other: true, value: small.reduce((a, r) => a + r.value, 0),
                        merged: small.map((r) => r.name) });
        return { slices: kept, sum };
    }
    function renderProtocols() {
        const p = view.protocols;
        if (!p)
            return;
        const { slices, sum } = pieSlices(p.protocols || []);
        const colors = slices.map((s, i) => s.other ? OTHER_COLOR : COLORS[i % COLORS.length]);
        const labels = slices.map((s) => s.other ? t("other") : s.name);
        const pct = new Intl.NumberFormat(view.lang, { minimumFractionDigits: 1,
                                                       maximumFractionDigits: 1 });
        fillRows("protocol-legend", slices, (s, i) => {
            const tr = document.createElement("tr");
            tr.setAttribute("data-name", s.name);
            const name = cell("name", "");
            const swatch = document.createElement("span");
            swatch.className = "swatch";
            swatch.style.backgroundColor = colors[i]; // CSSOM, not an inline style attribute
            name.append(swatch, document.createTextNode(labels[i]));
            if (s.other) {
                tr.setAttribute("data-other", "true");
                name.setAttribute("title", t("otherTitle") + s.merged.join(", "));
            }
            tr.append(name, cell("packets num", numberText(s.value), s.value),
                      cell("percent num", pct.format(sum ? 100 * s.value / sum : 0) + "%"));
            return tr;
        });
        const chart = view.charts.pie;
        if (chart) {
            chart.data.labels = labels;
            chart.data.datasets[0].data = slices.map((s) => s.value);
            chart.data.datasets[0].backgroundColor = colors;
            chart.update();
        }
    }

    function renderTraffic() {
        const chart = view.charts.traffic;
        if (!chart || !view.series)
            return;
        const interval = view.series.interval_s || 1;
        $("traffic-chart").setAttribute("data-interval", String(interval)); // tests add it up
        const bits = view.unit === "bits";
        chart.data.datasets[0].data = view.points.map((p) => ({
            x: p.t, y: bits ? p.bytes * 8 / interval : p.packets / interval }));
        const first = view.points.length ? view.points[0].t : 0;
        const last = view.points.length ? view.points[view.points.length - 1].t : 1;
        chart.options.scales.x.min = first;
        chart.options.scales.x.max = Math.max(last, first + interval);
        chart.update();
    }

    function renderTalkers() {
        const tk = view.talkers;
        if (!tk)
            return;
        const rows = (tk.talkers || []).slice(0, view.topN);
        fillRows("talkers-table", rows, (r, i) => {
            const tr = document.createElement("tr");
            const sent = cell("sent num", bytesText(r.sent_bytes), r.sent_bytes);
            sent.setAttribute("title", numberText(r.sent_packets) + " " + t("packets"));
            const received = cell("received num", bytesText(r.received_bytes), r.received_bytes);
            received.setAttribute("title", numberText(r.received_packets) + " " + t("packets"));
            tr.append(cell("rank", String(i + 1)), cell("address", r.address),
                      cell("packets num", numberText(r.packets), r.packets),
                      cell("bytes num", bytesText(r.bytes), r.bytes), sent, received);
            return tr;
        });
        $("host-count").textContent = t("hostCount", numberText(tk.host_count || 0));
        const chart = view.charts.talkers;
        if (chart) {
            // Bars keep their thickness: the box grows with the number shown.
            $("talkers-chart").parentElement.style.height = (70 + rows.length * 26) + "px";
            chart.data.labels = rows.map((r) => r.address);
            chart.data.datasets[0].label = t("sentBytes");
            chart.data.datasets[0].data = rows.map((r) => r.sent_bytes);
            chart.data.datasets[1].label = t("receivedBytes");
            chart.data.datasets[1].data = rows.map((r) => r.received_bytes);
            chart.resize();
            chart.update();
        }
    }

    function renderConversations() {
        const c = view.conversations;
        if (!c)
            return;
        fillRows("conversations-table", c.conversations || [], (r) => {
            const tr = document.createElement("tr");
            tr.append(cell("a", r.a), cell("b", r.b),
                      cell("packets num", numberText(r.packets), r.packets),
                      cell("bytes num", bytesText(r.bytes), r.bytes),
                      cell("a-to-b num", bytesText(r.bytes_a_to_b), r.bytes_a_to_b),
                      cell("b-to-a num", bytesText(r.bytes_b_to_a), r.bytes_b_to_a));
            return tr;
        });
        $("conversation-count").textContent =
            t("conversationCount", numberText(c.conversation_count || 0));
    }

    function renderFlows() {
        const f = view.flows;
        const section = document.querySelector("section.flows");
        section.hidden = !f; // a server without the flows block: no empty table
        if (!f)
            return;
        fillRows("flows-table", f.flows || [], (r) => {
            const tr = document.createElement("tr");
            const proto = r.protocol || r.transport || "";
            const protoCell = cell("protocol", proto);
            if (r.transport && r.transport !== proto)
                protoCell.setAttribute("title", r.transport);
            const server = cell("server", r.server_name || "");
            if (r.server_name)
                server.setAttribute("title", r.server_name);
            tr.append(cell("a", hostPort(r.a, r.port_a)), cell("b", hostPort(r.b, r.port_b)),
                      server, protoCell,
                      cell("packets num", numberText(r.packets), r.packets),
                      cell("bytes num", bytesText(r.bytes), r.bytes));
            return tr;
        });
        $("flow-count").textContent = t("flowCount", numberText(f.flow_count || 0));
    }

    function renderAlerts() {
        const list = [...view.alerts.values()].sort((a, b) => (b.start || 0) - (a.start || 0) ||
                                                          (b.id || 0) - (a.id || 0));
        fillRows("alerts-table", list, (a) => {
            const tr = document.createElement("tr");
            tr.setAttribute("data-uid", a.uid);
            const sev = cell("severity", "");
            const badge = document.createElement("span");
            badge.className = "badge sev-" + String(a.severity).replace(/[^a-z]/g, "");
            badge.textContent = t(a.severity);
            sev.append(badge);
            tr.append(sev, cell("start", a.start ? timeText(a.start, true) : ""),
                      cell("state", t(a.state)), cell("key", a.key || ""),
                      cell("summary", a.summary || ""));
            if (a.rule_name)
                tr.lastChild.setAttribute("title", a.rule_name);
            return tr;
        });
        $("alerts-empty").textContent = list.length ? "" : view.alertsKnown ? t("noAlerts")
                                                                           : t("alertsOff");
    }

    function renderAll() {
        ensureCharts();
        renderStatus();
        renderProtocols();
        renderTraffic();
        renderTalkers();
        renderConversations();
        renderFlows();
        renderAlerts();
        // Chart.js with animation off draws within update(): the charts now show this data.
        if (view.sequence !== null)
            document.body.dataset.drawn = String(view.sequence);
    }

    // ---- data ---------------------------------------------------------------------------------

    /// Takes one dashboard reply. `since` is what the request asked for (null: every point).
    /// Returns false when the time series started over and must be asked for again in full.
    function take(d, since) {
        view.status = d.status;
        view.protocols = d.protocols;
        view.talkers = d.talkers;
        view.conversations = d.conversations;
        view.flows = d.flows || null;
        const ts = d.timeseries;
        let complete = true;
        if (ts) {
            const changed = !view.series || view.series.series !== ts.series ||
                            view.series.interval_s !== ts.interval_s;
            if (changed && since !== null) {
                view.series = null; // the points we hold are of another series
                view.points = [];
                complete = false;
            } else {
                const kept = changed ? [] : view.points.filter((p) => since === null ? false : p.t < since);
                view.points = kept.concat(ts.points || []);
                view.series = { series: ts.series, interval_s: ts.interval_s };
            }
        }
        if (d.alerts) {
            for (const a of d.alerts.alerts || [])
                view.alerts.set(a.uid, a);
            if (typeof d.alerts.next === "number")
                view.alertsNext = d.alerts.next;
            if (view.alerts.size > MAX_ALERTS) {
                const oldest = [...view.alerts.values()].sort((a, b) => (a.id || 0) - (b.id || 0));
                for (const a of oldest.slice(0, view.alerts.size - MAX_ALERTS))
                    view.alerts.delete(a.uid);
            }
        }
        view.sequence = d.status && d.status.snapshot ? d.status.snapshot.sequence : 0;
        return complete;
    }

    /// True when the reply is of another file or capture than what the page holds: then it
    /// forgets the points, the tables and the alerts, to ask again for all of the new one.
    function newSession(d) {
        const session = d.status ? d.status.session : undefined;
        if (typeof session !== "number" || session === view.session)
            return false;
        const first = view.session === null;
        view.session = session;
        if (first)
            return false;
        view.points = [];
        view.series = null;
        view.alerts = new Map();
        view.alertsNext = 0;
        return true;
    }

    function banner(text) {
        const b = $("banner");
        b.textContent = text || "";
        b.hidden = !text;
    }

    function schedule(ms, fn) {
        clearTimeout(view.timer);
        view.timer = setTimeout(fn, ms);
    }

    async function refresh() {
        if (view.inFlight)
            return;
        view.inFlight = true;
        const since = view.points.length ? view.points[view.points.length - 1].t : null;
        const q = new URLSearchParams({ n: String(view.topN), alerts_since: String(view.alertsNext) });
        if (since !== null)
            q.set("since", String(since));
        let next = REFRESH_MS;
        // A request that hangs (server stalled, network gone) must not stop the refresh.
        const abort = new AbortController();
        const timeout = setTimeout(() => abort.abort(), FETCH_TIMEOUT_MS);
        try {
            const reply = await fetch("/api/v1/dashboard?" + q, { cache: "no-store",
                                                                   credentials: "same-origin",
                                                                   signal: abort.signal });
            if (reply.status === 401) {
                banner(t("unauthorized"));
                return; // no point asking again without the token
            }
            if (!reply.ok)
                throw new Error("HTTP " + reply.status);
            const d = await reply.json();
            banner(haveCharts() ? "" : t("noChart"));
            if (newSession(d)) {
                next = 0; // its cursors are not ours: ask again for everything
            } else if (!take(d, since)) {
                next = 0; // ask again at once for the whole series
            } else {
                renderAll();
                const s = d.status || {};
                const final = s.snapshot && s.snapshot.final;
                if (final) {
                    schedule(FINAL_CHECK_MS, checkFinal);
                    return;
                }
                next = s.state === "loading" || s.state === "capturing" ? REFRESH_MS : IDLE_MS;
            }
        } catch (e) {
            banner(t("offline"));
            next = IDLE_MS;
        } finally {
            clearTimeout(timeout);
            view.inFlight = false;
        }
        schedule(next, refresh);
    }

    /// A final snapshot stays still; only a new capture (new sequence) starts the refresh again.
    async function checkFinal() {
        try {
            const reply = await fetch("/api/v1/status", { cache: "no-store", credentials: "same-origin" });
            if (reply.ok) {
                const s = await reply.json();
                if (!s.snapshot || !s.snapshot.final || s.snapshot.sequence !== view.sequence ||
                    s.session !== view.session) {
                    // A new capture: refresh() sees its session and starts over.
                    refresh();
                    return;
                }
            }
        } catch (e) {
            // the server went away; keep what is shown
        }
        schedule(FINAL_CHECK_MS, checkFinal);
    }

    function fromEmbedded() {
        let data;
        try {
            data = JSON.parse(embedded.textContent);
        } catch (e) {
            banner("netlens-data: " + e.message);
            return;
        }
        const d = data.dashboard || {};
        view.generatedAt = typeof data.generated_at === "number" ? data.generated_at : Date.now() / 1000;
        view.alertsKnown = data.alerts_included !== false;
        take(d, null);
        banner(haveCharts() ? "" : t("noChart"));
    }

    // ---- start --------------------------------------------------------------------------------

    function start() {
        const stored = storedLang();
        view.lang = normalizeLang(stored || document.documentElement.getAttribute("lang"));
        $("lang-switch").addEventListener("click", () => {
            const lang = view.lang === "en" ? "zh-CN" : "en";
            rememberLang(lang);
            applyLanguage(lang);
        });
        const unit = $("traffic-unit");
        unit.addEventListener("change", () => {
            view.unit = unit.value === "packets" ? "packets" : "bits";
            renderTraffic();
        });
        const topN = $("top-n");
        topN.addEventListener("change", () => {
            view.topN = Number(topN.value) || 5;
            if (embedded) {
                renderTalkers(); // the report holds 20: show fewer or more of them
            } else {
                renderTalkers(); // at once from what we have, then the server's answer
                clearTimeout(view.timer);
                refresh();
            }
        });
        view.topN = Number(topN.value) || 5;
        if (embedded)
            fromEmbedded();
        applyLanguage(view.lang);
        if (!embedded)
            refresh();
    }

    if (document.readyState === "loading")
        document.addEventListener("DOMContentLoaded", start);
    else
        start();
})();
