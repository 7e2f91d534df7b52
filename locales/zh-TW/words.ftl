# 分析和報告共用的詞（src/i18n.rs）。台灣、香港服務台的用語：伺服器、連接埠、加密方式、應用程式密碼。

step-resolve = 網域名稱解析
step-connect = 建立連線
step-tls-handshake = TLS 交握
step-greeting = 歡迎訊息
step-capabilities = 查詢功能
step-starttls = STARTTLS
step-capabilities-after-tls = 加密後查詢功能
step-auth-mechs = 登入方式
step-login = 登入

security-none = 不加密

severity-error = 錯誤
severity-warning = 警告
severity-info = 提示

direction-incoming = 收件
direction-outgoing = 寄件

list-separator = 、
list-last-separator = 、
and-separator = 和

ports-phrase = 連接埠 { $list }
ports-none = 沒有連接埠
