# 報告的文字（zh-TW）：表格、設定卡片、Markdown 和 HTML 報告。台灣、香港服務台用語：伺服器、連接埠、加密方式、應用程式密碼、憑證。
# 設定卡片（--client）的用字依各郵件軟體繁體中文介面：Outlook「內送郵件伺服器／外寄郵件伺服器、連接埠、加密連線類型」較確定；
# Thunderbird、Apple Mail、Android 的用字依記憶所及，Foxmail 的繁體介面用字未經核對（保留其簡體介面的說法轉為繁體）。

report-colon = ：
report-source-you-check = 您輸入的（--check）
report-source-provider-database = 服務商資料庫
report-source-guess = 猜測
report-source-autoconfig-plain-http = autoconfig（明文 HTTP）
report-source-autoconfig-via-mx = autoconfig（經 MX）
report-source-status-found = 找到
report-source-status-nothing = 無結果
report-source-status-does-not-exist = 不存在
report-source-status-failed = 失敗
report-source-status-timed-out = 逾時
report-source-status-skipped = 略過
report-source-status-unusable-answer = 回應無法使用
report-actor-you = 您
report-actor-helpdesk = 服務台
report-actor-mail-provider = 郵件服務商
report-actor-server-admin = 伺服器管理員
report-actor-domain-admin = 網域管理員
report-actor-network = 網路
report-actor-this-computer = 本機
report-checked-yes = 伺服器可連線
report-checked-no = 未驗證
report-login-ok = 成功
report-login-failed = 失敗
report-login-not-tested = 未檢查
report-login-withheld = 未傳送密碼
report-password-account = 密碼欄：填寫信箱密碼。
report-password-app = 密碼欄：填寫在帳號安全性設定中產生的應用程式密碼，不是信箱登入密碼。
report-password-authorization-code = 密碼欄：填寫啟用服務時產生的授權碼，不是信箱登入密碼。
report-password-oauth2 = 密碼欄：不需要填寫；該服務商只支援 OAuth2 登入（請在支援 OAuth2 的郵件軟體中選擇 OAuth2）。
report-step-col-dns = 解析
report-step-col-tcp = 連線
report-step-col-greeting = 歡迎訊息
report-step-col-capabilities = 功能
report-step-col-caps-after-tls = 加密後功能
report-step-col-login-methods = 登入方式
report-step-col-login = 登入
report-failure-no-such-name = 網域不存在
report-failure-no-address = 沒有 IP 位址
report-failure-dns-failed = 解析失敗
report-failure-dns-timeout = 解析逾時
report-failure-refused = 拒絕連線
report-failure-timeout = 逾時
report-failure-unreachable = 網路不通
report-failure-closed = 連線被斷開
report-failure-bad-reply = 回應異常
report-failure-wrong-protocol = 通訊協定不符
report-failure-plaintext-port = 明文連接埠
report-failure-ssl-tls-port = SSL/TLS 連接埠
report-failure-expired = 憑證已過期
report-failure-not-yet-valid = 憑證未生效
report-failure-name-mismatch = 憑證網域名稱不符
report-failure-self-signed = 自我簽署憑證
report-failure-untrusted = 憑證不受信任
report-failure-bad-certificate = 憑證無效
report-failure-handshake-failed = 交握失敗
report-failure-not-offered = 不支援
report-failure-rejected = 被拒絕
report-failure-silent = 無歡迎訊息
report-failure-chain-incomplete = 憑證鏈不完整
report-failure-tls-too-old = TLS 版本過舊
report-failure-wrong-user-password = 使用者名稱或密碼錯誤
report-failure-service-off = 服務未啟用
report-failure-account-blocked = 帳號受限
report-failure-app-password-needed = 需要應用程式密碼（授權碼）
report-failure-oauth2-only = 僅支援 OAuth2
report-failure-web-login-needed = 需在網頁上驗證
report-failure-too-many-attempts = 嘗試過多
report-failure-temporary-failure = 暫時性故障
report-failure-auth-rejected = 被拒絕
report-failure-no-password-login = 不支援密碼登入
report-failure-interrupted = 已中斷
report-failure-out-of-sockets-here = 本機通訊端已用盡
report-account-label = 帳號：
report-provider-label = 郵件服務商：
report-settings-to-use = 建議設定
report-none-found = （沒有找到）
report-list-separator = 、
report-protocol = 通訊協定
report-col-server = 伺服器位址
report-port = 連接埠
report-security = 加密方式
report-col-username = 使用者名稱
report-checked = 檢查
report-found-by = 來源
report-recommended-note = ★ 為建議設定，請優先使用；其他列為備選。
report-colon-login = ：登入
report-smtp-auth-note = 寄件伺服器（SMTP）需要驗證：請勾選「我的寄件伺服器需要驗證」，使用者名稱和密碼與收件伺服器相同。
report-note-prefix = 提示：
report-what-you-typed = 您輸入的設定
report-works-yes = 可以使用
report-works-no = 無法使用
report-setting = 設定
report-works = 是否可用
report-findings = 發現的問題
report-troubleshooting = 問題診斷
report-no-problems-found = 沒有發現問題。
report-severity = 等級
report-problem = 問題
report-who-acts = 由誰處理
report-cause = 原因
report-fix = 解決方法
report-where = 涉及
report-servers-checked = 伺服器檢測明細
report-col-probe-server = 伺服器
report-address = IP 位址
report-details = 詳細資訊
report-sources-tried = 查詢過的來源
report-source = 來源
report-query = 查詢內容
report-outcome = 結果
report-candidates = 候選數
report-time = 耗時
report-ms = 毫秒
report-provider = 郵件服務商
report-account = 帳號
report-settings-card = 設定卡片
report-all-settings-found = 找到的全部設定
report-direction = 方向
report-checked-login = 檢查 / 登入
report-recommended = 建議
report-note = 提示
report-problems-and-fixes = 問題與解決方法
report-the-server-said = 伺服器原始回應
report-servers-checked-step-by-step = 伺服器逐步檢測明細
report-certificate = 憑證
report-transcript = 通訊記錄
report-endpoint-works = ✓ 可以連線
report-tls = TLS
report-certificate-verified = 憑證驗證
report-subject = 主體
report-issuer = 簽發者
report-names = 網域名稱
report-valid = 有效期
report-self-signed = 自我簽署
report-yes = 是
report-no-address = （沒有位址）
card-no-ssl = 不勾選 SSL
card-off = 關
card-on = 開
card-none = 無
card-not-verified = （未驗證）
card-no-authentication = 不需驗證
card-normal-password = 一般密碼
card-username-tb = 使用者名稱
card-username-outlook = 使用者名稱

report-failure-other-protocol = { $protocol } 回應
report-verdict-works = 可以使用：設定已驗證，登入成功
report-verdict-reachable-withheld = 伺服器可以連線，但沒有檢查帳號（密碼沒有送出，見下方 { $code }）
report-verdict-reachable-no-password = 伺服器可以連線，但沒有檢查帳號（沒有提供密碼，加 --login 可檢查登入）
report-verdict-reachable-not-tested = 伺服器可以連線，但沒有用這些設定檢查帳號
report-verdict-partial-typed-fails = 部分可用：有可用的收件和寄件設定，但您輸入的設定無法使用（見下方）
report-verdict-partial-other = 部分可用：有可用的收件和寄件設定，但有其他問題（見下方）
report-verdict-broken-login = 無法使用：伺服器可以連線，但登入失敗（見下方）
report-verdict-broken = 無法使用：發現 { $errors } 個問題（見下方）
report-verdict-unverified = 無法驗證：從這台電腦什麼都檢查不了，下面的設定未經驗證
report-provider-from-mx = { $name }（根據 MX 記錄 { $mx } 識別）
report-provider-from-database = { $name }（來自服務商資料庫）
report-summary = 已檢查 { $servers } 個伺服器，查詢了 { $sources } 個來源；加 --verbose 可查看詳細資訊。
report-finished = 耗時 { $ms } 毫秒。
report-block-incoming-recommended = ★ 收件（建議使用）
report-block-outgoing-recommended = ★ 寄件（建議使用）
report-block-incoming-alternative = 收件（備選）
report-block-outgoing-alternative = 寄件（備選）
report-transcript-title = 通訊記錄：{ $endpoint }，位址 { $address }
report-transcript-tls-verified = -- TLS 交握完成，憑證已驗證
report-source-outcome = { $status }：{ $detail }
report-cert-expired-days-ago = 憑證已過期 { $days } 天
report-cert-days-left = 憑證還剩 { $days } 天
report-login-result = 登入{ $verdict }（{ $mechanism }，使用者名稱 { $user }）
report-login-refused = 被拒絕：{ $message }
report-login-not-possible = 無法登入：{ $message }
report-login-not-tried-because = 未嘗試登入：{ $reason }
report-login-not-tried = 未嘗試登入
report-footer = maildoctor { $version } · { $generated } · 耗時 { $ms } 毫秒
report-step-skipped-because = 略過：{ $reason }
report-step-skipped = 略過
report-cert-verified-yes = 通過
report-cert-verified-no = 未通過
report-expired-days-ago = 已過期 { $days } 天
report-days-left = 還剩 { $days } 天
card-client-apple-mail = Apple Mail（郵件）
card-client-android = Android 郵件
card-verdict-works = 可以使用，登入成功
card-verdict-reachable = 伺服器可以連線，帳號未檢查
card-verdict-partial = 部分可用，另有問題
card-verdict-broken = 目前無法使用
card-verdict-unverified = 無法驗證
card-incoming-none-found = 收件伺服器：沒有找到
card-outgoing-none-found = 寄件伺服器：沒有找到
card-outgoing-username = 寄件伺服器使用者名稱填 { $name }
card-password-account = 密碼填信箱密碼
card-password-app = 密碼填應用程式密碼（在帳號安全性設定中產生，不是信箱登入密碼）
card-password-authorization-code-from = 密碼填授權碼（在{ $provider }設定中產生，不是信箱登入密碼）
card-password-authorization-code = 密碼填授權碼（不是信箱登入密碼）
card-password-oauth2 = 密碼不用填，選擇 OAuth2 登入（該服務商不接受密碼）
card-smtp-auth-generic = 寄件伺服器需要驗證：使用者名稱和密碼與收件伺服器相同
card-smtp-auth-outlook = 勾選「我的外寄伺服器 (SMTP) 需要驗證」（使用與內送郵件伺服器相同的設定）
card-smtp-auth-foxmail = 勾選「我的發送伺服器(SMTP)要求身分驗證」
card-smtp-auth-apple-mail = 外寄郵件伺服器：認證方式「密碼」，使用者名稱和密碼與內送郵件伺服器相同
card-smtp-auth-android = 需要登入：開啟

card-title = { $kind ->
    [generic] { $address } 的電子郵件設定（{ $verdict }）：
   *[other] { $address } 在 { $client } 中的設定（{ $verdict }）：
}
card-username = { $full ->
    [yes] { $label }填完整的電子郵件地址 { $name }
   *[no] { $label }填 { $name }
}
card-server-generic = { $direction ->
    [incoming] 收件伺服器（{ $protocol }）：{ $host }／連接埠 { $port }／{ $security }
   *[outgoing] 寄件伺服器（{ $protocol }）：{ $host }／連接埠 { $port }／{ $security }
}
card-server-outlook = { $direction ->
    [incoming] 帳戶類型 { $protocol }；內送郵件伺服器：{ $host }，連接埠 { $port }，加密連線類型：{ $security }
   *[outgoing] 外寄郵件伺服器 (SMTP)：{ $host }，連接埠 { $port }，加密連線類型：{ $security }
}
card-server-foxmail = { $direction ->
    [incoming] 接收伺服器類型 { $protocol }；接收郵件伺服器 { $host }／連接埠 { $port }／{ $security }
   *[outgoing] 發送郵件伺服器 { $host }／連接埠 { $port }／{ $security }
}
card-server-thunderbird = { $direction ->
    [incoming] 內送伺服器：{ $protocol }，伺服器名稱：{ $host }，連接埠：{ $port }，連線安全性：{ $security }，驗證方式：{ $auth }
   *[outgoing] 外寄伺服器：SMTP，伺服器名稱：{ $host }，連接埠：{ $port }，連線安全性：{ $security }，驗證方式：{ $auth }
}
card-server-apple-mail = { $direction ->
    [incoming] { $protocol } 帳號；內送郵件伺服器：主機名稱 { $host }，連接埠 { $port }，使用 TLS/SSL：{ $security }
   *[outgoing] 外寄郵件伺服器（SMTP）：主機名稱 { $host }，連接埠 { $port }，使用 TLS/SSL：{ $security }
}
card-server-android = { $direction ->
    [incoming] 帳戶類型 { $protocol }；內送伺服器設定：伺服器 { $host }，連接埠 { $port }，安全性類型 { $security }
   *[outgoing] 外寄伺服器設定：SMTP 伺服器 { $host }，連接埠 { $port }，安全性類型 { $security }
}
