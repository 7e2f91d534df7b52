# 报告的文字（zh-CN）：表格、设置卡片、Markdown 和 HTML 报告。

report-colon = ：
report-source-you-check = 您输入的（--check）
report-source-provider-database = 服务商数据库
report-source-guess = 猜测
report-source-autoconfig-plain-http = autoconfig（明文 HTTP）
report-source-autoconfig-via-mx = autoconfig（经 MX）
report-source-status-found = 找到
report-source-status-nothing = 无结果
report-source-status-does-not-exist = 不存在
report-source-status-failed = 失败
report-source-status-timed-out = 超时
report-source-status-skipped = 跳过
report-source-status-unusable-answer = 应答无法使用
report-actor-you = 您
report-actor-helpdesk = 服务台
report-actor-mail-provider = 邮箱服务商
report-actor-server-admin = 服务器管理员
report-actor-domain-admin = 域名管理员
report-actor-network = 网络
report-actor-this-computer = 本机
report-checked-yes = 服务器可连接
report-checked-no = 未验证
report-login-ok = 成功
report-login-failed = 失败
report-login-not-tested = 未检查
report-login-withheld = 未发送密码
report-password-account = 密码栏：填写邮箱密码。
report-password-app = 密码栏：填写在账号安全设置中生成的应用专用密码，不是邮箱登录密码。
report-password-authorization-code = 密码栏：填写开启服务时生成的授权码，不是邮箱登录密码。
report-password-oauth2 = 密码栏：不需要填写；该服务商只支持 OAuth2 登录（请在支持 OAuth2 的邮件客户端中选择 OAuth2）。
report-step-col-dns = 解析
report-step-col-tcp = 连接
report-step-col-greeting = 欢迎信息
report-step-col-capabilities = 功能
report-step-col-caps-after-tls = 加密后功能
report-step-col-login-methods = 登录方式
report-step-col-login = 登录
report-failure-no-such-name = 域名不存在
report-failure-no-address = 没有 IP 地址
report-failure-dns-failed = 解析失败
report-failure-dns-timeout = 解析超时
report-failure-refused = 拒绝连接
report-failure-timeout = 超时
report-failure-unreachable = 网络不通
report-failure-closed = 连接被断开
report-failure-bad-reply = 应答异常
report-failure-wrong-protocol = 协议不对
report-failure-plaintext-port = 明文端口
report-failure-ssl-tls-port = SSL/TLS 端口
report-failure-expired = 证书已过期
report-failure-not-yet-valid = 证书未生效
report-failure-name-mismatch = 证书域名不符
report-failure-self-signed = 自签名证书
report-failure-untrusted = 证书不受信任
report-failure-bad-certificate = 证书无效
report-failure-handshake-failed = 握手失败
report-failure-not-offered = 不支持
report-failure-rejected = 被拒绝
report-failure-silent = 无欢迎信息
report-failure-chain-incomplete = 证书链不完整
report-failure-tls-too-old = TLS 版本过旧
report-failure-wrong-user-password = 用户名或密码错误
report-failure-service-off = 服务未开启
report-failure-account-blocked = 账号受限
report-failure-app-password-needed = 需要授权码
report-failure-oauth2-only = 仅支持 OAuth2
report-failure-web-login-needed = 需网页验证
report-failure-too-many-attempts = 尝试过多
report-failure-temporary-failure = 临时故障
report-failure-auth-rejected = 被拒绝
report-failure-no-password-login = 不支持密码登录
report-failure-interrupted = 已中断
report-failure-out-of-sockets-here = 本机套接字用完
report-account-label = 账号：
report-provider-label = 邮箱服务商：
report-settings-to-use = 推荐设置
report-none-found = （没有找到）
report-list-separator = 、
report-protocol = 协议
report-col-server = 服务器地址
report-port = 端口
report-security = 加密方式
report-col-username = 用户名
report-checked = 检查
report-found-by = 来源
report-recommended-note = ★ 为推荐设置，请优先使用；其他行为备选。
report-colon-login = ：登录
report-smtp-auth-note = 发件服务器（SMTP）需要身份验证：请勾选“我的发件服务器要求身份验证”，用户名和密码与收件服务器相同。
report-note-prefix = 提示：
report-what-you-typed = 您输入的设置
report-works-yes = 可以使用
report-works-no = 不能用
report-setting = 设置
report-works = 是否可用
report-findings = 发现的问题
report-troubleshooting = 问题诊断
report-no-problems-found = 没有发现问题。
report-severity = 级别
report-problem = 问题
report-who-acts = 由谁处理
report-cause = 原因
report-fix = 解决办法
report-where = 涉及
report-servers-checked = 服务器检测明细
report-col-probe-server = 服务器
report-address = IP 地址
report-details = 详情
report-sources-tried = 查询过的来源
report-source = 来源
report-query = 查询内容
report-outcome = 结果
report-candidates = 候选数
report-time = 耗时
report-ms = 毫秒
report-provider = 邮箱服务商
report-account = 账号
report-settings-card = 设置卡片
report-all-settings-found = 找到的全部设置
report-direction = 方向
report-checked-login = 检查 / 登录
report-recommended = 推荐
report-note = 提示
report-problems-and-fixes = 问题和解决办法
report-the-server-said = 服务器原话
report-servers-checked-step-by-step = 服务器逐步检测明细
report-certificate = 证书
report-transcript = 会话记录
report-endpoint-works = ✓ 可以连接
report-tls = TLS
report-certificate-verified = 证书验证
report-subject = 主体
report-issuer = 颁发者
report-names = 域名
report-valid = 有效期
report-self-signed = 自签名
report-yes = 是
report-no-address = （没有地址）
card-no-ssl = 不勾选 SSL
card-off = 关
card-on = 开
card-none = 无
card-not-verified = （未验证）
card-no-authentication = 无需验证
card-normal-password = 普通密码
card-username-tb = 用户名
card-username-outlook = 用户名

report-failure-other-protocol = { $protocol } 应答
report-verdict-works = 可以使用：设置已验证，登录成功
report-verdict-reachable-withheld = 服务器可以连接，但没有检查账号（密码没有发送出去，见下方 { $code }）
report-verdict-reachable-no-password = 服务器可以连接，但没有检查账号（没有提供密码，加 --login 可检查登录）
report-verdict-reachable-not-tested = 服务器可以连接，但没有在这些设置上检查账号
report-verdict-partial-typed-fails = 部分可用：有可用的收件和发件设置，但您输入的设置不能用（见下方）
report-verdict-partial-other = 部分可用：有可用的收件和发件设置，但有其他问题（见下方）
report-verdict-broken-login = 无法使用：服务器可以连接，但登录失败（见下方）
report-verdict-broken = 无法使用：发现 { $errors } 个问题（见下方）
report-verdict-unverified = 无法验证：从本机什么都检查不了，下面的设置未经验证
report-provider-from-mx = { $name }（根据 MX 记录 { $mx } 识别）
report-provider-from-database = { $name }（来自服务商数据库）
report-summary = 已检查 { $servers } 个服务器，查询了 { $sources } 个来源；加 --verbose 可查看详情。
report-finished = 用时 { $ms } 毫秒。
report-block-incoming-recommended = ★ 收件（推荐使用）
report-block-outgoing-recommended = ★ 发件（推荐使用）
report-block-incoming-alternative = 收件（备选）
report-block-outgoing-alternative = 发件（备选）
report-transcript-title = 会话记录：{ $endpoint }，地址 { $address }
report-transcript-tls-verified = -- TLS 握手完成，证书已验证
report-source-outcome = { $status }：{ $detail }
report-cert-expired-days-ago = 证书已过期 { $days } 天
report-cert-days-left = 证书还剩 { $days } 天
report-login-result = 登录{ $verdict }（{ $mechanism }，用户名 { $user }）
report-login-refused = 被拒绝：{ $message }
report-login-not-possible = 登录无法进行：{ $message }
report-login-not-tried-because = 登录未尝试：{ $reason }
report-login-not-tried = 登录未尝试
report-footer = maildoctor { $version } · { $generated } · 用时 { $ms } 毫秒
report-step-skipped-because = 跳过：{ $reason }
report-step-skipped = 跳过
report-cert-verified-yes = 通过
report-cert-verified-no = 未通过
report-expired-days-ago = 已过期 { $days } 天
report-days-left = 还剩 { $days } 天
card-client-apple-mail = 苹果邮件（Apple Mail）
card-client-android = 安卓邮件
card-verdict-works = 可以使用，登录成功
card-verdict-reachable = 服务器可以连接，账号未检查
card-verdict-partial = 部分可用，另有问题
card-verdict-broken = 目前无法使用
card-verdict-unverified = 无法验证
card-incoming-none-found = 收件服务器：没有找到
card-outgoing-none-found = 发件服务器：没有找到
card-outgoing-username = 发件服务器用户名填 { $name }
card-password-account = 密码填邮箱密码
card-password-app = 密码填应用专用密码（在账号安全设置中生成，不是邮箱登录密码）
card-password-authorization-code-from = 密码填授权码（在{ $provider }设置中生成，不是邮箱登录密码）
card-password-authorization-code = 密码填授权码（不是邮箱登录密码）
card-password-oauth2 = 密码不用填，选择 OAuth2 登录（该服务商不接受密码）
card-smtp-auth-generic = 发件服务器需要身份验证：用户名和密码与收件服务器相同
card-smtp-auth-outlook = 勾选“我的发送服务器(SMTP)要求验证”（使用与接收邮件服务器相同的设置）
card-smtp-auth-foxmail = 勾选“我的发送服务器(SMTP)要求身份验证”
card-smtp-auth-apple-mail = 发件服务器：鉴定方式“密码”，用户名和密码与收件服务器相同
card-smtp-auth-android = 要求登录：开

card-title = { $kind ->
    [generic] { $address } 的邮箱设置（{ $verdict }）：
    [apple-mail] { $address } 在{ $client }中的设置（{ $verdict }）：
    [android] { $address } 在{ $client }中的设置（{ $verdict }）：
   *[other] { $address } 在 { $client } 中的设置（{ $verdict }）：
}
card-username = { $full ->
    [yes] { $label }填完整邮箱地址 { $name }
   *[no] { $label }填 { $name }
}
card-server-generic = { $direction ->
    [incoming] 收件服务器（{ $protocol }）：{ $host }／端口 { $port }／{ $security }
   *[outgoing] 发件服务器（{ $protocol }）：{ $host }／端口 { $port }／{ $security }
}
card-server-outlook = { $direction ->
    [incoming] 帐户类型 { $protocol }；接收邮件服务器：{ $host }，端口 { $port }，加密连接类型：{ $security }
   *[outgoing] 发送邮件服务器(SMTP)：{ $host }，端口 { $port }，加密连接类型：{ $security }
}
card-server-foxmail = { $direction ->
    [incoming] 接收服务器类型 { $protocol }；接收邮件服务器 { $host }／端口 { $port }／{ $security }
   *[outgoing] 发送邮件服务器 { $host }／端口 { $port }／{ $security }
}
card-server-thunderbird = { $direction ->
    [incoming] 收件服务器：{ $protocol }，主机名：{ $host }，端口：{ $port }，连接安全：{ $security }，验证方式：{ $auth }
   *[outgoing] 发件服务器：SMTP，主机名：{ $host }，端口：{ $port }，连接安全：{ $security }，验证方式：{ $auth }
}
card-server-apple-mail = { $direction ->
    [incoming] { $protocol } 账户；收件服务器：主机名 { $host }，端口 { $port }，使用 TLS/SSL：{ $security }
   *[outgoing] 发件服务器（SMTP）：主机名 { $host }，端口 { $port }，使用 TLS/SSL：{ $security }
}
card-server-android = { $direction ->
    [incoming] 帐号类型 { $protocol }；接收服务器设置：服务器 { $host }，端口 { $port }，安全类型 { $security }
   *[outgoing] 外发服务器设置：SMTP 服务器 { $host }，端口 { $port }，安全类型 { $security }
}
