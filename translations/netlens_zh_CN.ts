<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../src/gui/mainwindow/aboutdialog.cpp" line="34"/>
        <source>Network traffic monitor and analyzer.</source>
        <translation>网络流量监控与分析工具。</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/aboutdialog.cpp" line="35"/>
        <source>Free software under the GNU General Public License, version 3 or (at your option) any later version. It comes with no warranty.</source>
        <translation>本软件为自由软件，依据 GNU 通用公共许可证第 3 版或（由您选择）任何更高版本发布，不提供任何担保。</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/aboutdialog.cpp" line="37"/>
        <source>Libraries</source>
        <translation>使用的库</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/aboutdialog.cpp" line="37"/>
        <source>Library</source>
        <translation>库</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/aboutdialog.cpp" line="37"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/aboutdialog.cpp" line="37"/>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/aboutdialog.cpp" line="42"/>
        <source>About NetLens</source>
        <translation>关于 NetLens</translation>
    </message>
</context>
<context>
    <name>Autostart</name>
    <message>
        <location filename="../src/gui/settings/autostart.cpp" line="187"/>
        <source>%1: cannot create the folder</source>
        <translation>%1：无法创建该文件夹</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/autostart.cpp" line="207"/>
        <source>%1: cannot write the autostart entry: %2</source>
        <translation>%1：无法写入自动启动项：%2</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/autostart.cpp" line="218"/>
        <source>%1: cannot remove the autostart entry: %2</source>
        <translation>%1：无法删除自动启动项：%2</translation>
    </message>
</context>
<context>
    <name>ChartExport</name>
    <message>
        <location filename="../src/gui/charts/chartexport.cpp" line="30"/>
        <source>Cannot save %1: use a .png or .svg file name</source>
        <translation>无法保存 %1：请使用 .png 或 .svg 文件名</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/chartexport.cpp" line="34"/>
        <source>Cannot save %1: empty size %2×%3</source>
        <translation>无法保存 %1：尺寸 %2×%3 为空</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/chartexport.cpp" line="41"/>
        <location filename="../src/gui/charts/chartexport.cpp" line="57"/>
        <location filename="../src/gui/charts/chartexport.cpp" line="61"/>
        <source>Cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/chartexport.cpp" line="49"/>
        <source>NetLens chart</source>
        <translation>NetLens 图表</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/chartexport.cpp" line="71"/>
        <location filename="../src/gui/charts/chartexport.cpp" line="77"/>
        <source>Save Chart</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/chartexport.cpp" line="80"/>
        <source>Save as PNG…</source>
        <translation>另存为 PNG…</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/chartexport.cpp" line="82"/>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/chartexport.cpp" line="84"/>
        <source>Save as SVG…</source>
        <translation>另存为 SVG…</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/chartexport.cpp" line="86"/>
        <source>SVG images (*.svg)</source>
        <translation>SVG 图像 (*.svg)</translation>
    </message>
</context>
<context>
    <name>ChartFormat</name>
    <message>
        <location filename="../src/gui/charts/chartformat.cpp" line="31"/>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/chartformat.cpp" line="32"/>
        <source>%1 kB</source>
        <translation>%1 kB</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/chartformat.cpp" line="33"/>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/chartformat.cpp" line="34"/>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/chartformat.cpp" line="35"/>
        <source>%1 TB</source>
        <translation>%1 TB</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/chartformat.cpp" line="40"/>
        <source>%1 bit/s</source>
        <translation>%1 bit/s</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/chartformat.cpp" line="41"/>
        <source>%1 kbit/s</source>
        <translation>%1 kbit/s</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/chartformat.cpp" line="42"/>
        <source>%1 Mbit/s</source>
        <translation>%1 Mbit/s</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/chartformat.cpp" line="43"/>
        <source>%1 Gbit/s</source>
        <translation>%1 Gbit/s</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/chartformat.cpp" line="44"/>
        <source>%1 Tbit/s</source>
        <translation>%1 Tbit/s</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/chartformat.cpp" line="49"/>
        <source>%1 pkt/s</source>
        <translation>%1 包/秒</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/chartformat.cpp" line="50"/>
        <source>%1 k pkt/s</source>
        <translation>%1 千包/秒</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/chartformat.cpp" line="51"/>
        <source>%1 M pkt/s</source>
        <translation>%1 百万包/秒</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/chartformat.cpp" line="52"/>
        <source>%1 G pkt/s</source>
        <translation>%1 十亿包/秒</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/chartformat.cpp" line="53"/>
        <source>%1 T pkt/s</source>
        <translation>%1 万亿包/秒</translation>
    </message>
</context>
<context>
    <name>KeychainSecrets</name>
    <message>
        <location filename="../src/gui/settings/keychainsecrets.cpp" line="64"/>
        <source>The password and the signing secret are kept in the desktop&apos;s keychain.</source>
        <translation>密码和签名密钥保存在桌面密钥环中。</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/keychainsecrets.cpp" line="65"/>
        <source>No keychain is available (%1): the password is kept for this run only and asked for again at the next start.</source>
        <translation>没有可用的密钥环（%1）：密码只在本次运行中保留，下次启动时会再次询问。</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../src/app/main.cpp" line="90"/>
        <source>NetLens</source>
        <translation>NetLens</translation>
    </message>
</context>
<context>
    <name>SessionSecrets</name>
    <message>
        <source>No keychain is available: the password is kept for this run only and asked for again at the next start.</source>
        <translation type="vanished">没有可用的密钥环：密码只在本次运行中保留，下次启动时会再次询问。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../ui/settingsdialog.ui" line="6"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.ui" line="11"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.ui" line="15"/>
        <source>Capture</source>
        <translation>抓包</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.ui" line="17"/>
        <source>Data directory:</source>
        <translation>数据目录：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.ui" line="21"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.ui" line="24"/>
        <source>Default interface:</source>
        <translation>默认网卡：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.ui" line="26"/>
        <source>Snap length:</source>
        <translation>截取长度：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.ui" line="27"/>
        <source> bytes</source>
        <translation> 字节</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.ui" line="28"/>
        <source>Kernel buffer:</source>
        <translation>内核缓冲区：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.ui" line="29"/>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.ui" line="30"/>
        <source>Promiscuous mode</source>
        <translation>混杂模式</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.ui" line="31"/>
        <source>Packets kept in memory:</source>
        <translation>内存中保留的数据包数：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.ui" line="32"/>
        <source>Live captures and opened files alike: past this many packets the oldest rows leave the table, while the statistics, charts and alerts still count every packet.</source>
        <translation>实时抓包和打开的文件都适用：超过这个数量后，最早的行会移出表格，而统计、图表和告警仍计入每一个数据包。</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.ui" line="40"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.ui" line="46"/>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.ui" line="48"/>
        <source>Time format:</source>
        <translation>时间格式：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.ui" line="50"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.ui" line="52"/>
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.ui" line="54"/>
        <source>A new language applies when NetLens starts again.</source>
        <translation>新的语言将在下次启动 NetLens 时生效。</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.ui" line="33"/>
        <source>Flows held in memory:</source>
        <translation>内存中保留的流：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.ui" line="35"/>
        <source>Hosts held in memory:</source>
        <translation>内存中保留的主机：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.ui" line="37"/>
        <source>Conversations held in memory:</source>
        <translation>内存中保留的会话：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.ui" line="39"/>
        <source>Fold flows idle for:</source>
        <translation>流空闲多久后并入总计：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.ui" line="60"/>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.ui" line="62"/>
        <source>Start at login, in the system tray</source>
        <translation>登录时启动，驻留在系统托盘</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.ui" line="63"/>
        <source>Start capturing on the default interface at login</source>
        <translation>登录时在默认网卡上开始抓包</translation>
    </message>
</context>
<context>
    <name>StartupOptions</name>
    <message>
        <location filename="../src/gui/session/startupoptions.cpp" line="45"/>
        <source>NetLens, a network traffic monitor and analyzer.</source>
        <translation>NetLens，网络流量监视与分析工具。</translation>
    </message>
    <message>
        <location filename="../src/gui/session/startupoptions.cpp" line="50"/>
        <source>The interface to capture on (preselected; with -k, captured on at once).</source>
        <translation>要抓包的网卡（预先选中；与 -k 一起使用时立即开始抓包）。</translation>
    </message>
    <message>
        <location filename="../src/gui/session/startupoptions.cpp" line="51"/>
        <source>IFACE</source>
        <translation>网卡</translation>
    </message>
    <message>
        <location filename="../src/gui/session/startupoptions.cpp" line="53"/>
        <source>Start capturing at once, on -i&apos;s interface or else the default one (Edit → Settings, or the first that is up).</source>
        <translation>立即开始抓包：使用 -i 指定的网卡，否则使用默认网卡（编辑 → 设置，或第一个已启用的网卡）。</translation>
    </message>
    <message>
        <location filename="../src/gui/session/startupoptions.cpp" line="56"/>
        <source>The capture filter (BPF), e.g. &quot;tcp port 443&quot;.</source>
        <translation>抓包过滤器（BPF），例如 &quot;tcp port 443&quot;。</translation>
    </message>
    <message>
        <location filename="../src/gui/session/startupoptions.cpp" line="57"/>
        <source>BPF</source>
        <translation>BPF</translation>
    </message>
    <message>
        <location filename="../src/gui/session/startupoptions.cpp" line="59"/>
        <source>Start in the system tray without showing the window (the window shows if no tray appears within 15 s).</source>
        <translation>在系统托盘中启动，不显示窗口（若 15 秒内没有出现系统托盘，则显示窗口）。</translation>
    </message>
    <message>
        <location filename="../src/gui/session/startupoptions.cpp" line="62"/>
        <source>Capture files to open, read as one.</source>
        <translation>要打开的抓包文件，作为一个整体读取。</translation>
    </message>
    <message>
        <location filename="../src/gui/session/startupoptions.cpp" line="63"/>
        <source>[FILE...]</source>
        <translation>[文件...]</translation>
    </message>
    <message>
        <location filename="../src/gui/session/startupoptions.cpp" line="80"/>
        <source>-i was given more than once: NetLens captures on one interface</source>
        <translation>-i 指定了多次：NetLens 只在一个网卡上抓包</translation>
    </message>
    <message>
        <location filename="../src/gui/session/startupoptions.cpp" line="82"/>
        <source>-f was given more than once: give one capture filter (join terms with &quot;and&quot;)</source>
        <translation>-f 指定了多次：请只给一个抓包过滤器（用 &quot;and&quot; 连接多个条件）</translation>
    </message>
    <message>
        <location filename="../src/gui/session/startupoptions.cpp" line="87"/>
        <source>-i: the interface name is empty</source>
        <translation>-i：网卡名称为空</translation>
    </message>
    <message>
        <location filename="../src/gui/session/startupoptions.cpp" line="90"/>
        <source>-i &quot;%1&quot;: an interface name has no spaces or control characters</source>
        <translation>-i “%1”：网卡名称不能包含空格或控制字符</translation>
    </message>
    <message>
        <location filename="../src/gui/session/startupoptions.cpp" line="100"/>
        <source>-k captures live and cannot open files too (%1): give one or the other</source>
        <translation>-k 用于实时抓包，不能同时打开文件（%1）：请二选一</translation>
    </message>
</context>
<context>
    <name>netlens::AlertBanner</name>
    <message>
        <location filename="../src/gui/alerts/alertbanner.cpp" line="26"/>
        <source>Show Alerts</source>
        <translation>显示告警</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertbanner.cpp" line="35"/>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/alerts/alertbanner.cpp" line="49"/>
        <source>%1 (and %n more)</source>
        <translation>
            <numerusform>%1（另有 %n 条）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>netlens::AlertListModel</name>
    <message>
        <location filename="../src/gui/alerts/alertlistmodel.cpp" line="28"/>
        <source>Info</source>
        <translation>信息</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertlistmodel.cpp" line="29"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertlistmodel.cpp" line="30"/>
        <source>Critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertlistmodel.cpp" line="38"/>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertlistmodel.cpp" line="39"/>
        <source>Port scan</source>
        <translation>端口扫描</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertlistmodel.cpp" line="40"/>
        <source>Host sweep</source>
        <translation>主机扫描</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertlistmodel.cpp" line="41"/>
        <source>SYN flood</source>
        <translation>SYN 洪泛</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertlistmodel.cpp" line="42"/>
        <source>ICMP flood</source>
        <translation>ICMP 洪泛</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertlistmodel.cpp" line="43"/>
        <source>Traffic spike</source>
        <translation>流量突增</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertlistmodel.cpp" line="44"/>
        <source>New host</source>
        <translation>新主机</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertlistmodel.cpp" line="45"/>
        <source>Blacklisted address</source>
        <translation>黑名单地址</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertlistmodel.cpp" line="54"/>
        <source>Pending</source>
        <translation>等待发送</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertlistmodel.cpp" line="55"/>
        <source>Retrying</source>
        <translation>重试中</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertlistmodel.cpp" line="56"/>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertlistmodel.cpp" line="57"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertlistmodel.cpp" line="58"/>
        <source>Not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertlistmodel.cpp" line="93"/>
        <source>%1 (released)</source>
        <translation>%1（已解除）</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertlistmodel.cpp" line="108"/>
        <source>%1
Packets: %2</source>
        <translation>%1
数据包：%2</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertlistmodel.cpp" line="134"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertlistmodel.cpp" line="135"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertlistmodel.cpp" line="136"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertlistmodel.cpp" line="137"/>
        <source>Key</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertlistmodel.cpp" line="138"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertlistmodel.cpp" line="139"/>
        <source>E-mail</source>
        <translation>邮件</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertlistmodel.cpp" line="140"/>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
</context>
<context>
    <name>netlens::AlertPanel</name>
    <message>
        <location filename="../src/gui/alerts/alertpanel.cpp" line="41"/>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertpanel.cpp" line="42"/>
        <source>Acknowledge All</source>
        <translation>全部确认</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertpanel.cpp" line="43"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertpanel.cpp" line="45"/>
        <source>Show Packets</source>
        <translation>显示数据包</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertpanel.cpp" line="46"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertpanel.cpp" line="47"/>
        <source>Reload History</source>
        <translation>重新载入历史</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertpanel.cpp" line="48"/>
        <source>Mark the selected alerts as seen</source>
        <translation>将选中的告警标记为已查看</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertpanel.cpp" line="49"/>
        <source>Show the alert&apos;s packets in the packet list (double-click)</source>
        <translation>在数据包列表中显示该告警的数据包（双击）</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertpanel.cpp" line="53"/>
        <source>Filter alerts: words of the type, key or summary</source>
        <translation>筛选告警：类型、对象或摘要中的词</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertpanel.cpp" line="55"/>
        <source>All severities</source>
        <translation>所有级别</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertpanel.cpp" line="56"/>
        <source>Warning and above</source>
        <translation>警告及以上</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertpanel.cpp" line="57"/>
        <source>Critical only</source>
        <translation>仅严重</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertpanel.cpp" line="186"/>
        <source>Alerts (%1)</source>
        <translation>告警 (%1)</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertpanel.cpp" line="186"/>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertpanel.cpp" line="230"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertpanel.cpp" line="239"/>
        <source>Export Alerts as CSV</source>
        <translation>将告警导出为 CSV</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertpanel.cpp" line="239"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../src/gui/alerts/alertpanel.cpp" line="244"/>
        <source>NetLens</source>
        <translation>NetLens</translation>
    </message>
</context>
<context>
    <name>netlens::CaptureToolbar</name>
    <message>
        <location filename="../src/gui/mainwindow/capturetoolbar.cpp" line="43"/>
        <source>Capture</source>
        <translation>抓包</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/capturetoolbar.cpp" line="52"/>
        <source>Interface to capture on</source>
        <translation>要抓包的网卡</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/capturetoolbar.cpp" line="54"/>
        <source>Capture filter (BPF), e.g. tcp port 443</source>
        <translation>抓包过滤器（BPF），例如 tcp port 443</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/capturetoolbar.cpp" line="56"/>
        <source>Interface:</source>
        <translation>网卡：</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/capturetoolbar.cpp" line="61"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/capturetoolbar.cpp" line="63"/>
        <source>Start capturing on the selected interface</source>
        <translation>在所选网卡上开始抓包</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/capturetoolbar.cpp" line="64"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/capturetoolbar.cpp" line="66"/>
        <source>Restart</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/capturetoolbar.cpp" line="108"/>
        <source>(down)</source>
        <translation>（未启用）</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/capturetoolbar.cpp" line="133"/>
        <source>%1 pkt/s</source>
        <translation>%1 包/秒</translation>
    </message>
</context>
<context>
    <name>netlens::CaptureWorker</name>
    <message>
        <source>No permission to capture on %1. Grant the capture capabilities once with &quot;sudo setcap cap_net_raw,cap_net_admin=eip %2&quot; (or run deploy/setcap.sh), or start NetLens as root.</source>
        <translation type="vanished">没有在 %1 上抓包的权限。请执行一次 &quot;sudo setcap cap_net_raw,cap_net_admin=eip %2&quot;（或运行 deploy/setcap.sh）授予抓包权限，或以 root 身份启动 NetLens。</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="vanished">无法打开 %1：%2</translation>
    </message>
    <message>
        <source>There is no interface named &quot;%1&quot; (netlens-cli interfaces lists them): %2</source>
        <translation type="vanished">不存在名为“%1”的网卡（可用 netlens-cli interfaces 查看网卡列表）：%2</translation>
    </message>
    <message>
        <source>Interface %1 is down; bring it up first (ip link set %1 up).</source>
        <translation type="vanished">网卡 %1 未启用，请先启用它（ip link set %1 up）。</translation>
    </message>
    <message>
        <location filename="../src/core/capture/captureworker.cpp" line="153"/>
        <location filename="../src/core/capture/captureworker.cpp" line="423"/>
        <location filename="../src/core/capture/captureworker.cpp" line="426"/>
        <source>Cannot capture on %1: %2</source>
        <translation>无法在 %1 上抓包：%2</translation>
    </message>
    <message>
        <location filename="../src/core/capture/captureworker.cpp" line="144"/>
        <source>Cannot capture on %1: the process is out of file descriptors.</source>
        <translation>无法在 %1 上抓包：进程的文件描述符已用尽。</translation>
    </message>
    <message>
        <source>Capture filter &quot;%1&quot;: %2</source>
        <translation type="vanished">抓包过滤器“%1”：%2</translation>
    </message>
    <message>
        <source>Capture filter &quot;%1&quot; could not be installed: %2</source>
        <translation type="vanished">无法设置抓包过滤器“%1”：%2</translation>
    </message>
    <message>
        <location filename="../src/core/capture/captureworker.cpp" line="92"/>
        <source>No permission to capture on %1: the capture helper lacks the capture capabilities. Run: sudo setcap cap_net_raw,cap_net_admin=eip %2 (or sudo deploy/setcap.sh), or start NetLens as administrator (pkexec).</source>
        <translation>没有在 %1 上抓包的权限：抓包助手缺少抓包权限。请运行：sudo setcap cap_net_raw,cap_net_admin=eip %2（或 sudo deploy/setcap.sh），或以管理员身份（pkexec）启动 NetLens。</translation>
    </message>
    <message>
        <location filename="../src/core/capture/captureworker.cpp" line="137"/>
        <source>Cannot capture on %1: the capture helper netlens-capture was not found (looked beside %2, in ../helper and on PATH). Install it, or set NETLENS_CAPTURE_HELPER to its path.</source>
        <translation>无法在 %1 上抓包：找不到抓包助手 netlens-capture（已在 %2、../helper 和 PATH 中查找）。请安装它，或将 NETLENS_CAPTURE_HELPER 设为它的路径。</translation>
    </message>
    <message>
        <location filename="../src/core/capture/captureworker.cpp" line="249"/>
        <source>Alerts are off: %1</source>
        <translation>告警已关闭：%1</translation>
    </message>
    <message>
        <location filename="../src/core/capture/captureworker.cpp" line="360"/>
        <source>History is off: %1</source>
        <translation>历史记录已关闭：%1</translation>
    </message>
    <message>
        <location filename="../src/core/capture/captureworker.cpp" line="378"/>
        <source>History: %1</source>
        <translation>历史记录：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/core/capture/captureworker.cpp" line="380"/>
        <source>History: %n minute(s) not written (the database was too slow).</source>
        <translation>
            <numerusform>历史记录：有 %n 分钟未写入（数据库太慢）。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/core/capture/captureworker.cpp" line="400"/>
        <source>Capture on %1: the capture helper did not stop in time and was killed.</source>
        <translation>%1 上的抓包：抓包助手未能及时停止，已被强制结束。</translation>
    </message>
    <message>
        <location filename="../src/core/capture/captureworker.cpp" line="403"/>
        <source>Capture on %1 stopped: the capture helper %2 ended unexpectedly (signal %3).</source>
        <translation>%1 上的抓包已停止：抓包助手 %2 意外退出（信号 %3）。</translation>
    </message>
    <message>
        <location filename="../src/core/capture/captureworker.cpp" line="409"/>
        <source>The capture helper refused its arguments: %1</source>
        <translation>抓包助手拒绝了它的参数：%1</translation>
    </message>
    <message>
        <location filename="../src/core/capture/captureworker.cpp" line="508"/>
        <source>Flow export is off: %1</source>
        <translation>流导出已关闭：%1</translation>
    </message>
    <message>
        <source>Capture on %1 stopped: the interface went down or was removed (%2).</source>
        <translation type="vanished">%1 上的抓包已停止：网卡已停用或被移除（%2）。</translation>
    </message>
    <message>
        <location filename="../src/core/capture/captureworker.cpp" line="421"/>
        <location filename="../src/core/capture/captureworker.cpp" line="425"/>
        <source>Capture on %1 stopped: %2</source>
        <translation>%1 上的抓包已停止：%2</translation>
    </message>
    <message>
        <location filename="../src/core/capture/captureworker.cpp" line="428"/>
        <source>Capture on %1 failed: the capture helper exited with status %2: %3</source>
        <translation>%1 上的抓包失败：抓包助手以状态 %2 退出：%3</translation>
    </message>
    <message>
        <location filename="../src/core/capture/captureworker.cpp" line="397"/>
        <source>The packets captured so far are saved in %1.</source>
        <translation>已抓到的数据包保存在 %1。</translation>
    </message>
</context>
<context>
    <name>netlens::ConversationsModel</name>
    <message>
        <location filename="../src/gui/stats/conversationsmodel.cpp" line="76"/>
        <source>Address A</source>
        <translation>地址 A</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/conversationsmodel.cpp" line="77"/>
        <source>Port A</source>
        <translation>端口 A</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/conversationsmodel.cpp" line="78"/>
        <source>Address B</source>
        <translation>地址 B</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/conversationsmodel.cpp" line="79"/>
        <source>Port B</source>
        <translation>端口 B</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/conversationsmodel.cpp" line="80"/>
        <source>Packets</source>
        <translation>数据包</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/conversationsmodel.cpp" line="81"/>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/conversationsmodel.cpp" line="82"/>
        <source>Packets A → B</source>
        <translation>数据包 A → B</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/conversationsmodel.cpp" line="83"/>
        <source>Bytes A → B</source>
        <translation>字节 A → B</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/conversationsmodel.cpp" line="84"/>
        <source>Packets B → A</source>
        <translation>数据包 B → A</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/conversationsmodel.cpp" line="85"/>
        <source>Bytes B → A</source>
        <translation>字节 B → A</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/conversationsmodel.cpp" line="86"/>
        <source>Rel Start (s)</source>
        <translation>相对开始 (秒)</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/conversationsmodel.cpp" line="87"/>
        <source>Duration (s)</source>
        <translation>持续时间 (秒)</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/conversationsmodel.cpp" line="88"/>
        <source>Bits/s A → B</source>
        <translation>比特/秒 A → B</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/conversationsmodel.cpp" line="89"/>
        <source>Bits/s B → A</source>
        <translation>比特/秒 B → A</translation>
    </message>
</context>
<context>
    <name>netlens::DesktopNotifier</name>
    <message>
        <location filename="../src/gui/tray/desktopnotifier.cpp" line="53"/>
        <source>Desktop notification failed: %1</source>
        <translation>桌面通知失败：%1</translation>
    </message>
</context>
<context>
    <name>netlens::EndpointsModel</name>
    <message>
        <location filename="../src/gui/stats/endpointsmodel.cpp" line="38"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/endpointsmodel.cpp" line="39"/>
        <source>Packets</source>
        <translation>数据包</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/endpointsmodel.cpp" line="40"/>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/endpointsmodel.cpp" line="41"/>
        <source>Tx Packets</source>
        <translation>发送数据包</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/endpointsmodel.cpp" line="42"/>
        <source>Tx Bytes</source>
        <translation>发送字节</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/endpointsmodel.cpp" line="43"/>
        <source>Rx Packets</source>
        <translation>接收数据包</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/endpointsmodel.cpp" line="44"/>
        <source>Rx Bytes</source>
        <translation>接收字节</translation>
    </message>
</context>
<context>
    <name>netlens::FlowExportPage</name>
    <message>
        <location filename="../src/gui/settings/flowexportpage.cpp" line="16"/>
        <source>&amp;Export the flows of live captures over IPFIX</source>
        <translation>通过 IPFIX 导出实时抓包的流(&amp;E)</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/flowexportpage.cpp" line="27"/>
        <source>HOST:PORT of the collector, over UDP ([ADDRESS]:PORT for IPv6; port 4739 if left out).</source>
        <translation>采集器的 主机:端口，经 UDP 发送（IPv6 写作 [地址]:端口；省略端口时为 4739）。</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/flowexportpage.cpp" line="31"/>
        <location filename="../src/gui/settings/flowexportpage.cpp" line="36"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/flowexportpage.cpp" line="33"/>
        <source>A flow with no packet for this long ends and is exported.</source>
        <translation>流在这段时间内没有数据包即结束并导出。</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/flowexportpage.cpp" line="38"/>
        <source>A flow still going after this long is exported, and goes on as a new record.</source>
        <translation>持续超过这段时间的流会先导出，然后作为新记录继续。</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/flowexportpage.cpp" line="43"/>
        <source>Tells this monitor&apos;s flows from other exporters&apos; at the collector.</source>
        <translation>在采集器上区分本监视器与其他导出器的流。</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/flowexportpage.cpp" line="48"/>
        <source>&amp;Collector:</source>
        <translation>采集器(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/flowexportpage.cpp" line="49"/>
        <source>&amp;Idle timeout:</source>
        <translation>空闲超时(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/flowexportpage.cpp" line="50"/>
        <source>&amp;Active timeout:</source>
        <translation>活动超时(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/flowexportpage.cpp" line="51"/>
        <source>Observation &amp;domain:</source>
        <translation>观测域(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/flowexportpage.cpp" line="52"/>
        <source>Each flow goes as two records, one per direction, with its IP bytes, packets, start and end, TCP flags and application protocol. The export applies to the next capture.</source>
        <translation>每个流按方向导出为两条记录，包含 IP 字节数、数据包数、开始和结束时间、TCP 标志和应用协议。设置从下一次抓包起生效。</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/flowexportpage.cpp" line="83"/>
        <source>Flow export collector: %1</source>
        <translation>流导出采集器：%1</translation>
    </message>
</context>
<context>
    <name>netlens::FlowsModel</name>
    <message>
        <location filename="../src/gui/stats/flowsmodel.cpp" line="40"/>
        <source>Address A</source>
        <translation>地址 A</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/flowsmodel.cpp" line="41"/>
        <source>Port A</source>
        <translation>端口 A</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/flowsmodel.cpp" line="42"/>
        <source>Address B</source>
        <translation>地址 B</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/flowsmodel.cpp" line="43"/>
        <source>Port B</source>
        <translation>端口 B</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/flowsmodel.cpp" line="44"/>
        <source>Transport</source>
        <translation>传输层</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/flowsmodel.cpp" line="45"/>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/flowsmodel.cpp" line="46"/>
        <source>Server name</source>
        <translation>服务器名称</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/flowsmodel.cpp" line="47"/>
        <source>Packets</source>
        <translation>数据包</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/flowsmodel.cpp" line="48"/>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/flowsmodel.cpp" line="49"/>
        <source>First seen</source>
        <translation>首次出现</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/flowsmodel.cpp" line="50"/>
        <source>Last seen</source>
        <translation>最后出现</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/flowsmodel.cpp" line="51"/>
        <source>Duration (s)</source>
        <translation>持续时间 (秒)</translation>
    </message>
</context>
<context>
    <name>netlens::HexView</name>
    <message>
        <location filename="../src/gui/details/hexview.cpp" line="184"/>
        <source>No packet bytes to show</source>
        <translation>没有可显示的数据包字节</translation>
    </message>
</context>
<context>
    <name>netlens::HistoryChart</name>
    <message>
        <location filename="../src/gui/history/historychart.cpp" line="64"/>
        <source>No history in this period</source>
        <translation>此时段没有历史记录</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historychart.cpp" line="111"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historychart.cpp" line="117"/>
        <source>Bytes per minute</source>
        <translation>每分钟字节数</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historychart.cpp" line="118"/>
        <source>Bytes per hour</source>
        <translation>每小时字节数</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historychart.cpp" line="119"/>
        <source>Bytes per day</source>
        <translation>每天字节数</translation>
    </message>
</context>
<context>
    <name>netlens::HistoryPage</name>
    <message>
        <location filename="../src/gui/settings/historypage.cpp" line="26"/>
        <source>&amp;Record the traffic history of live captures</source>
        <translation>记录实时抓包的流量历史(&amp;R)</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/historypage.cpp" line="28"/>
        <location filename="../src/gui/settings/historypage.cpp" line="29"/>
        <location filename="../src/gui/settings/historypage.cpp" line="30"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/historypage.cpp" line="36"/>
        <source>Each minute, hour and day keeps its busiest hosts by name; the rest are added up as &quot;other&quot;, so totals stay exact.</source>
        <translation>每分钟、每小时和每天按名称保留流量最大的主机；其余主机合计为“其他”，因此总量保持精确。</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/historypage.cpp" line="40"/>
        <source>Keep &amp;minutes for:</source>
        <translation>分钟数据保留(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/historypage.cpp" line="41"/>
        <source>Keep &amp;hours for:</source>
        <translation>小时数据保留(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/historypage.cpp" line="42"/>
        <source>Keep &amp;days for:</source>
        <translation>每日数据保留(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/historypage.cpp" line="43"/>
        <source>Hosts kept &amp;per period:</source>
        <translation>每个时段保留的主机数(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/historypage.cpp" line="44"/>
        <source>Bytes and packets per protocol and per host, in and out, are written every minute to netlens.db in the data folder. Opened files are not recorded. Statistics → History shows them.</source>
        <translation>按协议和主机统计的入向、出向字节数和数据包数每分钟写入数据目录中的 netlens.db。打开的文件不会被记录。可在 统计 → 历史 中查看。</translation>
    </message>
</context>
<context>
    <name>netlens::HistoryWindow</name>
    <message>
        <location filename="../src/gui/history/historywindow.cpp" line="48"/>
        <source>Traffic History</source>
        <translation>流量历史</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historywindow.cpp" line="50"/>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historywindow.cpp" line="50"/>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historywindow.cpp" line="50"/>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historywindow.cpp" line="50"/>
        <source>Year</source>
        <translation>年</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historywindow.cpp" line="51"/>
        <source>How much history to show at once</source>
        <translation>一次显示多长时间的历史</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historywindow.cpp" line="53"/>
        <source>The period before</source>
        <translation>上一个时段</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historywindow.cpp" line="55"/>
        <source>The period after</source>
        <translation>下一个时段</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historywindow.cpp" line="56"/>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historywindow.cpp" line="57"/>
        <source>The period holding now</source>
        <translation>包含当前时间的时段</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historywindow.cpp" line="64"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historywindow.cpp" line="74"/>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historywindow.cpp" line="74"/>
        <source>Bytes in</source>
        <translation>入向字节</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historywindow.cpp" line="74"/>
        <source>Bytes out</source>
        <translation>出向字节</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historywindow.cpp" line="74"/>
        <source>Packets in</source>
        <translation>入向数据包</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historywindow.cpp" line="74"/>
        <source>Packets out</source>
        <translation>出向数据包</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historywindow.cpp" line="89"/>
        <source>Top hosts of the period</source>
        <translation>此时段的主要主机</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historywindow.cpp" line="174"/>
        <source>Week of %1</source>
        <translation>%1 所在周</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historywindow.cpp" line="193"/>
        <source>No history to show: %1. Live captures record it (Edit → Settings → History).</source>
        <translation>没有可显示的历史记录：%1。实时抓包会记录历史（编辑 → 设置 → 历史）。</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historywindow.cpp" line="196"/>
        <source>Cannot read the history: %1</source>
        <translation>无法读取历史记录：%1</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historywindow.cpp" line="198"/>
        <source>No traffic was recorded in this period.</source>
        <translation>此时段没有记录到流量。</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historywindow.cpp" line="200"/>
        <source>per minute</source>
        <translation>每分钟</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historywindow.cpp" line="201"/>
        <source>per hour</source>
        <translation>每小时</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historywindow.cpp" line="202"/>
        <source>per day</source>
        <translation>每天</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historywindow.cpp" line="203"/>
        <source>%1 in, %2 out, %3 packets; %4 protocols, bars %5.</source>
        <translation>入向 %1，出向 %2，%3 个数据包；%4 种协议，柱形为%5。</translation>
    </message>
    <message>
        <location filename="../src/gui/history/historywindow.cpp" line="230"/>
        <source>(other hosts)</source>
        <translation>（其他主机）</translation>
    </message>
</context>
<context>
    <name>netlens::MainWindow</name>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="49"/>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="341"/>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="345"/>
        <source>NetLens</source>
        <translation>NetLens</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="137"/>
        <source>Dashboard</source>
        <translation>仪表板</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="164"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="165"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="166"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="167"/>
        <source>Open &amp;Sample Capture</source>
        <translation>打开示例抓包(&amp;S)</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="169"/>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="170"/>
        <source>&amp;Export Packets as CSV…</source>
        <translation>将数据包导出为 CSV(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="171"/>
        <source>Export &amp;Report…</source>
        <translation>导出报告(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="172"/>
        <source>The dashboard page with its data, as one HTML file that opens offline</source>
        <translation>将仪表盘页面连同数据导出为一个可离线打开的 HTML 文件</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="174"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="176"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="177"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="179"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="186"/>
        <source>&amp;Time Format</source>
        <translation>时间格式(&amp;T)</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="189"/>
        <source>Seconds Since First Packet</source>
        <translation>自第一个包起的秒数</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="190"/>
        <source>Date and Time of Day</source>
        <translation>日期和时刻</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="191"/>
        <source>Seconds Since Previous Packet</source>
        <translation>自上一个包起的秒数</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="203"/>
        <source>&amp;Capture</source>
        <translation>抓包(&amp;C)</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="208"/>
        <source>Refresh &amp;Interfaces</source>
        <translation>刷新网卡列表(&amp;I)</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="215"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="216"/>
        <source>&amp;About NetLens</source>
        <translation>关于 NetLens(&amp;A)</translation>
    </message>
    <message>
        <source>About NetLens</source>
        <translation type="vanished">关于 NetLens</translation>
    </message>
    <message>
        <source>&lt;b&gt;NetLens %1&lt;/b&gt;&lt;br&gt;Network traffic monitor and analyzer.&lt;br&gt;Built on libpcap, nDPI and Qt.</source>
        <translation type="vanished">&lt;b&gt;NetLens %1&lt;/b&gt;&lt;br&gt;网络流量监控与分析工具。&lt;br&gt;基于 libpcap、nDPI 和 Qt 构建。</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="237"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="267"/>
        <source>%1 packets were cut short by the capture&apos;s snap length.</source>
        <translation>有 %1 个数据包被抓包的快照长度截断。</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="269"/>
        <source>%1 packets have a link type NetLens counts but does not decode.</source>
        <translation>有 %1 个数据包的链路类型 NetLens 只计数、不解码。</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="272"/>
        <source>%1 flows were named by port only: too many flows were being classified at once (a scan or a flood?).</source>
        <translation>有 %1 条流仅按端口命名：同时待识别的流过多（可能是扫描或洪水攻击）。</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="234"/>
        <source>%1 — NetLens</source>
        <translation>%1 — NetLens</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindow.cpp" line="318"/>
        <source>Capturing on %1 — NetLens</source>
        <translation>正在 %1 上抓包 — NetLens</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowfiles.cpp" line="41"/>
        <source>Open Capture</source>
        <translation>打开抓包文件</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowfiles.cpp" line="42"/>
        <source>Capture files (*.pcap *.pcapng *.cap *.dmp);;All files (*)</source>
        <translation>抓包文件 (*.pcap *.pcapng *.cap *.dmp);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowfiles.cpp" line="54"/>
        <source>Clear Recent Files</source>
        <translation>清除最近文件</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowfiles.cpp" line="64"/>
        <source>There are no packets to save.</source>
        <translation>没有可保存的数据包。</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowfiles.cpp" line="67"/>
        <source>Save Packets As</source>
        <translation>数据包另存为</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowfiles.cpp" line="68"/>
        <source>pcap files (*.pcap)</source>
        <translation>pcap 文件 (*.pcap)</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowfiles.cpp" line="76"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowfiles.cpp" line="76"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowfiles.cpp" line="107"/>
        <source>Open a capture first.</source>
        <translation>请先打开一个抓包。</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowfiles.cpp" line="112"/>
        <source>Displayed packets only</source>
        <translation>仅显示的数据包</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowfiles.cpp" line="112"/>
        <source>All packets</source>
        <translation>全部数据包</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowfiles.cpp" line="114"/>
        <location filename="../src/gui/mainwindow/mainwindowfiles.cpp" line="121"/>
        <source>Export Packets as CSV</source>
        <translation>将数据包导出为 CSV</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowfiles.cpp" line="114"/>
        <source>Export:</source>
        <translation>导出：</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowfiles.cpp" line="122"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowfiles.cpp" line="128"/>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowfiles.cpp" line="128"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowfiles.cpp" line="164"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowfiles.cpp" line="165"/>
        <source>The new language applies when NetLens starts again.</source>
        <translation>新的语言将在下次启动 NetLens 时生效。</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowalerts.cpp" line="86"/>
        <source>Alert history and delivery are off: %1</source>
        <translation>告警历史和发送已关闭：%1</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowalerts.cpp" line="136"/>
        <source>E-mail Password</source>
        <translation>邮件密码</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowalerts.cpp" line="137"/>
        <source>No keychain is available, so NetLens does not keep the password of %1 on %2.
Enter it for this run (it is not saved):</source>
        <translation>没有可用的密钥环，因此 NetLens 不会保存 %2 上 %1 的密码。
请输入本次运行使用的密码（不会保存）：</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowalerts.cpp" line="154"/>
        <source>alert delivery is off: its database did not open</source>
        <translation>告警发送已关闭：其数据库未能打开</translation>
    </message>
    <message>
        <source>e-mail delivery is not available in this build</source>
        <translation type="vanished">此版本不支持邮件发送</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowalerts.cpp" line="170"/>
        <source>The alert rules were not loaded, the rules in force stay: %1</source>
        <translation>告警规则未载入，现行规则保持不变：%1</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowalerts.cpp" line="217"/>
        <source>NetLens keeps running</source>
        <translation>NetLens 仍在运行</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowalerts.cpp" line="218"/>
        <source>NetLens is still running in the system tray. Choose Quit in its menu to end it.</source>
        <translation>NetLens 仍在系统托盘中运行。要结束它，请在托盘菜单中选择“退出”。</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowweb.cpp" line="31"/>
        <source>&amp;Web Dashboard</source>
        <translation>网页仪表盘(&amp;W)</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowweb.cpp" line="34"/>
        <source>Serve the charts and the top IPs as a web page</source>
        <translation>以网页形式提供图表和流量最多的 IP</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowweb.cpp" line="36"/>
        <source>Open Web Dashboard in &amp;Browser</source>
        <translation>在浏览器中打开网页仪表盘(&amp;B)</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowweb.cpp" line="69"/>
        <source>The web dashboard could not start: %1</source>
        <translation>网页仪表盘无法启动：%1</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowweb.cpp" line="81"/>
        <source>The web dashboard is serving at this address</source>
        <translation>网页仪表盘正在此地址提供服务</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowweb.cpp" line="107"/>
        <source>There is nothing to report yet: open a capture or start one.</source>
        <translation>还没有可报告的内容：请打开一个抓包文件或开始抓包。</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowweb.cpp" line="109"/>
        <source>Report written to %1</source>
        <translation>报告已写入 %1</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowweb.cpp" line="126"/>
        <source>Export Report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowweb.cpp" line="127"/>
        <source>HTML files (*.html)</source>
        <translation>HTML 文件 (*.html)</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowstartup.cpp" line="53"/>
        <source>No system tray appeared within %1 s, so NetLens shows its window.</source>
        <translation>%1 秒内没有出现系统托盘，因此 NetLens 显示了窗口。</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowstartup.cpp" line="68"/>
        <source>-k: there is no interface to capture on (none is up, or listing them failed): give one with -i</source>
        <translation>-k：没有可抓包的网卡（没有已启用的网卡，或列出网卡失败）：请用 -i 指定</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/mainwindowstartup.cpp" line="73"/>
        <source>-k: the capture filter &quot;%1&quot; is not valid: %2</source>
        <translation>-k：抓包过滤器“%1”无效：%2</translation>
    </message>
</context>
<context>
    <name>netlens::NotificationsPage</name>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="23"/>
        <source>Info and above</source>
        <translation>信息及以上</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="24"/>
        <source>Warning and above</source>
        <translation>警告及以上</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="25"/>
        <source>Critical only</source>
        <translation>仅严重</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="45"/>
        <source>E-mail (SMTP)</source>
        <translation>邮件 (SMTP)</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="47"/>
        <source>Send alerts by e-mail</source>
        <translation>通过邮件发送告警</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="56"/>
        <source>STARTTLS (port 587)</source>
        <translation>STARTTLS（端口 587）</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="57"/>
        <source>TLS (SMTPS, port 465)</source>
        <translation>TLS（SMTPS，端口 465）</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="58"/>
        <source>None (local relay, port 25)</source>
        <translation>无（本地中继，端口 25）</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="68"/>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="70"/>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="71"/>
        <source>Security:</source>
        <translation>安全：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="73"/>
        <source>empty: no login</source>
        <translation>留空：不登录</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="74"/>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="77"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="80"/>
        <source>From:</source>
        <translation>发件人：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="82"/>
        <source>addresses, separated by commas</source>
        <translation>地址，以逗号分隔</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="83"/>
        <source>To:</source>
        <translation>收件人：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="85"/>
        <source>the system&apos;s certificates only</source>
        <translation>仅使用系统证书</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="86"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="89"/>
        <source>CA Certificates</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="90"/>
        <source>PEM files (*.pem *.crt);;All files (*)</source>
        <translation>PEM 文件 (*.pem *.crt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="97"/>
        <source>Extra CA file:</source>
        <translation>额外的 CA 文件：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="98"/>
        <source>Verify the server&apos;s certificate</source>
        <translation>验证服务器证书</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="101"/>
        <source>Send Test E-mail</source>
        <translation>发送测试邮件</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="111"/>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="116"/>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="118"/>
        <source>Post alerts to a webhook</source>
        <translation>将告警发送到 Webhook</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="123"/>
        <source>URL:</source>
        <translation>URL：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="125"/>
        <source>Generic JSON</source>
        <translation>通用 JSON</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="129"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="132"/>
        <source>empty: not signed</source>
        <translation>留空：不签名</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="133"/>
        <source>Signing secret:</source>
        <translation>签名密钥：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="136"/>
        <source>Which alerts</source>
        <translation>发送哪些告警</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="140"/>
        <source>Desktop notifications:</source>
        <translation>桌面通知：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="141"/>
        <source>E-mail and webhook:</source>
        <translation>邮件和 Webhook：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="145"/>
        <source>No keychain: the password is not kept.</source>
        <translation>没有密钥环：不保存密码。</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="202"/>
        <source>The keychain did not keep the %1: %2</source>
        <translation>密钥环未能保存%1：%2</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="203"/>
        <source>e-mail password</source>
        <translation>邮件密码</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="204"/>
        <source>webhook secret</source>
        <translation>Webhook 密钥</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="215"/>
        <source>Sent: %1</source>
        <translation>已发送：%1</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/notificationspage.cpp" line="215"/>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
</context>
<context>
    <name>netlens::PacketDetailsView</name>
    <message numerus="yes">
        <location filename="../src/gui/details/packetdetailsview.cpp" line="87"/>
        <source>Bytes %1–%2 (%n byte(s))</source>
        <translation>
            <numerusform>字节 %1–%2（共 %n 字节）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/details/packetdetailsview.cpp" line="190"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../src/gui/details/packetdetailsview.cpp" line="193"/>
        <source>&amp;Expand Subtrees</source>
        <translation>展开子树(&amp;E)</translation>
    </message>
    <message>
        <location filename="../src/gui/details/packetdetailsview.cpp" line="195"/>
        <source>C&amp;ollapse Subtrees</source>
        <translation>折叠子树(&amp;O)</translation>
    </message>
    <message>
        <location filename="../src/gui/details/packetdetailsview.cpp" line="198"/>
        <source>Expand &amp;All</source>
        <translation>全部展开(&amp;A)</translation>
    </message>
    <message>
        <location filename="../src/gui/details/packetdetailsview.cpp" line="202"/>
        <source>Collapse A&amp;ll</source>
        <translation>全部折叠(&amp;L)</translation>
    </message>
    <message>
        <location filename="../src/gui/details/packetdetailsview.cpp" line="216"/>
        <source>Select a packet to see its details</source>
        <translation>选择一个数据包以查看详情</translation>
    </message>
</context>
<context>
    <name>netlens::PacketPane</name>
    <message>
        <source>Display filter (BPF, as for tcpdump), e.g. host 10.0.0.1 and tcp port 80 — Enter applies, Esc clears</source>
        <translation type="vanished">显示过滤器（BPF，与 tcpdump 相同），例如 host 10.0.0.1 and tcp port 80 — 回车应用，Esc 清除</translation>
    </message>
    <message>
        <location filename="../src/gui/packets/packetpane.cpp" line="30"/>
        <source>Display filter: BPF as for tcpdump, plus protocol NAME, transport NAME, time FROM-TO — e.g. protocol DNS and host 10.0.0.1 — Enter applies, Esc clears</source>
        <translation>显示过滤器：与 tcpdump 相同的 BPF，另支持 protocol 名称、transport 名称、time 开始-结束 — 例如 protocol DNS and host 10.0.0.1 — 回车应用，Esc 清除</translation>
    </message>
    <message>
        <location filename="../src/gui/packets/packetpane.cpp" line="46"/>
        <source>Sorting…</source>
        <translation>正在排序…</translation>
    </message>
    <message>
        <location filename="../src/gui/packets/packetpane.cpp" line="67"/>
        <location filename="../src/gui/packets/packetpane.cpp" line="126"/>
        <source>Filtering…</source>
        <translation>正在过滤…</translation>
    </message>
    <message>
        <location filename="../src/gui/packets/packetpane.cpp" line="76"/>
        <source>Display filter: %1</source>
        <translation>显示过滤器：%1</translation>
    </message>
    <message>
        <location filename="../src/gui/packets/packetpane.cpp" line="203"/>
        <source>The bytes of this packet are not on disk yet; select it again in a second.</source>
        <translation>该数据包的字节尚未写入磁盘，请稍后再选中它。</translation>
    </message>
    <message>
        <location filename="../src/gui/packets/packetpane.cpp" line="194"/>
        <source>This packet is no longer in memory (Settings: Packets kept in memory).</source>
        <translation>该数据包已不在内存中（设置：内存中保留的数据包数）。</translation>
    </message>
</context>
<context>
    <name>netlens::PacketTableModel</name>
    <message>
        <location filename="../src/gui/packets/packettablemodel.cpp" line="404"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../src/gui/packets/packettablemodel.cpp" line="407"/>
        <location filename="../src/gui/packets/packettablemodel.cpp" line="411"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../src/gui/packets/packettablemodel.cpp" line="408"/>
        <source>Delta</source>
        <translation>间隔</translation>
    </message>
    <message>
        <location filename="../src/gui/packets/packettablemodel.cpp" line="409"/>
        <source>Time (s)</source>
        <translation>时间 (秒)</translation>
    </message>
    <message>
        <location filename="../src/gui/packets/packettablemodel.cpp" line="412"/>
        <source>Source</source>
        <translation>源地址</translation>
    </message>
    <message>
        <location filename="../src/gui/packets/packettablemodel.cpp" line="413"/>
        <source>Destination</source>
        <translation>目的地址</translation>
    </message>
    <message>
        <location filename="../src/gui/packets/packettablemodel.cpp" line="414"/>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <location filename="../src/gui/packets/packettablemodel.cpp" line="415"/>
        <source>Length</source>
        <translation>长度</translation>
    </message>
    <message>
        <location filename="../src/gui/packets/packettablemodel.cpp" line="416"/>
        <source>Info</source>
        <translation>信息</translation>
    </message>
</context>
<context>
    <name>netlens::PacketTableView</name>
    <message>
        <location filename="../src/gui/packets/packettableview.cpp" line="94"/>
        <source>Filter on this value: %1</source>
        <translation>按此值过滤：%1</translation>
    </message>
    <message>
        <location filename="../src/gui/packets/packettableview.cpp" line="101"/>
        <source>Filter on source: %1</source>
        <translation>按源地址过滤：%1</translation>
    </message>
    <message>
        <location filename="../src/gui/packets/packettableview.cpp" line="102"/>
        <source>Filter on destination: %1</source>
        <translation>按目的地址过滤：%1</translation>
    </message>
    <message>
        <location filename="../src/gui/packets/packettableview.cpp" line="103"/>
        <source>Filter on protocol: %1</source>
        <translation>按协议过滤：%1</translation>
    </message>
</context>
<context>
    <name>netlens::ProtocolHierarchyModel</name>
    <message>
        <location filename="../src/gui/stats/protocolhierarchymodel.cpp" line="145"/>
        <source>All packets</source>
        <translation>全部数据包</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/protocolhierarchymodel.cpp" line="175"/>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/protocolhierarchymodel.cpp" line="176"/>
        <source>Packets</source>
        <translation>数据包</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/protocolhierarchymodel.cpp" line="177"/>
        <source>% Packets</source>
        <translation>数据包占比</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/protocolhierarchymodel.cpp" line="178"/>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/protocolhierarchymodel.cpp" line="179"/>
        <source>% Bytes</source>
        <translation>字节占比</translation>
    </message>
</context>
<context>
    <name>netlens::ProtocolPieChart</name>
    <message>
        <location filename="../src/gui/charts/protocolpiechart.cpp" line="29"/>
        <source>Protocols</source>
        <translation>协议</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/protocolpiechart.cpp" line="36"/>
        <source>Application</source>
        <translation>应用层</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/protocolpiechart.cpp" line="37"/>
        <source>Transport</source>
        <translation>传输层</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/protocolpiechart.cpp" line="38"/>
        <source>Group by application protocol or by transport</source>
        <translation>按应用层协议或传输层分组</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/protocolpiechart.cpp" line="39"/>
        <source>Packets</source>
        <translation>数据包</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/protocolpiechart.cpp" line="40"/>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/protocolpiechart.cpp" line="41"/>
        <source>Share of packets or of bytes</source>
        <translation>按数据包数或字节数计算占比</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/protocolpiechart.cpp" line="128"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/protocolpiechart.cpp" line="173"/>
        <source>%1 %2%</source>
        <translation>%1 %2%</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/protocolpiechart.cpp" line="176"/>
        <source>No packets</source>
        <translation>没有数据包</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/charts/protocolpiechart.cpp" line="186"/>
        <source>%n packet(s)</source>
        <translation>
            <numerusform>%n 个数据包</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/charts/protocolpiechart.cpp" line="189"/>
        <source>Other (each under %1%): %2, %3%</source>
        <translation>其他（每项均低于 %1%）：%2，%3%</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/protocolpiechart.cpp" line="191"/>
        <source>%1: %2, %3%
Click to filter on it</source>
        <translation>%1：%2，%3%
点击以按其过滤</translation>
    </message>
</context>
<context>
    <name>netlens::RuleEditor</name>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="64"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="69"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="70"/>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="89"/>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="93"/>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="94"/>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="142"/>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="152"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="97"/>
        <source>Id:</source>
        <translation>ID：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="98"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="99"/>
        <source>Kind:</source>
        <translation>种类：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="101"/>
        <source>Severity:</source>
        <translation>级别：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="102"/>
        <source>Window:</source>
        <translation>时间窗口：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="103"/>
        <source>Cooldown:</source>
        <translation>冷却时间：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="104"/>
        <source>Hysteresis:</source>
        <translation>回差：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="107"/>
        <source>Trigger</source>
        <translation>触发条件</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="110"/>
        <source>Packets per second</source>
        <translation>每秒数据包数</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="111"/>
        <source>Bits per second</source>
        <translation>每秒比特数</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="112"/>
        <source>New flows per second</source>
        <translation>每秒新建流数</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="114"/>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="304"/>
        <source>Threshold:</source>
        <translation>阈值：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="115"/>
        <source>Measure:</source>
        <translation>度量：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="119"/>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="122"/>
        <source>all hosts; or 10.0.0.5, 10.0.0.0/24</source>
        <translation>所有主机；或 10.0.0.5、10.0.0.0/24</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="124"/>
        <source>any; or TCP, DNS, …</source>
        <translation>任意；或 TCP、DNS…</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="126"/>
        <source>any</source>
        <translation>任意</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="128"/>
        <source>Both ways</source>
        <translation>双向</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="129"/>
        <source>In (to the scope)</source>
        <translation>入（发往该范围）</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="130"/>
        <source>Out (from the scope)</source>
        <translation>出（来自该范围）</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="131"/>
        <source>Host or network:</source>
        <translation>主机或网络：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="132"/>
        <source>Protocol:</source>
        <translation>协议：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="133"/>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="134"/>
        <source>Direction:</source>
        <translation>方向：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="137"/>
        <source>Baseline</source>
        <translation>基线</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="141"/>
        <source> bit/s</source>
        <translation> bit/s</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="143"/>
        <source>Per local host as well as overall</source>
        <translation>按每台本地主机以及总体</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="144"/>
        <source>Deviations above the mean:</source>
        <translation>高于均值的标准差倍数：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="145"/>
        <source>At least:</source>
        <translation>至少：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="146"/>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="157"/>
        <source>Learning:</source>
        <translation>学习期：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="150"/>
        <source>New hosts</source>
        <translation>新主机</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="154"/>
        <source>besides the private ranges, e.g. 192.0.2.0/24</source>
        <translation>私有地址段以外的，例如 192.0.2.0/24</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="156"/>
        <source>never reported, separated by commas</source>
        <translation>从不报告，以逗号分隔</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="158"/>
        <source>Local networks:</source>
        <translation>本地网络：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="159"/>
        <source>Allowlist:</source>
        <translation>允许列表：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="162"/>
        <source>Blacklist</source>
        <translation>黑名单</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="165"/>
        <source>file of one address or CIDR a line</source>
        <translation>每行一个地址或 CIDR 的文件</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="167"/>
        <source>addresses or CIDRs, separated by commas</source>
        <translation>地址或 CIDR，以逗号分隔</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="168"/>
        <source>List file:</source>
        <translation>列表文件：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="169"/>
        <source>Addresses:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="217"/>
        <source>Not loaded: %1</source>
        <translation>未载入：%1</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="234"/>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="240"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="300"/>
        <source>Distinct ports:</source>
        <translation>不同端口数：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="301"/>
        <source>Distinct hosts:</source>
        <translation>不同主机数：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="302"/>
        <source>Unanswered SYNs:</source>
        <translation>未完成握手的 SYN 数：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="303"/>
        <source>ICMP packets/s:</source>
        <translation>ICMP 包/秒：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="392"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="396"/>
        <source>%1 (off)</source>
        <translation>%1（已停用）</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/ruleeditor.cpp" line="447"/>
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
</context>
<context>
    <name>netlens::SettingsDialog</name>
    <message>
        <location filename="../src/gui/settings/settingsdialog.cpp" line="35"/>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/settingsdialog.cpp" line="37"/>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/settingsdialog.cpp" line="39"/>
        <source>Web</source>
        <translation>网页</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/settingsdialog.cpp" line="41"/>
        <source>Flow Export</source>
        <translation>流导出</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/settingsdialog.cpp" line="43"/>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/settingsdialog.cpp" line="46"/>
        <source>Data Directory</source>
        <translation>数据目录</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/settingsdialog.cpp" line="51"/>
        <source>First interface that is up</source>
        <translation>第一个已启用的网卡</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/settingsdialog.cpp" line="72"/>
        <source>Seconds since the first packet</source>
        <translation>自第一个包起的秒数</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/settingsdialog.cpp" line="73"/>
        <source>Date and time of day</source>
        <translation>日期和时刻</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/settingsdialog.cpp" line="74"/>
        <source>Seconds since the previous packet</source>
        <translation>自上一个包起的秒数</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/settingsdialog.cpp" line="76"/>
        <location filename="../src/gui/settings/settingsdialog.cpp" line="80"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/settingsdialog.cpp" line="81"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/settingsdialog.cpp" line="82"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/settingsdialog.cpp" line="110"/>
        <location filename="../src/gui/settings/settingsdialog.cpp" line="116"/>
        <location filename="../src/gui/settings/settingsdialog.cpp" line="122"/>
        <location filename="../src/gui/settings/settingsdialog.cpp" line="129"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/settingsdialog.cpp" line="65"/>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/settingsdialog.cpp" line="66"/>
        <source>Never</source>
        <translation>从不</translation>
    </message>
</context>
<context>
    <name>netlens::StatisticsMenu</name>
    <message>
        <location filename="../src/gui/stats/statisticsmenu.cpp" line="14"/>
        <source>&amp;Statistics</source>
        <translation>统计(&amp;S)</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticsmenu.cpp" line="17"/>
        <source>&amp;Protocol Hierarchy</source>
        <translation>协议分层(&amp;P)</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticsmenu.cpp" line="17"/>
        <source>&amp;Conversations</source>
        <translation>会话(&amp;C)</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticsmenu.cpp" line="18"/>
        <source>&amp;Endpoints</source>
        <translation>端点(&amp;E)</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticsmenu.cpp" line="18"/>
        <source>&amp;Flows</source>
        <translation>流(&amp;F)</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticsmenu.cpp" line="25"/>
        <source>&amp;History</source>
        <translation>历史(&amp;H)</translation>
    </message>
</context>
<context>
    <name>netlens::StatisticsWindow</name>
    <message>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="50"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="51"/>
        <source>&amp;Save as CSV…</source>
        <translation>另存为 CSV(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="54"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="56"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="57"/>
        <source>&amp;Copy as CSV</source>
        <translation>复制为 CSV(&amp;C)</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="68"/>
        <source>Save as CSV…</source>
        <translation>另存为 CSV…</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="87"/>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="94"/>
        <source>IPv4</source>
        <translation>IPv4</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="88"/>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="95"/>
        <source>IPv6</source>
        <translation>IPv6</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="89"/>
        <source>TCP</source>
        <translation>TCP</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="90"/>
        <source>UDP</source>
        <translation>UDP</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="96"/>
        <source>Ethernet</source>
        <translation>以太网</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="100"/>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="117"/>
        <source>Flows</source>
        <translation>流</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="114"/>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="157"/>
        <source>Protocol Hierarchy</source>
        <translation>协议分层</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="115"/>
        <source>Conversations</source>
        <translation>会话</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="116"/>
        <source>Endpoints</source>
        <translation>端点</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="180"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="233"/>
        <source>live capture</source>
        <translation>实时抓包</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="237"/>
        <source>%1 — NetLens</source>
        <translation>%1 — NetLens</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="238"/>
        <source>%1 — %2 — NetLens</source>
        <translation>%1 — %2 — NetLens</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="250"/>
        <source>No statistics yet</source>
        <translation>暂无统计数据</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="256"/>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="263"/>
        <source>%1 rows</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="259"/>
        <source>Showing the busiest %1 of %2; every row once the capture ends</source>
        <translation>显示 %2 行中流量最大的 %1 行；抓包结束后显示全部</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="406"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="412"/>
        <source>Writing %1 failed: %2</source>
        <translation>写入 %1 失败：%2</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="436"/>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="442"/>
        <source>Save as CSV</source>
        <translation>另存为 CSV</translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="437"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/stats/statisticswindow.cpp" line="273"/>
        <source>%n flow(s) folded into the totals after going idle</source>
        <translation>
            <numerusform>%n 个流空闲后已并入总计</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/stats/statisticswindow.cpp" line="276"/>
        <source>Other (%1 not held): %2 packets, %3 bytes</source>
        <translation>其他（%1 个未保留）：%2 个数据包，%3 字节</translation>
    </message>
</context>
<context>
    <name>netlens::StatusPanel</name>
    <message>
        <location filename="../src/gui/mainwindow/statuspanel.cpp" line="31"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/statuspanel.cpp" line="51"/>
        <source>Packets: %1 displayed / %2 total</source>
        <translation>数据包：显示 %1 / 共 %2</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/statuspanel.cpp" line="61"/>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/statuspanel.cpp" line="67"/>
        <source>%1 pkt/s, %2 Mbit/s</source>
        <translation>%1 包/秒，%2 Mbit/s</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/statuspanel.cpp" line="72"/>
        <source>Dropped: %1</source>
        <translation>丢包：%1</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/statuspanel.cpp" line="74"/>
        <source>Dropped by the kernel: %1, by the interface: %2</source>
        <translation>内核丢弃：%1，网卡丢弃：%2</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow/statuspanel.cpp" line="87"/>
        <source>⚠ Warnings: %1</source>
        <translation>⚠ 警告：%1</translation>
    </message>
</context>
<context>
    <name>netlens::TopTalkersChart</name>
    <message>
        <location filename="../src/gui/charts/toptalkerschart.cpp" line="48"/>
        <source>Top Talkers</source>
        <translation>主要通信方</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/toptalkerschart.cpp" line="54"/>
        <source>Sent</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/toptalkerschart.cpp" line="55"/>
        <source>Received</source>
        <translation>接收</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/toptalkerschart.cpp" line="60"/>
        <source>Top %1</source>
        <translation>前 %1 名</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/toptalkerschart.cpp" line="62"/>
        <source>Number of hosts shown</source>
        <translation>显示的主机数</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/toptalkerschart.cpp" line="165"/>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/toptalkerschart.cpp" line="165"/>
        <source>kB</source>
        <translation>kB</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/toptalkerschart.cpp" line="165"/>
        <source>MB</source>
        <translation>MB</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/toptalkerschart.cpp" line="165"/>
        <source>GB</source>
        <translation>GB</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/toptalkerschart.cpp" line="165"/>
        <source>TB</source>
        <translation>TB</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/toptalkerschart.cpp" line="194"/>
        <source>No hosts</source>
        <translation>没有主机</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/toptalkerschart.cpp" line="224"/>
        <source>%1
Sent: %2
Received: %3
Click to filter on this host</source>
        <translation>%1
发送：%2
接收：%3
点击以按此主机过滤</translation>
    </message>
</context>
<context>
    <name>netlens::TrafficChart</name>
    <message>
        <location filename="../src/gui/charts/trafficchart.cpp" line="42"/>
        <source>Traffic</source>
        <translation>流量</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/trafficchart.cpp" line="46"/>
        <source>Bits/s</source>
        <translation>比特/秒</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/trafficchart.cpp" line="47"/>
        <source>Packets/s</source>
        <translation>包/秒</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/trafficchart.cpp" line="48"/>
        <source>Plot bits or packets per second</source>
        <translation>绘制每秒比特数或每秒包数</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/trafficchart.cpp" line="49"/>
        <source>Last minute</source>
        <translation>最近 1 分钟</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/trafficchart.cpp" line="50"/>
        <source>Last 10 minutes</source>
        <translation>最近 10 分钟</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/trafficchart.cpp" line="51"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/trafficchart.cpp" line="52"/>
        <source>Time shown during a live capture</source>
        <translation>实时抓包时显示的时间范围</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/trafficchart.cpp" line="56"/>
        <source>Select</source>
        <translation>选择</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/trafficchart.cpp" line="58"/>
        <source>Drag to select a time span and filter on it (or hold Shift while dragging); wheel zooms, drag pans, double-click resets</source>
        <translation>拖动以选择时间段并按其过滤（或按住 Shift 拖动）；滚轮缩放，拖动平移，双击复位</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/trafficchart.cpp" line="111"/>
        <source>No packets</source>
        <translation>没有数据包</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/trafficchart.cpp" line="234"/>
        <source>All traffic</source>
        <translation>全部流量</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/trafficchart.cpp" line="363"/>
        <source>Reset Zoom</source>
        <translation>重置缩放</translation>
    </message>
    <message>
        <location filename="../src/gui/charts/trafficchart.cpp" line="365"/>
        <source>Clear Selection</source>
        <translation>清除选择</translation>
    </message>
</context>
<context>
    <name>netlens::TrayController</name>
    <message>
        <location filename="../src/gui/tray/traycontroller.cpp" line="20"/>
        <location filename="../src/gui/tray/traycontroller.cpp" line="121"/>
        <source>Hide NetLens</source>
        <translation>隐藏 NetLens</translation>
    </message>
    <message>
        <location filename="../src/gui/tray/traycontroller.cpp" line="22"/>
        <source>Start Capture</source>
        <translation>开始抓包</translation>
    </message>
    <message>
        <location filename="../src/gui/tray/traycontroller.cpp" line="23"/>
        <source>Stop Capture</source>
        <translation>停止抓包</translation>
    </message>
    <message>
        <location filename="../src/gui/tray/traycontroller.cpp" line="25"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../src/gui/tray/traycontroller.cpp" line="110"/>
        <source>NetLens — capturing: %1 pkt/s, %2 Mbit/s</source>
        <translation>NetLens — 正在抓包：%1 包/秒，%2 Mbit/s</translation>
    </message>
    <message>
        <location filename="../src/gui/tray/traycontroller.cpp" line="113"/>
        <source>NetLens — not capturing</source>
        <translation>NetLens — 未在抓包</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/tray/traycontroller.cpp" line="115"/>
        <source>%n unacknowledged alert(s)</source>
        <translation>
            <numerusform>%n 条未确认的告警</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/tray/traycontroller.cpp" line="121"/>
        <source>Show NetLens</source>
        <translation>显示 NetLens</translation>
    </message>
    <message>
        <location filename="../src/gui/tray/traycontroller.cpp" line="135"/>
        <source>NetLens %1: %2</source>
        <translation>NetLens %1：%2</translation>
    </message>
</context>
<context>
    <name>netlens::WebPage</name>
    <message>
        <location filename="../src/gui/settings/webpage.cpp" line="20"/>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/webpage.cpp" line="21"/>
        <source>Start the web dashboard with NetLens</source>
        <translation>NetLens 启动时同时启动网页仪表盘</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/webpage.cpp" line="27"/>
        <source>127.0.0.1 serves this computer only. Any other address (such as 0.0.0.0 for every interface) needs an access token.</source>
        <translation>127.0.0.1 仅供本机访问。其他地址（例如表示所有网卡的 0.0.0.0）需要访问令牌。</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/webpage.cpp" line="33"/>
        <source>None (loopback only)</source>
        <translation>无（仅限本机回环）</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/webpage.cpp" line="34"/>
        <source>Browsers send it once as ?token=… (it then sets a cookie), scripts as the header &quot;Authorization: Bearer …&quot;.</source>
        <translation>浏览器以 ?token=… 发送一次（随后设置 Cookie），脚本使用请求头“Authorization: Bearer …”。</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/webpage.cpp" line="45"/>
        <source>Listen &amp;address:</source>
        <translation>监听地址(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/webpage.cpp" line="46"/>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/webpage.cpp" line="47"/>
        <source>Access &amp;token:</source>
        <translation>访问令牌(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/webpage.cpp" line="49"/>
        <source>Address:</source>
        <translation>访问地址：</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/webpage.cpp" line="50"/>
        <source>The dashboard is read-only: nothing on the page can start or stop a capture.</source>
        <translation>仪表盘是只读的：页面上的任何操作都不能开始或停止抓包。</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/webpage.cpp" line="91"/>
        <source>Web dashboard address: %1</source>
        <translation>网页仪表盘地址：%1</translation>
    </message>
    <message>
        <location filename="../src/gui/settings/webpage.cpp" line="95"/>
        <source>Web dashboard: listening on %1 needs an access token (Generate makes one).</source>
        <translation>网页仪表盘：在 %1 上监听需要访问令牌（点击“生成”即可创建）。</translation>
    </message>
</context>
</TS>
