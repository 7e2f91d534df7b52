# 帮助页（zh-CN）。

help-heading-means = 含义
help-heading-causes = 常见原因
help-heading-fix = 怎么办
help-heading-actor = 由谁处理
help-more = 更多信息
help-actor = { $actor ->
    [user] 使用该账号的人
    [helpdesk] 服务台
    [provider] 邮箱服务商
    [server_admin] 邮件服务器管理员
    [domain_admin] 域名管理员
    [network] 网络（防火墙、网络运营商）
   *[this_computer] 本机（本机的设置）
}
help-page-footer = 诊断代码 { $code }。运行 `maildoctor 邮箱地址` 检查账号。

help-dns-resolver_suspect-title = 本机的 DNS 解析器给出错误的答案或不回答
help-dns-resolver_suspect-means = 本机使用的 DNS 服务器对存在的域名回答“不存在”，或根本不回答，因此从这里什么都无法检查。
help-dns-resolver_suspect-causes = DNS 服务器故障或过滤、需要网页登录的网络（酒店、访客 Wi-Fi）、拦截 DNS 的 VPN 或安全软件。
help-dns-resolver_suspect-fix = 换一个网络，或加 --resolver 1.1.1.1（或其他公共 DNS）再运行一次 maildoctor；修正本机或路由器的 DNS 设置。

help-dns-zone_failed-title = 域名自己的 DNS 服务器出错
help-dns-zone_failed-means = 负责这个域名的域名服务器返回错误（SERVFAIL、REFUSED）或不回答，所以谁都查不到它的邮件服务器。
help-dns-zone_failed-causes = 域名委派失效（注册商指向的服务器不提供这个区域）、DNSSEC 配置错误，或域名服务器宕机。
help-dns-zone_failed-fix = 域名管理员需要在注册商或 DNS 服务商处修正域名解析（委派、DNSSEC、域名服务器）。

help-dns-domain_not_found-title = 邮箱地址的域名不存在
help-dns-domain_not_found-means = DNS 说 @ 后面的部分不存在，所以找不到它的邮件服务器。
help-dns-domain_not_found-causes = 地址拼写错误、域名已过期，或域名从未注册。
help-dns-domain_not_found-fix = 检查地址的拼写；如果没有写错，需要域名所有者续费或注册该域名。

help-dns-null_mx-title = 该域名不接收邮件（null MX）
help-dns-null_mx-means = 该域名发布了“null MX”记录，明确表示不接收电子邮件。
help-dns-null_mx-causes = 该域名只用于网站，或其所有者关闭了邮件。
help-dns-null_mx-fix = 请使用其他地址；只有域名管理员才能为它开启邮件。

help-dns-host_not_found-title = 服务器名称不存在
help-dns-host_not_found-means = 某个邮件服务器的名称（手动输入的，或域名记录指向的）在 DNS 中不存在。
help-dns-host_not_found-causes = 服务器名称拼写错误，或域名的 SRV/autoconfig 记录指向一个已不存在的主机。
help-dns-host_not_found-fix = 检查邮件客户端里的服务器名称（maildoctor 会给出最接近的真实名称）；如果是域名自己的记录写错了，需要域名管理员修正。

help-dns-no_address-title = 服务器名称没有 IP 地址
help-dns-no_address-means = 该服务器名称在 DNS 中存在，但没有地址（没有 A 或 AAAA 记录），因此无法连接。
help-dns-no_address-causes = DNS 记录不完整，或这个名称本来就不是给邮件用的。
help-dns-no_address-fix = 使用服务商文档中的服务器名称；需要域名管理员补上缺少的地址记录。

help-dns-lookup_failed-title = DNS 查询失败
help-dns-lookup_failed-means = 一次 DNS 查询出错或没有及时得到回答；这并不能说明服务器本身有问题。
help-dns-lookup_failed-causes = DNS 服务器缓慢或故障、网络问题，或该域名的域名服务器出了问题。
help-dns-lookup_failed-fix = 稍后再试或换一个网络；如果一直失败，用 --resolver 指定另一个 DNS 服务器运行 maildoctor。

help-net-refused-title = 连接被拒绝
help-net-refused-means = 服务器所在的计算机回应了，但拒绝了连接：该端口上没有服务接受连接。
help-net-refused-causes = 端口或服务器名称填错、邮件服务已停止，或防火墙拒绝了连接。
help-net-refused-fix = 对照服务商的设置检查服务器名称和端口（运行 maildoctor 邮箱地址 找出可用的设置）；如果设置无误，需要服务器管理员启动服务。

help-net-timeout-title = 连接超时
help-net-timeout-means = 连接请求在规定时间内没有得到任何回应。
help-net-timeout-causes = 防火墙悄悄丢弃了连接（家里、公司或服务商那边）、服务器宕机，或服务器名称、端口填错。
help-net-timeout-fix = 换一个网络试试（例如手机热点）；检查服务器名称和端口；询问网络管理员是否封锁了邮件端口。

help-net-no_reply-title = 服务器没有及时回应
help-net-no_reply-means = 连接已建立，但服务器没有在规定时间内回应命令。
help-net-no_reply-causes = 邮件服务器过载或卡住，或途中的东西（代理、安全软件）拦住了连接。
help-net-no_reply-fix = 稍后再试；如果一直这样，需要服务器管理员检查邮件服务。

help-net-no_greeting-title = 服务器始终没有发送问候
help-net-no_greeting-means = 连接已建立，但服务器一直没有发送第一行（问候语）。
help-net-no_greeting-causes = 邮件服务卡住、该端口要求先建立 SSL/TLS，或代理接受了连接却没有转发。
help-net-no_greeting-fix = 检查加密方式是否与端口相符（993、995、465 用 SSL/TLS）；如果相符，需要服务器管理员检查邮件服务。

help-net-some_addresses_fail-title = 服务器的部分地址无法连接
help-net-some_addresses_fail-means = 服务器在它的一部分 IP 地址上可用，另一部分不可用（常见于 IPv6 与 IPv4）。
help-net-some_addresses_fail-causes = 服务器或本网络的 IPv6（或 IPv4）配置有问题。
help-net-some_addresses_fail-fix = 需要服务器管理员修复或删除不可用的地址；在此之前换一个网络可能可以用。

help-net-unreachable-title = 无法到达服务器
help-net-unreachable-means = 从本机到服务器没有可用的网络路径。
help-net-unreachable-causes = 没有连上互联网、VPN 或防火墙规则，或所在网络到不了该地址（例如只有 IPv6）。
help-net-unreachable-fix = 检查本机的网络连接，并换一个网络试试。

help-net-closed-title = 服务器关闭了连接
help-net-closed-means = 服务器（或途中的设备）在对话中途挂断了连接。
help-net-closed-causes = 加密方式与端口不符、服务器限制连接数，或安全软件、防火墙切断了连接。
help-net-closed-fix = 对照端口检查加密方式；稍后再试；如果一直这样，请询问服务器管理员。

help-protocol-mismatch-title = 应答的是另一种服务器
help-protocol-mismatch-means = 回应的邮件协议与预期的不同（例如设置的是 IMAP，回应的却是 POP3）。
help-protocol-mismatch-causes = 填了另一个协议的端口或服务器（IMAP 993、POP3 995、SMTP 465/587）。
help-protocol-mismatch-fix = 在邮件客户端中填写与所选协议对应的端口和服务器。

help-protocol-error-title = 服务器的回应不合规范
help-protocol-error-means = 服务器的回应不符合邮件协议。
help-protocol-error-causes = 该端口上不是邮件服务器、中间有代理或安全软件，或服务器本身有问题。
help-protocol-error-fix = 检查服务器名称和端口；如果没有填错，需要服务器管理员检查。

help-tls-mode_mismatch-title = 加密方式与端口不符
help-tls-mode_mismatch-means = 在要求 STARTTLS 的端口上用了 SSL/TLS，或者反过来。
help-tls-mode_mismatch-causes = 邮件客户端里的加密方式选错了：993、995、465 端口用 SSL/TLS；143、110、587 端口用 STARTTLS。
help-tls-mode_mismatch-fix = 修改加密方式（或端口），使两者相符。

help-tls-expired-title = 服务器证书已过期
help-tls-expired-means = 服务器出示的证书已过有效期，邮件客户端会拒绝连接或发出警告。
help-tls-expired-causes = 服务器管理员没有续期证书（或本机时钟不对）。
help-tls-expired-fix = 检查本机的日期和时间；否则需要服务器管理员续期证书。不要为输入密码而接受这个警告。

help-tls-not_yet_valid-title = 服务器证书尚未生效
help-tls-not_yet_valid-means = 从本机看，证书的生效日期还没到。
help-tls-not_yet_valid-causes = 本机时钟不对，或服务器过早安装了证书。
help-tls-not_yet_valid-fix = 把本机的日期和时间设置正确；如果时间没错，需要服务器管理员修正证书。

help-tls-name_mismatch-title = 证书上的名称不符
help-tls-name_mismatch-means = 服务器证书上写的名称与填写的服务器名称不一致。
help-tls-name_mismatch-causes = 填的服务器名称是别名（请使用服务商文档中的名称），或服务器管理员装错了证书。
help-tls-name_mismatch-fix = 使用证书和服务商给出的服务器名称；如果已经是这个名称，需要服务器管理员修正证书。

help-tls-self_signed-title = 证书是自签名的
help-tls-self_signed-means = 服务器证书不是由计算机信任的证书颁发机构签发的。
help-tls-self_signed-causes = 服务器使用了自己制作的证书，或有安全软件在拦截加密连接。
help-tls-self_signed-fix = 服务器管理员应安装受信任机构签发的证书（例如 Let's Encrypt）；检查本机是否有安全软件在扫描邮件连接。

help-tls-untrusted-title = 证书不受信任
help-tls-untrusted-means = 服务器证书无法追溯到本机信任的证书颁发机构。
help-tls-untrusted-causes = 私有或未知的证书颁发机构、缺少中间证书，或有安全软件在拦截加密连接。
help-tls-untrusted-fix = 服务器管理员应使用公共机构签发的证书并发送完整证书链；检查是否有安全软件在扫描邮件连接。

help-tls-invalid_certificate-title = 证书无效
help-tls-invalid_certificate-means = 服务器证书格式错误，或不允许用于这种用途。
help-tls-invalid_certificate-causes = 证书文件损坏，或证书原本是为其他用途制作的。
help-tls-invalid_certificate-fix = 需要服务器管理员安装有效的证书。

help-tls-chain_incomplete-title = 证书链不完整
help-tls-chain_incomplete-means = 服务器只发送了自己的证书而没有中间证书，部分邮件客户端因此无法验证。
help-tls-chain_incomplete-causes = 服务器只配置了证书文件，没有配置完整证书链。
help-tls-chain_incomplete-fix = 需要服务器管理员配置完整证书链（证书加中间证书）。

help-tls-expires_soon-title = 证书即将过期
help-tls-expires_soon-means = 服务器证书将在 14 天内到期。
help-tls-expires_soon-causes = 还没有续期，或自动续期出了问题。
help-tls-expires_soon-fix = 服务器管理员应在证书过期前续期。

help-tls-old_version-title = 服务器只支持旧版 TLS
help-tls-old_version-means = 服务器只提供 TLS 1.0 或 1.1，当前的邮件客户端会拒绝。
help-tls-old_version-causes = 服务器或其设置太旧。
help-tls-old_version-fix = 需要服务器管理员启用 TLS 1.2 或更新版本。

help-tls-handshake_failed-title = 无法建立加密连接
help-tls-handshake_failed-means = TLS 握手因证书以外的原因失败。
help-tls-handshake_failed-causes = 双方没有共同的加密算法、加密方式与端口不符，或途中有设备破坏了 TLS。
help-tls-handshake_failed-fix = 对照端口检查加密方式；如果没有问题，需要服务器管理员检查服务器的 TLS 设置。

help-security-no_encryption-title = 服务器不提供加密
help-security-no_encryption-means = 服务器只能在不加密的情况下使用，密码在传输途中任何人都能看到。
help-security-no_encryption-causes = 服务器没有配置 TLS。
help-security-no_encryption-fix = 不要向它发送密码；需要服务器管理员启用 TLS（SSL/TLS 或 STARTTLS）。

help-starttls-not_offered-title = 服务器不提供 STARTTLS
help-starttls-not_offered-means = 在需要通过 STARTTLS 启用加密的端口上，服务器没有提供它，密码会以明文传输。
help-starttls-not_offered-causes = 服务器没有配置 TLS，或途中有设备去掉了 STARTTLS。
help-starttls-not_offered-fix = 如果有的话，改用服务商的 SSL/TLS 端口（993、995、465）；需要服务器管理员启用 STARTTLS。

help-starttls-rejected-title = 服务器拒绝了 STARTTLS
help-starttls-rejected-means = 服务器声称支持 STARTTLS，却拒绝启动加密。
help-starttls-rejected-causes = 服务器的 TLS 配置有问题。
help-starttls-rejected-fix = 如果有的话，改用服务商的 SSL/TLS 端口；需要服务器管理员修复 TLS。

help-auth-failed-title = 用户名或密码错误
help-auth-failed-means = 服务器明确表示用户名或密码不对。
help-auth-failed-causes = 密码输错或已过时、用户名错误（通常需要完整的邮箱地址），或服务商要求应用专用密码或授权码时用了账号密码。
help-auth-failed-fix = 重新输入密码（注意大小写锁定）；用户名填完整的邮箱地址；如果服务商使用应用专用密码或授权码，请生成一个并使用它。

help-auth-protocol_disabled-title = 该账号未开启此服务
help-auth-protocol_disabled-means = 该账号不允许在邮件客户端中使用这个协议（IMAP、POP3 或 SMTP）。
help-auth-protocol_disabled-causes = 服务默认关闭（QQ、网易 163/126、新浪），或所在单位关闭了它（Microsoft 365 的 SMTP AUTH）。
help-auth-protocol_disabled-fix = 在邮箱网页版的设置中开启服务（例如“POP3/IMAP/SMTP 服务”），或联系管理员；也可以改用可用的其他协议。

help-auth-account_blocked-title = 账号被锁定或停用
help-auth-account_blocked-means = 服务器表示该账号已被锁定、暂停、冻结或停用。
help-auth-account_blocked-causes = 发现可疑活动后的安全措施、服务欠费，或管理员的决定。
help-auth-account_blocked-fix = 联系邮箱服务商或邮件管理员解锁账号；在此之前换密码也没有用。

help-auth-app_password_required-title = 需要应用专用密码或授权码
help-auth-app_password_required-means = 服务商不接受在邮件客户端中使用账号密码，要求另外的应用专用密码（授权码）。
help-auth-app_password_required-causes = 服务商的规定（开启两步验证的 Gmail、Yahoo、iCloud；QQ、网易 163/126 则一直如此），通常还需要开启相应服务。
help-auth-app_password_required-fix = 在邮箱网页版的设置中生成应用专用密码或授权码（如有提示，同时开启 IMAP/POP3/SMTP 服务），在邮件客户端中用它代替账号密码。

help-auth-oauth_required-title = 只能通过服务商的登录页登录
help-auth-oauth_required-means = 服务商关闭了邮件客户端的密码登录，只能使用 OAuth2 登录（弹出服务商的浏览器登录窗口）。
help-auth-oauth_required-causes = 微软停用了基本身份验证（Outlook.com、Microsoft 365），或所在单位的安全默认设置。
help-auth-oauth_required-fix = 使用支持 OAuth2 登录的邮件客户端（新版 Outlook、Thunderbird、Apple Mail：选择服务商登录）；或联系管理员。

help-auth-web_login_required-title = 需要先在网页上登录
help-auth-web_login_required-means = 在有人通过服务商网站登录之前，服务器拒绝邮件客户端登录（安全验证、验证码、密码过期）。
help-auth-web_login_required-causes = 服务商发现来自新地点或新设备的登录、要求修改密码，或要求验证账号。
help-auth-web_login_required-fix = 先在浏览器中登录一次服务商网站，按照安全提示操作（验证身份，如有要求则修改密码），然后再试邮件客户端。

help-auth-too_many_attempts-title = 登录或连接次数过多
help-auth-too_many_attempts-means = 短时间内登录尝试或连接太多，服务器拒绝了。
help-auth-too_many_attempts-causes = 其他设备或程序保存了错误的密码并不断重试，或同时有太多程序在收信。
help-auth-too_many_attempts-fix = 停止所有查收这个账号的设备和程序，在保存密码的地方改正密码，等一段时间（通常 15 分钟到 1 小时）后再试一次。

help-auth-temporary-title = 服务器临时故障
help-auth-temporary-means = 服务器因自身的临时问题拒绝了登录。
help-auth-temporary-causes = 服务商在维护、负载过高或出现短暂故障。
help-auth-temporary-fix = 稍后再试；如果一直这样，查看服务商的状态页面或联系服务商。

help-auth-rejected-title = 登录被拒绝，原因不明
help-auth-rejected-means = 服务器拒绝了登录，但其回复没有说明原因：密码错误只是其中一种可能。
help-auth-rejected-causes = 密码或用户名错误、需要应用专用密码或授权码、服务未开启，或被安全机制拦截。
help-auth-rejected-fix = 检查用户名（完整邮箱地址）和密码；在邮箱网页版设置中确认是否需要开启服务并使用应用专用密码或授权码；运行 maildoctor 邮箱地址 --login 了解更多。

help-auth-no_mechanism-title = 服务器不提供密码登录
help-auth-no_mechanism-means = 服务器在这里没有提供任何使用密码的登录方式（例如只支持 OAuth2）。
help-auth-no_mechanism-causes = 服务商只允许 OAuth2，或只在加密后、在其他端口上才允许密码登录。
help-auth-no_mechanism-fix = 使用支持服务商登录方式（OAuth2）的邮件客户端，或使用服务商文档中的端口和加密方式。

help-auth-username_format-title = 服务器要求另一种用户名格式
help-auth-username_format-means = 服务器只接受地址中 @ 前面的部分作为用户名（或与尝试的不同格式）。
help-auth-username_format-causes = 服务器自己的用户名规则。
help-auth-username_format-fix = 按照 maildoctor 发现可用的格式填写用户名。

help-auth-incomplete-title = 登录没能完成
help-auth-incomplete-means = 登录过程中连接断开，因此对账号一无所知。
help-auth-incomplete-causes = 网络问题、服务器挂断连接，或中间有安全软件。
help-auth-incomplete-fix = 再试一次，最好换一个网络。

help-auth-login_withheld-title = 没有发送密码
help-auth-login_withheld-means = maildoctor 有意没有把密码发送给该服务器，因此账号没有经过测试。
help-auth-login_withheld-causes = 该服务器只是猜测的、不属于地址的域名和服务商、不加密，或是 25 端口。
help-auth-login_withheld-fix = 确认该服务器确实属于服务商；如果是，加 --allow-untrusted-host 再运行（不加密的服务器绝不可以）。

help-srv-not_offered-title = 域名声明不提供某项服务
help-srv-not_offered-means = 该域名的 SRV 记录明确表示不提供某项邮件服务（例如 POP3）。
help-srv-not_offered-causes = 域名所有者的选择。
help-srv-not_offered-fix = 使用域名提供的服务（通常是 IMAP）。

help-check-wrong_port-title = 端口属于另一个协议
help-check-wrong_port-means = 填写的端口是另一个协议的常用端口（例如为 IMAP 填了 POP3 的 995）。
help-check-wrong_port-causes = 设置账号时把端口弄混了。
help-check-wrong_port-fix = 使用 IMAP 993、POP3 995、SMTP 465 或 587（或服务商文档中的端口）。

help-check-port_25-title = 25 端口是给服务器用的
help-check-port_25-means = 发件填了 25 端口：它用于服务器之间转发邮件，对个人用户常被封锁。
help-check-port_25-causes = 旧的设置或猜测。
help-check-port_25-fix = 发件使用 465 端口（SSL/TLS）或 587 端口（STARTTLS）。

help-check-wrong_host-title = 服务器属于另一个协议
help-check-wrong_host-means = 填写的服务器是另一个协议的服务器（例如把 IMAP 服务器填成了 POP3 服务器）。
help-check-wrong_host-causes = 设置账号时把服务器弄混了。
help-check-wrong_host-fix = 填写与协议对应的服务器。

help-check-wrong_protocol-title = 填写的服务器上应答的是另一个协议
help-check-wrong_protocol-means = 填写的服务器和端口用与所选不同的协议应答。
help-check-wrong_protocol-causes = 邮件客户端中选择的协议、端口或服务器不一致。
help-check-wrong_protocol-fix = 选择与服务器和端口相符的协议，或改成所选协议对应的服务器和端口。

help-settings-no_incoming-title = 没有可用的收件服务器
help-settings-no_incoming-means = 找到的 IMAP 或 POP3 服务器都无法使用。
help-settings-no_incoming-causes = 上面的各项诊断分别说明了原因（网络、DNS、证书）。
help-settings-no_incoming-fix = 先解决上面的第一项问题，或向服务商索取收件服务器设置。

help-settings-no_outgoing-title = 没有可用的发件服务器
help-settings-no_outgoing-means = 找到的 SMTP 服务器都无法使用。
help-settings-no_outgoing-causes = 上面的各项诊断分别说明了原因；25 端口常被网络运营商封锁。
help-settings-no_outgoing-fix = 先解决上面的第一项问题，或向服务商索取发件服务器设置（465 或 587 端口）。

help-settings-no_imap-title = 服务商不提供 IMAP
help-settings-no_imap-means = 该服务商不为邮件客户端提供 IMAP。
help-settings-no_imap-causes = 服务商的选择（例如 Tuta、HEY 使用自己的应用）。
help-settings-no_imap-fix = 使用服务商自己的应用，或在可用时使用 POP3。

help-source-disagreement-title = 公开的设置相互矛盾
help-source-disagreement-means = 该域名公开的来源（SRV、autoconfig、Autodiscover）给出了不同的服务器。
help-source-disagreement-causes = 更换服务商后遗留的旧记录。
help-source-disagreement-fix = 使用 maildoctor 验证过的设置；域名管理员应删除过时的记录。

help-source-plaintext_advertised-title = 有来源推荐了不加密的服务器
help-source-plaintext_advertised-means = 某个公开来源推荐了不加密的服务器。
help-source-plaintext_advertised-causes = 配置文件或记录已过时。
help-source-plaintext_advertised-fix = 改用加密的设置；域名管理员应更新该来源。

help-source-plain_http-title = 某项设置只来自未加密的网页
help-source-plain_http-means = 某项设置只在通过明文 HTTP 获取的 autoconfig 文件中找到，途中任何人都可能篡改。
help-source-plain_http-causes = 该域名没有通过 HTTPS 发布 autoconfig 文件。
help-source-plain_http-fix = 使用前对照服务商文档核对该设置；域名管理员应通过 HTTPS 发布。

help-source-other_domain-title = 服务器在另一个域名下
help-source-other_domain-means = 显示的某个服务器属于与邮箱地址不同的域名，托管邮箱常见如此，但值得核实。
help-source-other_domain-causes = 邮件由服务商以自己的域名托管（例如 Microsoft 365、Google Workspace、腾讯企业邮）。
help-source-other_domain-fix = 输入密码前确认该域名确实是这个邮箱的服务商。

help-source-guess_only-title = 某项设置只是猜测的
help-source-guess_only-means = 某个方向的最佳设置是通过尝试常见服务器名称得到的，而不是来自公开来源。
help-source-guess_only-causes = 该域名没有发布任何设置（没有 SRV、autoconfig 或 Autodiscover），服务商数据库里也没有。
help-source-guess_only-fix = 依赖该设置之前先向服务商确认。

help-run-interrupted-title = 检查被中断
help-run-interrupted-means = maildoctor 在完成之前被停止；报告不完整。
help-run-interrupted-causes = 按了 Ctrl-C 或收到信号。
help-run-interrupted-fix = 重新运行并让它完成。

help-run-local_resources-title = 本机资源不足
help-run-local_resources-means = 本机的文件描述符或套接字用完了，部分检查无法进行；这与服务器无关。
help-run-local_resources-causes = 打开文件数限制太低，或同时进行的检查太多。
help-run-local_resources-fix = 提高打开文件数限制（ulimit -n）或减小 --jobs，然后重新运行。

help-run-offline-title = 没有通过网络检查
help-run-offline-means = 使用 --offline 时，maildoctor 只显示服务商数据库中的信息，不做检查。
help-run-offline-causes = 使用了 --offline。
help-run-offline-fix = 去掉 --offline 运行以检查服务器。
