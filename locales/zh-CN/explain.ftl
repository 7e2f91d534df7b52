# explain 消息（zh-CN）。

explain-label = { $label }：
explain-recognised-reply = 服务器回复（{ $protocol }）：“{ $reply }”
explain-recognised-client-code = { $client } 错误 { $number }：{ $meaning }
explain-recognised-client-message = { $client } 提示：{ $meaning }
explain-not-exact = 仅凭这段文字无法判断是其中哪一种原因：请运行 `maildoctor 邮箱地址`（密码问题加 --login）找出原因。
explain-unknown = 无法识别这段文字：它不是 maildoctor 认识的服务器回复、邮件客户端错误代码或提示。请运行 `maildoctor 邮箱地址`（加 --login 测试密码）诊断账号，或粘贴服务器的原始回复。
explain-provider-likely = 在{ $provider }，这样的拒绝通常意味着 { $code }（{ $title }）：{ $fix }
explain-provider-hints = { $provider }的要求：
explain-help-index-title = maildoctor 诊断代码
explain-help-pages-written = 已将 { $count } 个帮助页写入 { $dir }。

explain-meaning-busy = 服务器或邮箱正忙（可能有其他程序正连着它）
explain-meaning-cant-find-host = 找不到服务器的名称
explain-meaning-failed-to-connect = 无法连接到服务器：连接可能被拒绝、被拦截，或连到了错误的主机
explain-meaning-connection-dropped = 客户端与服务器通信时连接被关闭
explain-meaning-socket-error = 本机在连接时发生网络错误
explain-meaning-logon-failed = 登录被拒绝（开启了“安全密码验证”而服务器不支持时也会出现这个错误）
explain-meaning-timeout = 服务器没有及时回应
explain-meaning-secure-connect-failed = 无法建立加密（SSL）连接：通常是加密方式与端口不符
explain-meaning-smtp-421 = 发件服务器回复 421：暂时不可用，并关闭了连接
explain-meaning-pop3-error = 收件（POP3）服务器拒绝了一个命令，通常是登录
explain-meaning-pop3-user = 收件（POP3）服务器拒绝了用户名
explain-meaning-pop3-password = 收件（POP3）服务器拒绝了密码
explain-meaning-incoming-connect = 无法连接到收件（POP3）服务器：被拒绝、被拦截或主机错误
explain-meaning-outgoing-connect = 无法连接到发件（SMTP）服务器：被拒绝、被拦截或主机错误
explain-meaning-incoming-timeout = 收件（POP3）服务器没有及时回应
explain-meaning-outgoing-timeout = 发件（SMTP）服务器没有及时回应
explain-meaning-tb-refused = 服务器拒绝了连接
explain-meaning-tb-timeout = 连接超时：被防火墙拦截、服务器宕机，或服务器、端口填错
explain-meaning-tb-reset = 通信过程中连接被切断（重置或中断）
explain-meaning-tb-unknown-host = 无法连接服务器；找不到服务器名称时 Thunderbird 会这样提示
explain-meaning-tb-login-failed = 服务器拒绝了登录；服务器自己的回复（在 Thunderbird 的错误控制台中）说明了原因
explain-meaning-tb-not-imap4 = 服务器的应答不像 IMAP 服务器：通常是填了另一个协议的端口或加密方式
explain-meaning-apple-password = 服务器拒绝了登录；凡是登录被拒，Apple Mail 都这样提示，不一定是密码错误
explain-meaning-apple-connection = “邮件”无法连接到服务器：被拒绝、被拦截或主机错误

explain-md-more = - **{ $label }**：`maildoctor explain { $code }`

explain-heading-inexact = { $code }（可能是：{ $title }）
