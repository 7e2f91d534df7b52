# 分析的文字（zh-CN）：每个发现的原因和解决办法、设置的登录状态（src/analyze/）。
# 变量的含义见 locales/en/analysis.ftl。用语按国内邮箱客服的写法：服务器地址、端口、加密方式、
# 授权码、开启 POP3/IMAP/SMTP 服务。

## 句子的组成部分

analysis-with-note = { $text }（{ $note }）
analysis-clause-separator = ；
analysis-setting = { $protocol } 服务器 { $host }，端口 { $port }，加密方式 { $sec }
analysis-meanwhile = 目前可用的设置：{ $setting }。
analysis-step = { $step ->
    [resolve] { step-resolve }
    [connect] { step-connect }
    [tls_handshake] { step-tls-handshake }
    [greeting] { step-greeting }
    [capabilities] { step-capabilities }
    [starttls] { step-starttls }
    [capabilities_after_tls] { step-capabilities-after-tls }
    [auth_mechs] { step-auth-mechs }
    [login] { step-login }
   *[other] { $step }
}
analysis-resolver-this-computer = 本机的 DNS 服务器
analysis-resolver-named = DNS 服务器 { $list }
analysis-protocol-mode = { $security ->
    [tls] SSL/TLS 方式的 { $protocol }
   *[other] STARTTLS 方式的 { $protocol }
}
analysis-other-reply = { $protocol } 返回：“{ $reply }”

## DNS 服务器、域名、离线（words.rs）

cause-dns-resolver-suspect-known-domain-provider = { $resolver } 说 { $domain } 不存在，但 { $domain } 是知名的邮箱域名（{ $provider }）：是 DNS 服务器（或网络：需要登录的 Wi-Fi、VPN、过滤 DNS）给出了错误的应答，所以从这里什么也检查不了。
cause-dns-resolver-suspect-known-domain = { $resolver } 说 { $domain } 不存在，但 { $domain } 是知名的邮箱域名：是 DNS 服务器（或网络：需要登录的 Wi-Fi、VPN、过滤 DNS）给出了错误的应答，所以从这里什么也检查不了。
cause-dns-resolver-suspect-everywhere = { $resolver } 说查询的每个域名都不存在（{ $domain } 和其他域名的服务器都一样）：是 DNS 服务器（或需要登录的 Wi-Fi、VPN、过滤 DNS）给出了错误的应答，所以从这里什么也检查不了。
cause-dns-resolver-suspect-canary = { $resolver } 说 { $domain } 不存在，但它连一定存在的 { $canary } 也说不存在：是 DNS 服务器（或需要登录的 Wi-Fi、VPN、过滤 DNS）给出了错误的应答，所以从这里无法确认 { $domain } 是否存在。
cause-dns-resolver-suspect-timeout = { $resolver } 完全没有应答：本机没有联网，或 DNS 服务器连不上，所以从这里什么也检查不了。
cause-dns-resolver-suspect-failed = 通过 { $resolver } 的所有 DNS 查询都失败了（{ $domain } 和其他域名都一样）：DNS 服务器有故障或连不上，所以从这里什么也检查不了。
fix-dns-resolver-suspect = 请检查本机的网络连接（登录酒店或访客 Wi-Fi 的认证页面、断开 VPN），或换一个 DNS 服务器，例如 maildoctor --resolver 223.5.5.5 或 --resolver 1.1.1.1；下面显示的设置来自服务商数据库等来源，尚未验证。

cause-run-offline-known = 离线模式（--offline）：没有通过网络做任何检查；下面的设置来自内置的服务商数据库。
fix-run-offline-known = 去掉 --offline 重新运行 maildoctor，即可从本机验证这些设置。
cause-run-offline-unknown = 离线模式（--offline）：没有通过网络做任何检查，内置的服务商数据库里也没有这个域名。
fix-run-offline-unknown = 去掉 --offline 重新运行 maildoctor 以查找并检查设置，或向邮箱服务商索取设置。

cause-net-offline = 本机连不上这 { $count } 台服务器中的任何一台：没有通往它们的网络路由，所以从这里什么也检查不了。
fix-net-offline = 请检查本机的网络连接（网线、Wi-Fi、VPN）后重新运行 maildoctor；下面显示的设置尚未验证。

cause-dns-zone-failed = { $domain } 的域名服务器没有正常应答（通过 { $resolver } 查询得到 { $reason }）：它的 DNS 服务器宕机或配置错误（例如授权错误或 DNSSEC 故障），邮件客户端查不到它的邮件服务器。
fix-dns-zone-failed = 需要 { $domain } 的管理员修好域名解析（在注册商处核对 NS 记录，并确认每台域名服务器都能应答这个域名）。如果本机查询其他域名也失败，那就是本机 DNS 的问题：请用 --resolver 换一个 DNS 服务器。

cause-dns-domain-not-found = 域名 { $domain } 不存在（DNS 返回 NXDOMAIN），所以找不到它的邮件服务器。
fix-dns-domain-not-found = 请检查邮箱地址 @ 后面的部分有没有拼错；如果没有拼错，说明这个域名已过期或从未注册。
cause-dns-null-mx = 域名 { $domain } 发布了“空 MX”记录，声明不接收任何邮件（RFC 7505）。
fix-dns-null-mx = 这个地址收不到邮件；请核对邮箱地址，或向域名所有者确认应该用哪个地址。

## 用户填写的设置（words.rs）

typed-fact-host-of = 这是 { $other } 服务器（{ $host }），不是 { $protocol } 服务器
typed-fact-answered = { $port } 端口上应答的是 { $other } 服务器
typed-fact-port-of = { $port } 端口是 { $belongs } 的端口
typed-fact-mode = { $port } 端口要求 { $right ->
        [tls] SSL/TLS
        [starttls] STARTTLS
       *[none] 不加密
    }，却选择了 { $chosen ->
        [tls] SSL/TLS
        [starttls] STARTTLS
       *[none] 不加密
    }
typed-fact-port-25 = 25 端口是邮件服务器之间互相投递用的：很多网络会封锁它，很多服务商也不允许在这里登录
cause-typed-wrong = 您填写的 { $protocol } 设置（{ $host }:{ $port }）有误：{ $facts }。
fix-typed-port-25 = 在邮件客户端里发信，请使用 465 端口（SSL/TLS）或 587 端口（STARTTLS）。
fix-typed-use = { $protocol } 请使用：{ $setting }。
fix-typed-standard = { $protocol } 请使用邮箱服务商说明中的 { $protocol } 服务器，端口 { $port }（{ $security ->
        [tls] SSL/TLS
        [starttls] STARTTLS
       *[none] 不加密
    }）。

## 服务器（words.rs）

cause-security-no-tls-on-host = { $host } 的所有端口都不加密：{ $ports } 只能明文连接（不支持 STARTTLS）{ $closed }。在这里输入的密码会以明文在网络上传输，途中任何人都能看到；maildoctor 不会向这里发送密码。
analysis-closed-tls = ，SSL/TLS { $ports } 也没有应答
fix-security-no-tls-on-host = 需要服务器管理员启用 TLS 加密（在这些端口上支持 STARTTLS，或开放 993/995/465 的 SSL/TLS）。在此之前，请不要在这台服务器上使用真实密码。

cause-record-no-address = 该域名自己的记录 { $record } 指向 { $host }，但这个名字没有 IP 地址（没有 A/AAAA 记录）。
cause-record-not-found = 该域名自己的记录 { $record } 指向 { $host }，但这个名字在 DNS 中不存在。
fix-record-points-nowhere = 需要域名管理员修正 { $record }，或者创建 { $host }；邮件客户端里不需要改什么。{ $alt }

cause-net-refused-every-port = { $at } 拒绝了所有尝试的邮件端口（{ $ports }）的连接：这台服务器上的邮件服务没有运行，或者它根本不是邮件服务器。
fix-net-refused-every-port = 请确认服务器地址没有填错；如果没错，需要服务器管理员启动邮件服务（IMAP/POP3/SMTP）。{ $alt }
cause-net-refused-ports = { $at } 的{ $phrase } 拒绝连接：这些服务在该服务器上没有开启。
fix-net-refused-ports = 如果应该提供这些服务，需要服务器管理员开启。{ $alt }
cause-net-timeout-ports = { $at } 的{ $phrase } 没有任何应答：防火墙丢弃了连接（常见是运营商、酒店或公司网络封锁了邮件端口），或者服务器已宕机。
fix-net-timeout-ports = 请换一个网络试试（例如手机热点）；如果换网络后正常，请让当前网络的管理员放行这些端口。{ $alt }
cause-net-no-greeting-ports = { $at } 的{ $phrase } 能连上，但始终不发送欢迎信息：邮件服务卡死或过载，或这些端口被其他程序占用。
fix-net-no-greeting-ports = 需要服务器管理员重启或修复邮件服务。{ $alt }
cause-net-closed-ports = { $at } 的{ $phrase } 能连上，但随后不再应答或断开连接：邮件服务过载或限制了连接数。
fix-net-closed-ports = 请稍后再试；如果一直这样，需要服务器管理员检查邮件服务。{ $alt }

## 账号（words.rs）

cause-auth-protocol-off = { $off } 登录被拒绝，但同一个用户名和密码刚刚在 { $ok } 上登录成功：密码是对的，是该账号的 { $off } 服务被关闭（或受限）。服务器返回：“{ $reply }”
fix-auth-protocol-off-use = 请使用 { $instead }，刚刚验证可以登录。如果也要用 { $off }，请在网页版邮箱的设置中开启，或联系邮箱管理员。
fix-auth-protocol-off-enable = 请在网页版邮箱的设置中开启 { $off }，或请邮箱管理员为该账号开通。
cause-auth-same-on-protocols = { $list } 的原因相同：{ $cause }{ $more }

withheld-reason-plaintext = 连接没有加密
withheld-reason-port-25 = 25 端口不用于登录
withheld-reason-guessed = 这台服务器只是猜测出来的，没有任何来源提到它
withheld-reason-other-domain = 这台服务器不在 { $domain } 域名下，也不是已知服务商的服务器，可能是冒充的
cause-auth-login-withheld = 没有把密码发送到 { $list }，因为{ $reason }：账号本身没有经过检查，不知道密码是否正确。
fix-auth-login-withheld-untrusted = 如果您确认这台服务器可信（确实是您的邮箱服务商的），请加上 --allow-untrusted-host 重新运行，以检查在那里能否登录。
fix-auth-login-withheld-encrypted = 请使用加密的设置（SSL/TLS 或 STARTTLS，发信用 465 或 587 端口）来检查登录。

cause-settings-no-imap = { $provider } 不提供 IMAP 服务（服务商数据库中有记录），邮件客户端无法通过 IMAP 收信，不必再去找或填写 IMAP 服务器地址。
fix-settings-no-imap-pop3 = 请使用下面显示的 POP3 设置，或使用服务商自己的 App。
fix-settings-no-imap = 请使用 { $provider } 自己的 App 或网页版收发邮件。如果一定要用邮件客户端，请向 { $provider } 咨询有没有其他接入方式（例如付费套餐或桥接程序），或者把邮件转发到支持 IMAP 的邮箱。

## 登录（text.rs）

analysis-server-said = 服务器返回：“{ $msg }”
cause-auth-failed = { $hp } 提示用户名 { $user } 或密码错误。{ $said }
fix-auth-failed = 请核对密码（和用户名）；如果邮箱要求使用授权码或应用专用密码，请在密码栏填写授权码，而不是邮箱登录密码。
cause-auth-protocol-disabled = 该账号没有开启 { $protocol } 服务（{ $hp }）。{ $said }
fix-auth-protocol-disabled = 请登录网页版邮箱，在“设置”中开启 { $protocol } 服务（如“POP3/IMAP/SMTP 服务”），或改用 IMAP。
cause-auth-account-blocked = { $hp } 提示该账号已被锁定、冻结或停用。{ $said }
fix-auth-account-blocked = 请联系邮箱服务商（或邮件管理员）解除锁定；在此之前更换密码也无法登录。
cause-auth-web-login-required = { $hp } 暂时禁止该账号在客户端登录，需要先在网页上登录并完成验证（安全验证、验证码或密码过期）。{ $said }
fix-auth-web-login-required = 请先用浏览器登录网页版邮箱，按提示完成安全验证（如要求修改密码请先修改），然后再试。
cause-auth-oauth-required = { $hp } 已关闭 { $protocol } 的密码（基本）认证，只能用 OAuth2 登录。{ $said }
fix-auth-oauth-required = 请使用支持 OAuth2 登录的邮件客户端（“使用 Microsoft/Google 账号登录”）；企业邮箱是否允许密码登录由管理员决定。
cause-auth-too-many-attempts = { $hp } 因登录尝试或连接次数过多，暂时拒绝登录。{ $said }
fix-auth-too-many-attempts = 请先关闭所有使用该账号的邮件客户端和设备（保存了错误密码的设备会不断重试），等待一段时间后用正确的密码再试一次。
cause-auth-temporary = { $hp } 因服务器临时故障无法验证登录。{ $said }
fix-auth-temporary = 请稍后再试；如果一直如此，是邮箱服务商或管理员的登录服务出了问题。
cause-auth-app-password-required = { $hp } 的 { $protocol } 不接受邮箱登录密码，需要使用授权码（或应用专用密码、OAuth2 登录）。{ $said }
fix-auth-app-password-required = 请在网页版邮箱的“账户安全”设置中生成授权码，在客户端的密码栏填写授权码；微软账号请使用支持 OAuth2 登录的邮件客户端。
cause-auth-no-mechanism-none = { $hp } 在这个端口不支持密码登录。
cause-auth-no-mechanism = { $hp } 不支持密码登录，只支持：{ $offered }。
fix-auth-no-mechanism-oauth = 请使用支持 OAuth2 登录的邮件客户端（服务商在这里不接受密码）。
fix-auth-no-mechanism = 请使用邮箱服务商说明中用于登录的 { $protocol } 端口。
cause-auth-rejected = { $hp } 拒绝了登录，但没有说明原因；从返回内容看不出是密码错误。{ $said }
fix-auth-rejected = 可能的原因：密码错误、需要使用授权码或应用专用密码、该账号没有开启此服务、账号被限制，或必须先建立加密连接。请在网页版邮箱的设置中逐项检查；都不是的话请联系邮箱服务商。
cause-auth-incomplete = 在 { $hp } 上登录没有完成：{ $msg }
fix-auth-incomplete = 请稍后再试；登录过程被服务器或网络中断了。

likely-name-app-password-required = 需要使用授权码（应用专用密码），而不是邮箱登录密码
likely-name-protocol-disabled = 该账号（或企业租户）没有开启此服务
likely-name-oauth-required = 已关闭密码登录，只能用 OAuth2 登录
likely-name-web-login-required = 需要先在网页上登录或完成安全验证
likely-name-failed = 用户名或密码错误
likely-name-other = 该账号不能这样登录
cause-auth-likely = { $plain }在{ $provider }，这个回复最常见的原因是{ $likely }；其次是{ $other }。
fix-auth-likely = 最可能的解决办法：{ $likely } 其次：{ $plain }

cause-auth-username-format = { $hp } 不接受用户名 { $settings_user }，但用同一个密码以 { $user } 登录成功。
fix-auth-username-format = { $protocol } 的用户名请填写 { $user }。

## 证书和 TLS（text.rs）

cause-tls-expires-soon = { $on }的证书将于 { $date } 过期（还剩 { $days } 天）。
fix-tls-expires-soon = 请服务器管理员尽快更新证书；过期后邮件客户端将无法连接。
cause-tls-old-version-used = { $hp } 使用的 { $version } 已经过时，不安全（RFC 8996）。
fix-tls-old-version-used = 请服务器管理员启用 TLS 1.2 或 1.3；很多邮件客户端已不支持更旧的版本。

cause-security-no-encryption = { $hp } 只能不加密连接：密码和邮件内容会以明文在网络上传输，途中任何人都能看到。maildoctor 不会向这里发送密码。
fix-security-no-encryption-alternative = 请改用上面列出的加密的 { $protocol } 设置。
fix-security-no-encryption = 请向邮箱服务商索取 SSL/TLS（端口 { $port }）或 STARTTLS 的设置；不要在这个设置里使用真实密码。

## 单个设置（text.rs）

cause-net-refused = { $hp } 拒绝连接：这台服务器没有开启 { $protocol } 服务，或者 { $protocol } 不在这个端口。
fix-net-refused-use = 请改用 { $setting }。
fix-net-refused = 请核对端口号，并向邮箱服务商确认是否提供 { $protocol } 服务、端口是多少。
cause-net-timeout = 连接 { $hp } 超时（可能被防火墙拦截）：所在网络（运营商、酒店或公司网络）可能封锁了邮件端口，也可能是服务器宕机。
fix-net-timeout = 请换个网络再试（例如手机热点），或请网络管理员放行 { $port } 端口。{ $alt }
cause-net-no-reply = { $hp } 接受了连接，但没有及时响应（卡在“{ $step }”这一步）。
fix-net-no-reply = 服务器繁忙或配置有误；请稍后再试，或联系邮箱服务商。{ $alt }
cause-net-unreachable = 无法访问 { $hp }：网络不通，没有到达该服务器的路由。
fix-net-unreachable = 请检查本机的网络连接。{ $alt }
cause-net-closed = { $hp } 在“{ $step }”这一步直接断开了连接，没有说明原因。
fix-net-closed = 服务器可能限制了连接数，或屏蔽了当前网络；请稍后再试。{ $alt }
cause-protocol-error = { $hp } 有响应，但不是正常的 { $protocol } 服务器应答：{ $msg }
fix-protocol-error = 请确认这个服务器地址和端口确实是 { $protocol } 用的。{ $alt }
cause-protocol-mismatch = { $hp } 这是 { $actual } 服务器，不是 { $protocol } 服务器。
cause-protocol-mismatch-unknown = { $hp } 不是 { $protocol } 服务器，应答的是 其他服务。
fix-protocol-mismatch-alt = 这个地址和端口是 { $actual } 用的；{ $protocol } 请填写 { $protocol } 的设置（{ $setting }）。
fix-protocol-mismatch = 这个地址和端口是 { $actual } 用的；{ $protocol } 请填写 { $protocol } 的设置。
fix-protocol-mismatch-unknown = 请核对 { $protocol } 的端口号。{ $alt }
cause-tls-plaintext-on-tls-port = { $host } 的 { $port } 端口要先明文连接、再用 STARTTLS 加密，但这里用的是 SSL/TLS。
fix-tls-plaintext-on-tls-port = 请把加密方式改为 STARTTLS（端口 { $port }），或者改用 { $tls_port } 端口并选择 SSL/TLS。
cause-tls-tls-on-plaintext-port = { $host } 的 { $port } 端口一连上就要求 SSL/TLS 加密，但这里用的是 { $security ->
        [tls] SSL/TLS
        [starttls] STARTTLS
       *[none] 不加密
    }。
fix-tls-tls-on-plaintext-port = { $port } 端口请把加密方式设为 SSL/TLS。
cause-tls-handshake-failed = 与 { $hp } 的 TLS 握手失败：{ $msg }
fix-tls-handshake-failed = 服务器的加密（TLS）配置有问题或过于陈旧，新版邮件客户端连不上；请联系邮箱服务商。{ $alt }
cause-starttls-not-offered = { $hp } 不支持 STARTTLS：连接和密码都不会加密。
fix-starttls-not-offered-use = 请改用 { $setting }；不要选择“不加密”。
fix-starttls-not-offered = 如果服务商提供，请改用 { $tls_port } 端口并选择 SSL/TLS；不要选择“不加密”。
cause-net-no-greeting = { $hp } 接受了连接，但一直没有发来 { $protocol } 欢迎信息。
fix-net-no-greeting = 这个端口可能被其他程序占用，或被防火墙、杀毒软件拦截；请核对 { $protocol } 的端口号。{ $alt }
cause-tls-old-version = { $hp } 只支持过时的 TLS 版本（低于 1.2）：{ $msg }
fix-tls-old-version = 需要服务器管理员启用 TLS 1.2 或 1.3。{ $alt }
cause-starttls-rejected = { $hp } 声称支持 STARTTLS，却拒绝了 STARTTLS 命令：{ $msg }
fix-starttls-rejected = 服务器配置有误；请联系邮箱服务商。{ $alt }

## 服务器：域名解析和证书（text.rs）

cause-dns-host-not-found = 服务器地址 { $host } 不存在（域名不存在）。
fix-dns-host-not-found-alt = 请检查服务器地址是否写错；{ $protocol } 服务器是 { $server }。
fix-dns-host-not-found = 请对照邮箱服务商的说明，检查服务器地址是否写错。
cause-dns-no-address = 服务器地址 { $host } 存在，但没有对应的 IP 地址（没有 A/AAAA 记录）。
fix-dns-no-address = 请填写邮箱服务商说明中的服务器地址。{ $alt }
cause-dns-lookup-failed = 查询 { $host } 的域名解析失败（{ $msg }）；这不代表服务器地址写错了。
fix-dns-lookup-failed = 请检查本机的 DNS 设置或稍后再试；也可以用 --resolver 换一个 DNS 服务器。
cause-tls-expired = { $on }的证书已过期（到期日 { $date }）。
fix-tls-expired = 需要服务器管理员更新证书；在此之前邮件客户端会拒绝连接或弹出安全警告。{ $alt }
cause-tls-not-yet-valid = { $on }的证书尚未生效（{ $date } 起才有效）。
fix-tls-not-yet-valid = 请先检查本机的日期和时间是否正确；如果正确，需要服务器管理员修正证书。
cause-tls-name-mismatch = { $on }的证书与服务器地址不符：证书颁发给 { $names }，而不是 { $host }。
cause-tls-name-mismatch-no-names = { $on }的证书与服务器地址不符：证书颁发给 （证书上没有域名），而不是 { $host }。
fix-tls-name-mismatch-use = 如果邮箱服务商确认是同一台服务器，请把服务器地址改为证书上的 { $name }；否则需要服务器管理员修正证书。
fix-tls-name-mismatch = 请填写邮箱服务商说明中的服务器地址；否则需要服务器管理员修正证书。
cause-tls-self-signed = { $on }使用的是自签名证书，没有权威机构为这台服务器的身份担保。
fix-tls-self-signed = 请服务器管理员安装正规证书机构签发的证书（如 Let's Encrypt）；无法核实时，不要在邮件客户端里选择“永久信任”。{ $alt }
cause-tls-chain-incomplete = 服务器 { $on }只发送了自己的证书，缺少中间证书，证书链不完整（缺少：{ $missing }）。部分邮件客户端能连上，很多会拒绝。
fix-tls-chain-incomplete = 需要在服务器端修复：管理员应配置完整证书链（证书 + 中间证书，例如 fullchain.pem）；如果服务器使用私有 CA，请用 --ca-file 指定。{ $alt }
cause-tls-untrusted = { $on }的证书不是本机信任的机构签发的（私有或未知的证书机构）。
fix-tls-untrusted = 服务器管理员应使用正规证书机构的证书，并发送完整证书链；如果是私有 CA，请用 --ca-file 指定。{ $alt }
cause-tls-invalid-certificate = { $on }的证书无效：{ $msg }
fix-tls-invalid-certificate = 请联系服务器管理员修正证书。{ $alt }

## 域名不提供的服务、找不到设置、本次运行（text.rs）

not-offered-service = { $security ->
    [tls] SSL/TLS 方式的 { $protocol }（{ $name }）
   *[other] STARTTLS 方式的 { $protocol }（{ $name }）
}
cause-srv-not-offered = 该域名在 DNS 中声明：不提供 { $services }。
fix-srv-not-offered-both = 收信和发信请使用上面列出的其他协议或端口。
fix-srv-not-offered-incoming = 收信请使用其他协议或端口。
fix-srv-not-offered-outgoing = 发信请使用其他协议或端口。

cause-settings-no-incoming = 没有找到可用的收件服务器（IMAP 或 POP3），共试了 { $tried } 个。
fix-settings-no-incoming = 请向邮箱服务商索取 IMAP 或 POP3 服务器地址和端口，再用 --check imaps://服务器地址:993 检查。
cause-settings-no-outgoing = 没有找到可用的发件服务器（SMTP），共试了 { $tried } 个。
fix-settings-no-outgoing = 请向邮箱服务商索取 SMTP 服务器地址和端口，再用 --check submission://服务器地址:587 检查。

cause-run-local-resources = 本机的文件描述符或套接字用完了，部分检查没能进行；这不是服务器的问题。
fix-run-local-resources = 请关闭其他程序或提高限制（ulimit -n），减小 --jobs，然后重新运行 maildoctor。
cause-run-interrupted = 检测被中断（Ctrl-C），还有检查没有完成；下面只是中断前查到的结果。
fix-run-interrupted = 请重新运行 maildoctor，等它运行完，才能得到完整的诊断结果。

cause-net-some-addresses-fail = { $hp } 在 { $good } 上正常，但在 { $bad } 上失败（{ $code }：{ $msg }）。客户端如果连到出问题的地址（常见是 IPv6 地址），就会连不上。
fix-net-some-addresses-fail = 需要服务器管理员修好 { $bad }，或者把它从 DNS 里删掉；在此之前，换一个只用另一类地址的网络（例如只有 IPv4）可以正常使用。

## 设置的登录状态（card.rs）

login-detail-no-password = 没有提供密码（加 --login 可检查登录）
login-detail-plaintext = 不会通过未加密的连接发送密码
login-detail-port-25 = 25 端口不用于登录
login-detail-untrusted = 没有发送到这台服务器；加 --allow-untrusted-host 可允许
login-detail-elsewhere = 每个协议只登录一次，登录在其他设置上进行，或服务器不可用

## 设置的来源（sources.rs）

source-label-user = 您的 --check
source-label-provider = 服务商数据库
source-label-srv = DNS SRV
source-label-mx = 根据 MX 识别的服务商
source-label-guess = 猜测
source-label-autoconfig = autoconfig（HTTPS）
source-label-autoconfig-http = 明文 HTTP 获取的 autoconfig
source-label-autoconfig-mx = MX 主机的 autoconfig
source-label-autodiscover = Autodiscover
source-server = { $hp }（{ $sec }）
source-says = { $source }给出 { $list }
cause-source-disagreement = 各处公布的 { $protocol } 设置不一致：{ $views }。
fix-source-disagreement = 请使用“推荐设置”中已验证的那一项；域名管理员应让各处公布的配置指向同一台服务器。
cause-source-plaintext-advertised = { $names }公布的 { $protocol } 服务器 { $server }不加密：密码和邮件内容会以明文在网络上传输，途中任何人都能看到。
fix-source-plaintext-advertised = 请改用 SSL/TLS 或 STARTTLS 的设置；域名管理员应停止公布不加密的设置。
cause-source-guess-only = 没有任何公开的配置写明{ $direction }服务器；{ $server }是按常见名称试出来的。
fix-source-guess-only = 可以使用；但域名管理员应发布 SRV 记录（RFC 6186）或 autoconfig 文件，让邮件客户端能自动找到服务器。
cause-source-plain-http = { $direction }设置 { $server }只来自通过明文 HTTP 获取的 autoconfig 文件，网络途中任何人都可以伪造。
fix-source-plain-http = 填写密码前，请先对照邮箱服务商的官方说明核实；域名管理员应改用 HTTPS 提供 autoconfig。
cause-source-other-domain = { $direction }服务器 { $host } 不在 { $domain } 域名下（属于 { $owner }），来源：{ $names }。
fix-source-other-domain = 如果 { $domain } 的邮箱由其他公司托管，这是正常的；填写密码前请确认您认识 { $owner }。
