# 分析的文字（zh-TW）：每個發現的原因和解決辦法、設定的登入狀態（src/analyze/）。
# 變數的含義見 locales/en/analysis.ftl。用語按台灣、香港服務台的寫法：伺服器、連接埠、加密方式、
# 應用程式密碼（QQ 的授權碼仍叫授權碼）、帳號、網域、憑證、連線。

## 句子的組成部分

analysis-with-note = { $text }（{ $note }）
analysis-clause-separator = ；
analysis-setting = { $protocol } 伺服器 { $host }，連接埠 { $port }，加密方式 { $sec }
analysis-meanwhile = 目前可用的設定：{ $setting }。
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
analysis-resolver-this-computer = 這台電腦的 DNS 伺服器
analysis-resolver-named = DNS 伺服器 { $list }
analysis-protocol-mode = { $security ->
    [tls] SSL/TLS 方式的 { $protocol }
   *[other] STARTTLS 方式的 { $protocol }
}
analysis-other-reply = { $protocol } 回應：「{ $reply }」

## DNS 伺服器、網域、離線（words.rs）

cause-dns-resolver-suspect-known-domain-provider = { $resolver } 說 { $domain } 不存在，但 { $domain } 是知名的電子郵件網域（{ $provider }）：是 DNS 伺服器（或網路：需要登入的 Wi-Fi、VPN、過濾 DNS）給出了錯誤的回應，所以從這裡什麼也檢查不了。
cause-dns-resolver-suspect-known-domain = { $resolver } 說 { $domain } 不存在，但 { $domain } 是知名的電子郵件網域：是 DNS 伺服器（或網路：需要登入的 Wi-Fi、VPN、過濾 DNS）給出了錯誤的回應，所以從這裡什麼也檢查不了。
cause-dns-resolver-suspect-everywhere = { $resolver } 說查詢的每個網域都不存在（{ $domain } 和其他網域的伺服器都一樣）：是 DNS 伺服器（或需要登入的 Wi-Fi、VPN、過濾 DNS）給出了錯誤的回應，所以從這裡什麼也檢查不了。
cause-dns-resolver-suspect-canary = { $resolver } 說 { $domain } 不存在，但它連一定存在的 { $canary } 也說不存在：是 DNS 伺服器（或需要登入的 Wi-Fi、VPN、過濾 DNS）給出了錯誤的回應，所以從這裡無法確認 { $domain } 是否存在。
cause-dns-resolver-suspect-timeout = { $resolver } 完全沒有回應：這台電腦沒有連上網路，或 DNS 伺服器連不上，所以從這裡什麼也檢查不了。
cause-dns-resolver-suspect-failed = 透過 { $resolver } 的所有 DNS 查詢都失敗了（{ $domain } 和其他網域都一樣）：DNS 伺服器有故障或連不上，所以從這裡什麼也檢查不了。
fix-dns-resolver-suspect = 請檢查這台電腦的網路連線（登入飯店或訪客 Wi-Fi 的認證頁面、中斷 VPN 連線），或換一個 DNS 伺服器，例如 maildoctor --resolver 223.5.5.5 或 --resolver 1.1.1.1；下面顯示的設定來自服務商資料庫等來源，尚未驗證。

cause-run-offline-known = 離線模式（--offline）：沒有透過網路做任何檢查；下面的設定來自內建的服務商資料庫。
fix-run-offline-known = 去掉 --offline 重新執行 maildoctor，即可從這台電腦驗證這些設定。
cause-run-offline-unknown = 離線模式（--offline）：沒有透過網路做任何檢查，內建的服務商資料庫裡也沒有這個網域。
fix-run-offline-unknown = 去掉 --offline 重新執行 maildoctor 以查詢並檢查設定，或向郵件服務商索取設定。

cause-net-offline = 這台電腦連不上這 { $count } 台伺服器中的任何一台：沒有通往它們的網路路由，所以從這裡什麼也檢查不了。
fix-net-offline = 請檢查這台電腦的網路連線（網路線、Wi-Fi、VPN）後重新執行 maildoctor；下面顯示的設定尚未驗證。

cause-dns-zone-failed = { $domain } 的網域名稱伺服器沒有正常回應（透過 { $resolver } 查詢得到 { $reason }）：它的 DNS 伺服器當機或設定錯誤（例如授權錯誤或 DNSSEC 故障），郵件軟體查不到它的郵件伺服器。
fix-dns-zone-failed = 需要 { $domain } 的管理員修好網域名稱解析（在註冊商處核對 NS 記錄，並確認每台網域名稱伺服器都能回應這個網域）。如果這台電腦查詢其他網域也失敗，那就是這台電腦 DNS 的問題：請用 --resolver 換一個 DNS 伺服器。

cause-dns-domain-not-found = 網域 { $domain } 不存在（DNS 回應 NXDOMAIN），所以找不到它的郵件伺服器。
fix-dns-domain-not-found = 請檢查電子郵件地址 @ 後面的部分有沒有拼錯；如果沒有拼錯，說明這個網域已過期或從未註冊。
cause-dns-null-mx = 網域 { $domain } 發布了「空 MX」記錄，宣告不接收任何郵件（RFC 7505）。
fix-dns-null-mx = 這個地址收不到郵件；請核對電子郵件地址，或向網域所有者確認應該用哪個地址。

## 使用者填寫的設定（words.rs）

typed-fact-host-of = 這是 { $other } 伺服器（{ $host }），不是 { $protocol } 伺服器
typed-fact-answered = { $port } 連接埠上回應的是 { $other } 伺服器
typed-fact-port-of = { $port } 連接埠是 { $belongs } 的連接埠
typed-fact-mode = { $port } 連接埠要求 { $right ->
        [tls] SSL/TLS
        [starttls] STARTTLS
       *[none] 不加密
    }，卻選擇了 { $chosen ->
        [tls] SSL/TLS
        [starttls] STARTTLS
       *[none] 不加密
    }
typed-fact-port-25 = 25 連接埠是郵件伺服器之間互相投遞用的：很多網路會封鎖它，很多服務商也不允許在這裡登入
cause-typed-wrong = 您填寫的 { $protocol } 設定（{ $host }:{ $port }）有誤：{ $facts }。
fix-typed-port-25 = 在郵件軟體裡寄信，請使用 465 連接埠（SSL/TLS）或 587 連接埠（STARTTLS）。
fix-typed-use = { $protocol } 請使用：{ $setting }。
fix-typed-standard = { $protocol } 請使用郵件服務商說明中的 { $protocol } 伺服器，連接埠 { $port }（{ $security ->
        [tls] SSL/TLS
        [starttls] STARTTLS
       *[none] 不加密
    }）。

## 伺服器（words.rs）

cause-security-no-tls-on-host = { $host } 的所有連接埠都不加密：{ $ports } 只能明文連線（不支援 STARTTLS）{ $closed }。在這裡輸入的密碼會以明文在網路上傳輸，途中任何人都能看到；maildoctor 不會向這裡傳送密碼。
analysis-closed-tls = ，SSL/TLS { $ports } 也沒有回應
fix-security-no-tls-on-host = 需要伺服器管理員啟用 TLS 加密（在這些連接埠上支援 STARTTLS，或開放 993/995/465 的 SSL/TLS）。在此之前，請不要在這台伺服器上使用真實密碼。

cause-record-no-address = 該網域自己的記錄 { $record } 指向 { $host }，但這個名字沒有 IP 位址（沒有 A/AAAA 記錄）。
cause-record-not-found = 該網域自己的記錄 { $record } 指向 { $host }，但這個名字在 DNS 中不存在。
fix-record-points-nowhere = 需要網域管理員修正 { $record }，或者建立 { $host }；郵件軟體裡不需要改什麼。{ $alt }

cause-net-refused-every-port = { $at } 拒絕了所有嘗試的郵件連接埠（{ $ports }）的連線：這台伺服器上的郵件服務沒有執行，或者它根本不是郵件伺服器。
fix-net-refused-every-port = 請確認伺服器位址沒有填錯；如果沒錯，需要伺服器管理員啟動郵件服務（IMAP/POP3/SMTP）。{ $alt }
cause-net-refused-ports = { $at } 的{ $phrase } 拒絕連線：這些服務在該伺服器上沒有啟用。
fix-net-refused-ports = 如果應該提供這些服務，需要伺服器管理員啟用。{ $alt }
cause-net-timeout-ports = { $at } 的{ $phrase } 沒有任何回應：防火牆丟棄了連線（常見是電信業者、飯店或公司網路封鎖了郵件連接埠），或者伺服器已當機。
fix-net-timeout-ports = 請換一個網路試試（例如手機熱點）；如果換網路後正常，請讓目前網路的管理員放行這些連接埠。{ $alt }
cause-net-no-greeting-ports = { $at } 的{ $phrase } 能連上，但始終不傳送歡迎訊息：郵件服務卡住或過載，或這些連接埠被其他程式佔用。
fix-net-no-greeting-ports = 需要伺服器管理員重新啟動或修復郵件服務。{ $alt }
cause-net-closed-ports = { $at } 的{ $phrase } 能連上，但隨後不再回應或中斷連線：郵件服務過載或限制了連線數。
fix-net-closed-ports = 請稍後再試；如果一直這樣，需要伺服器管理員檢查郵件服務。{ $alt }

## 帳號（words.rs）

cause-auth-protocol-off = { $off } 登入被拒絕，但同一個使用者名稱和密碼剛剛在 { $ok } 上登入成功：密碼是對的，是該帳號的 { $off } 服務被關閉（或受限）。伺服器回應：「{ $reply }」
fix-auth-protocol-off-use = 請使用 { $instead }，剛剛驗證可以登入。如果也要用 { $off }，請在網頁版信箱的設定中啟用，或聯絡郵件管理員。
fix-auth-protocol-off-enable = 請在網頁版信箱的設定中啟用 { $off }，或請郵件管理員為該帳號開通。
cause-auth-same-on-protocols = { $list } 的原因相同：{ $cause }{ $more }

withheld-reason-plaintext = 連線沒有加密
withheld-reason-port-25 = 25 連接埠不是用來登入的
withheld-reason-guessed = 這台伺服器只是猜測出來的，沒有任何來源提到它
withheld-reason-other-domain = 這台伺服器不在 { $domain } 網域下，也不是已知服務商的伺服器，可能是冒充的
cause-auth-login-withheld = 沒有把密碼傳送到 { $list }，因為{ $reason }：帳號本身沒有經過檢查，不知道密碼是否正確。
fix-auth-login-withheld-untrusted = 如果您確認這台伺服器可信（確實是您的郵件服務商的），請加上 --allow-untrusted-host 重新執行，以檢查在那裡能否登入。
fix-auth-login-withheld-encrypted = 請使用加密的設定（SSL/TLS 或 STARTTLS，寄信用 465 或 587 連接埠）來檢查登入。

cause-settings-no-imap = { $provider } 不提供 IMAP 服務（服務商資料庫中有記錄），郵件軟體無法透過 IMAP 收信，不必再去找或填寫 IMAP 伺服器位址。
fix-settings-no-imap-pop3 = 請使用下面顯示的 POP3 設定，或使用服務商自己的 App。
fix-settings-no-imap = 請使用 { $provider } 自己的 App 或網頁版收發郵件。如果一定要用郵件軟體，請向 { $provider } 諮詢有沒有其他接入方式（例如付費方案或橋接程式），或者把郵件轉發到支援 IMAP 的信箱。

## 登入（text.rs）

analysis-server-said = 伺服器回應：「{ $msg }」
cause-auth-failed = { $hp } 表示使用者名稱 { $user } 或密碼錯誤。{ $said }
fix-auth-failed = 請核對密碼（和使用者名稱）；如果信箱要求使用授權碼或應用程式密碼，請在密碼欄填寫應用程式密碼或授權碼，而不是信箱登入密碼。
cause-auth-protocol-disabled = 該帳號沒有啟用 { $protocol } 服務（{ $hp }）。{ $said }
fix-auth-protocol-disabled = 請登入網頁版信箱，在「設定」中啟用 { $protocol } 服務（如「POP3/IMAP/SMTP 服務」），或改用 IMAP。
cause-auth-account-blocked = { $hp } 表示該帳號已被鎖定、凍結或停用。{ $said }
fix-auth-account-blocked = 請聯絡郵件服務商（或郵件管理員）解除鎖定；在此之前更換密碼也無法登入。
cause-auth-web-login-required = { $hp } 暫時禁止該帳號在郵件軟體登入，需要先在網頁上登入並完成驗證（安全驗證、驗證碼或密碼過期）。{ $said }
fix-auth-web-login-required = 請先用瀏覽器登入網頁版信箱，依照提示完成安全驗證（如要求修改密碼請先修改），然後再試。
cause-auth-oauth-required = { $hp } 已關閉 { $protocol } 的密碼（基本）認證，只能用 OAuth2 登入。{ $said }
fix-auth-oauth-required = 請使用支援 OAuth2 登入的郵件軟體（「使用 Microsoft/Google 帳號登入」）；企業信箱是否允許密碼登入由管理員決定。
cause-auth-too-many-attempts = { $hp } 因登入嘗試或連線次數過多，暫時拒絕登入。{ $said }
fix-auth-too-many-attempts = 請先關閉所有使用該帳號的郵件軟體和裝置（儲存了錯誤密碼的裝置會不斷重試），等待一段時間後用正確的密碼再試一次。
cause-auth-temporary = { $hp } 因伺服器臨時故障無法驗證登入。{ $said }
fix-auth-temporary = 請稍後再試；如果一直如此，是郵件服務商或管理員的登入服務出了問題。
cause-auth-app-password-required = { $hp } 的 { $protocol } 不接受信箱登入密碼，需要使用授權碼（或應用程式密碼、OAuth2 登入）。{ $said }
fix-auth-app-password-required = 請在網頁版信箱的「帳戶安全」設定中產生應用程式密碼或授權碼，填在郵件軟體的密碼欄；微軟帳號請使用支援 OAuth2 登入的郵件軟體。
cause-auth-no-mechanism-none = { $hp } 在這個連接埠不支援密碼登入。
cause-auth-no-mechanism = { $hp } 不支援密碼登入，只支援：{ $offered }。
fix-auth-no-mechanism-oauth = 請使用支援 OAuth2 登入的郵件軟體（服務商在這裡不接受密碼）。
fix-auth-no-mechanism = 請使用郵件服務商說明中用於登入的 { $protocol } 連接埠。
cause-auth-rejected = { $hp } 拒絕了登入，但沒有說明原因；從回應內容看不出是密碼錯誤。{ $said }
fix-auth-rejected = 可能的原因：密碼錯誤、需要使用授權碼或應用程式密碼、該帳號沒有啟用此服務、帳號被限制，或必須先建立加密連線。請在網頁版信箱的設定中逐項檢查；都不是的話請聯絡郵件服務商。
cause-auth-incomplete = 在 { $hp } 上登入沒有完成：{ $msg }
fix-auth-incomplete = 請稍後再試；登入過程被伺服器或網路中斷了。

likely-name-app-password-required = 需要使用授權碼（應用程式密碼），而不是信箱登入密碼
likely-name-protocol-disabled = 該帳號（或企業租戶）沒有啟用此服務
likely-name-oauth-required = 已關閉密碼登入，只能用 OAuth2 登入
likely-name-web-login-required = 需要先在網頁上登入或完成安全驗證
likely-name-failed = 使用者名稱或密碼錯誤
likely-name-other = 該帳號不能這樣登入
cause-auth-likely = { $plain }在{ $provider }，這個回覆最常見的原因是{ $likely }；其次是{ $other }。
fix-auth-likely = 最可能的解決辦法：{ $likely } 其次：{ $plain }

cause-auth-username-format = { $hp } 不接受使用者名稱 { $settings_user }，但用同一個密碼以 { $user } 登入成功。
fix-auth-username-format = { $protocol } 的使用者名稱請填寫 { $user }。

## 憑證和 TLS（text.rs）

cause-tls-expires-soon = { $on }的憑證將於 { $date } 過期（還剩 { $days } 天）。
fix-tls-expires-soon = 請伺服器管理員儘快更新憑證；過期後郵件軟體將無法連線。
cause-tls-old-version-used = { $hp } 使用的 { $version } 已經過時，不安全（RFC 8996）。
fix-tls-old-version-used = 請伺服器管理員啟用 TLS 1.2 或 1.3；很多郵件軟體已不支援更舊的版本。

cause-security-no-encryption = { $hp } 只能不加密連線：密碼和郵件內容會以明文在網路上傳輸，途中任何人都能看到。maildoctor 不會向這裡傳送密碼。
fix-security-no-encryption-alternative = 請改用上面列出的加密的 { $protocol } 設定。
fix-security-no-encryption = 請向郵件服務商索取 SSL/TLS（連接埠 { $port }）或 STARTTLS 的設定；不要在這個設定裡使用真實密碼。

## 單個設定（text.rs）

cause-net-refused = { $hp } 拒絕連線：這台伺服器沒有啟用 { $protocol } 服務，或者 { $protocol } 不在這個連接埠。
fix-net-refused-use = 請改用 { $setting }。
fix-net-refused = 請核對連接埠號，並向郵件服務商確認是否提供 { $protocol } 服務、連接埠是多少。
cause-net-timeout = 連線到 { $hp } 逾時（可能被防火牆攔截）：所在網路（電信業者、飯店或公司網路）可能封鎖了郵件連接埠，也可能是伺服器當機。
fix-net-timeout = 請換個網路再試（例如手機熱點），或請網路管理員放行 { $port } 連接埠。{ $alt }
cause-net-no-reply = { $hp } 接受了連線，但沒有及時回應（卡在「{ $step }」這一步）。
fix-net-no-reply = 伺服器繁忙或設定有誤；請稍後再試，或聯絡郵件服務商。{ $alt }
cause-net-unreachable = 無法連上 { $hp }：網路不通，沒有到達該伺服器的路由。
fix-net-unreachable = 請檢查這台電腦的網路連線。{ $alt }
cause-net-closed = { $hp } 在「{ $step }」這一步直接中斷了連線，沒有說明原因。
fix-net-closed = 伺服器可能限制了連線數，或封鎖了目前的網路；請稍後再試。{ $alt }
cause-protocol-error = { $hp } 有回應，但不是正常的 { $protocol } 伺服器回應：{ $msg }
fix-protocol-error = 請確認這個伺服器位址和連接埠確實是 { $protocol } 用的。{ $alt }
cause-protocol-mismatch = { $hp } 這是 { $actual } 伺服器，不是 { $protocol } 伺服器。
cause-protocol-mismatch-unknown = { $hp } 不是 { $protocol } 伺服器，回應的是 其他服務。
fix-protocol-mismatch-alt = 這個位址和連接埠是 { $actual } 用的；{ $protocol } 請填寫 { $protocol } 的設定（{ $setting }）。
fix-protocol-mismatch = 這個位址和連接埠是 { $actual } 用的；{ $protocol } 請填寫 { $protocol } 的設定。
fix-protocol-mismatch-unknown = 請核對 { $protocol } 的連接埠號。{ $alt }
cause-tls-plaintext-on-tls-port = { $host } 的 { $port } 連接埠要先明文連線、再用 STARTTLS 加密，但這裡用的是 SSL/TLS。
fix-tls-plaintext-on-tls-port = 請把加密方式改為 STARTTLS（連接埠 { $port }），或者改用 { $tls_port } 連接埠並選擇 SSL/TLS。
cause-tls-tls-on-plaintext-port = { $host } 的 { $port } 連接埠一連上就要求 SSL/TLS 加密，但這裡用的是 { $security ->
        [tls] SSL/TLS
        [starttls] STARTTLS
       *[none] 不加密
    }。
fix-tls-tls-on-plaintext-port = { $port } 連接埠請把加密方式設為 SSL/TLS。
cause-tls-handshake-failed = 與 { $hp } 的 TLS 交握失敗：{ $msg }
fix-tls-handshake-failed = 伺服器的加密（TLS）設定有問題或過於陳舊，新版郵件軟體連不上；請聯絡郵件服務商。{ $alt }
cause-starttls-not-offered = { $hp } 不支援 STARTTLS：連線和密碼都不會加密。
fix-starttls-not-offered-use = 請改用 { $setting }；不要選擇「不加密」。
fix-starttls-not-offered = 如果服務商提供，請改用 { $tls_port } 連接埠並選擇 SSL/TLS；不要選擇「不加密」。
cause-net-no-greeting = { $hp } 接受了連線，但一直沒有傳來 { $protocol } 歡迎訊息。
fix-net-no-greeting = 這個連接埠可能被其他程式佔用，或被防火牆、防毒軟體攔截；請核對 { $protocol } 的連接埠號。{ $alt }
cause-tls-old-version = { $hp } 只支援過時的 TLS 版本（低於 1.2）：{ $msg }
fix-tls-old-version = 需要伺服器管理員啟用 TLS 1.2 或 1.3。{ $alt }
cause-starttls-rejected = { $hp } 聲稱支援 STARTTLS，卻拒絕了 STARTTLS 命令：{ $msg }
fix-starttls-rejected = 伺服器設定有誤；請聯絡郵件服務商。{ $alt }

## 伺服器：網域名稱解析和憑證（text.rs）

cause-dns-host-not-found = 伺服器位址 { $host } 不存在（網域不存在）。
fix-dns-host-not-found-alt = 請檢查伺服器位址是否寫錯；{ $protocol } 伺服器是 { $server }。
fix-dns-host-not-found = 請對照郵件服務商的說明，檢查伺服器位址是否寫錯。
cause-dns-no-address = 伺服器位址 { $host } 存在，但沒有對應的 IP 位址（沒有 A/AAAA 記錄）。
fix-dns-no-address = 請填寫郵件服務商說明中的伺服器位址。{ $alt }
cause-dns-lookup-failed = 查詢 { $host } 的網域名稱解析失敗（{ $msg }）；這不代表伺服器位址寫錯了。
fix-dns-lookup-failed = 請檢查這台電腦的 DNS 設定或稍後再試；也可以用 --resolver 換一個 DNS 伺服器。
cause-tls-expired = { $on }的憑證已過期（到期日 { $date }）。
fix-tls-expired = 需要伺服器管理員更新憑證；在此之前郵件軟體會拒絕連線或跳出安全警告。{ $alt }
cause-tls-not-yet-valid = { $on }的憑證尚未生效（{ $date } 起才有效）。
fix-tls-not-yet-valid = 請先檢查這台電腦的日期和時間是否正確；如果正確，需要伺服器管理員修正憑證。
cause-tls-name-mismatch = { $on }的憑證與伺服器位址不符：憑證核發給 { $names }，而不是 { $host }。
cause-tls-name-mismatch-no-names = { $on }的憑證與伺服器位址不符：憑證核發給 （憑證上沒有網域），而不是 { $host }。
fix-tls-name-mismatch-use = 如果郵件服務商確認是同一台伺服器，請把伺服器位址改為憑證上的 { $name }；否則需要伺服器管理員修正憑證。
fix-tls-name-mismatch = 請填寫郵件服務商說明中的伺服器位址；否則需要伺服器管理員修正憑證。
cause-tls-self-signed = { $on }使用的是自簽憑證，沒有權威機構為這台伺服器的身份擔保。
fix-tls-self-signed = 請伺服器管理員安裝正規憑證機構簽發的憑證（如 Let's Encrypt）；無法核實時，不要在郵件軟體裡選擇「永久信任」。{ $alt }
cause-tls-chain-incomplete = 伺服器 { $on }只傳送了自己的憑證，缺少中間憑證，憑證鏈不完整（缺少：{ $missing }）。部分郵件軟體能連上，很多會拒絕。
fix-tls-chain-incomplete = 需要在伺服器端修復：管理員應設定完整憑證鏈（憑證 + 中間憑證，例如 fullchain.pem）；如果伺服器使用私有 CA，請用 --ca-file 指定。{ $alt }
cause-tls-untrusted = { $on }的憑證不是這台電腦信任的機構簽發的（私有或未知的憑證機構）。
fix-tls-untrusted = 伺服器管理員應使用正規憑證機構的憑證，並傳送完整憑證鏈；如果是私有 CA，請用 --ca-file 指定。{ $alt }
cause-tls-invalid-certificate = { $on }的憑證無效：{ $msg }
fix-tls-invalid-certificate = 請聯絡伺服器管理員修正憑證。{ $alt }

## 網域不提供的服務、找不到設定、本次執行（text.rs）

not-offered-service = { $security ->
    [tls] SSL/TLS 方式的 { $protocol }（{ $name }）
   *[other] STARTTLS 方式的 { $protocol }（{ $name }）
}
cause-srv-not-offered = 該網域在 DNS 中宣告：不提供 { $services }。
fix-srv-not-offered-both = 收信和寄信請使用上面列出的其他通訊協定或連接埠。
fix-srv-not-offered-incoming = 收信請使用其他通訊協定或連接埠。
fix-srv-not-offered-outgoing = 寄信請使用其他通訊協定或連接埠。

cause-settings-no-incoming = 沒有找到可用的收件伺服器（IMAP 或 POP3），共試了 { $tried } 個。
fix-settings-no-incoming = 請向郵件服務商索取 IMAP 或 POP3 伺服器位址和連接埠，再用 --check imaps://伺服器位址:993 檢查。
cause-settings-no-outgoing = 沒有找到可用的寄件伺服器（SMTP），共試了 { $tried } 個。
fix-settings-no-outgoing = 請向郵件服務商索取 SMTP 伺服器位址和連接埠，再用 --check submission://伺服器位址:587 檢查。

cause-run-local-resources = 這台電腦的檔案描述元或通訊端用完了，部分檢查沒能進行；這不是伺服器的問題。
fix-run-local-resources = 請關閉其他程式或提高限制（ulimit -n），減小 --jobs，然後重新執行 maildoctor。
cause-run-interrupted = 檢查被中斷（Ctrl-C），還有檢查沒有完成；下面只是中斷前查到的結果。
fix-run-interrupted = 請重新執行 maildoctor，等它執行完，才能得到完整的診斷結果。

cause-net-some-addresses-fail = { $hp } 在 { $good } 上正常，但在 { $bad } 上失敗（{ $code }：{ $msg }）。郵件軟體如果連到出問題的位址（常見是 IPv6 位址），就會連不上。
fix-net-some-addresses-fail = 需要伺服器管理員修好 { $bad }，或者把它從 DNS 裡刪掉；在此之前，換一個只用另一類位址的網路（例如只有 IPv4）可以正常使用。

## 設定的登入狀態（card.rs）

login-detail-no-password = 沒有提供密碼（加 --login 可檢查登入）
login-detail-plaintext = 不會透過未加密的連線傳送密碼
login-detail-port-25 = 25 連接埠不是用來登入的
login-detail-untrusted = 沒有傳送到這台伺服器；加 --allow-untrusted-host 可允許
login-detail-elsewhere = 每個通訊協定只登入一次，登入在其他設定上進行，或伺服器不可用

## 設定的來源（sources.rs）

source-label-user = 您的 --check
source-label-provider = 服務商資料庫
source-label-srv = DNS SRV
source-label-mx = 根據 MX 識別的服務商
source-label-guess = 猜測
source-label-autoconfig = autoconfig（HTTPS）
source-label-autoconfig-http = 明文 HTTP 取得的 autoconfig
source-label-autoconfig-mx = MX 主機的 autoconfig
source-label-autodiscover = Autodiscover
source-server = { $hp }（{ $sec }）
source-says = { $source }給出 { $list }
cause-source-disagreement = 各處公布的 { $protocol } 設定不一致：{ $views }。
fix-source-disagreement = 請使用「推薦設定」中已驗證的那一項；網域管理員應讓各處公布的設定指向同一台伺服器。
cause-source-plaintext-advertised = { $names }公布的 { $protocol } 伺服器 { $server }不加密：密碼和郵件內容會以明文在網路上傳輸，途中任何人都能看到。
fix-source-plaintext-advertised = 請改用 SSL/TLS 或 STARTTLS 的設定；網域管理員應停止公布不加密的設定。
cause-source-guess-only = 沒有任何公開的設定寫明{ $direction }伺服器；{ $server }是按常見名稱試出來的。
fix-source-guess-only = 可以使用；但網域管理員應發布 SRV 記錄（RFC 6186）或 autoconfig 檔案，讓郵件軟體能自動找到伺服器。
cause-source-plain-http = { $direction }設定 { $server }只來自透過明文 HTTP 取得的 autoconfig 檔案，網路途中任何人都可以偽造。
fix-source-plain-http = 填寫密碼前，請先對照郵件服務商的官方說明核實；網域管理員應改用 HTTPS 提供 autoconfig。
cause-source-other-domain = { $direction }伺服器 { $host } 不在 { $domain } 網域下（屬於 { $owner }），來源：{ $names }。
fix-source-other-domain = 如果 { $domain } 的電子郵件由其他公司代管，這是正常的；填寫密碼前請確認您認識 { $owner }。
