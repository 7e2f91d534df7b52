# 分析和报告共用的词（src/i18n.rs）。

step-resolve = 域名解析
step-connect = 建立连接
step-tls-handshake = TLS 握手
step-greeting = 欢迎信息
step-capabilities = 查询功能
step-starttls = STARTTLS
step-capabilities-after-tls = 加密后查询功能
step-auth-mechs = 登录方式
step-login = 登录

security-none = 不加密

severity-error = 错误
severity-warning = 警告
severity-info = 提示

direction-incoming = 收件
direction-outgoing = 发件

list-separator = 、
list-last-separator = 、
and-separator = 和

ports-phrase = 端口 { $list }
ports-none = 没有端口
