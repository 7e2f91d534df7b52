# 說明頁（zh-TW）。

help-heading-means = 含義
help-heading-causes = 常見原因
help-heading-fix = 怎麼辦
help-heading-actor = 由誰處理
help-more = 更多資訊
help-actor = { $actor ->
    [user] 使用該帳號的人
    [helpdesk] 服務台
    [provider] 郵件服務供應商
    [server_admin] 郵件伺服器管理員
    [domain_admin] 網域管理員
    [network] 網路（防火牆、網路業者）
   *[this_computer] 本機（本機的設定）
}
help-page-footer = 診斷代碼 { $code }。執行 `maildoctor 電子郵件地址` 檢查帳號。

help-dns-resolver_suspect-title = 本機的 DNS 解析器給出錯誤的答案或不回答
help-dns-resolver_suspect-means = 本機使用的 DNS 伺服器對存在的網域回答「不存在」，或根本不回答，因此從這裡什麼都無法檢查。
help-dns-resolver_suspect-causes = DNS 伺服器故障或過濾、需要網頁登入的網路（飯店、訪客 Wi-Fi）、攔截 DNS 的 VPN 或安全軟體。
help-dns-resolver_suspect-fix = 換一個網路，或加 --resolver 1.1.1.1（或其他公共 DNS）再執行一次 maildoctor；修正本機或路由器的 DNS 設定。

help-dns-zone_failed-title = 網域自己的 DNS 伺服器出錯
help-dns-zone_failed-means = 負責這個網域的名稱伺服器傳回錯誤（SERVFAIL、REFUSED）或不回答，所以誰都查不到它的郵件伺服器。
help-dns-zone_failed-causes = 網域委派失效（註冊商指向的伺服器不提供這個區域）、DNSSEC 設定錯誤，或名稱伺服器當機。
help-dns-zone_failed-fix = 網域管理員需要在註冊商或 DNS 服務供應商處修正DNS 設定（委派、DNSSEC、名稱伺服器）。

help-dns-domain_not_found-title = 電子郵件地址的網域不存在
help-dns-domain_not_found-means = DNS 說 @ 後面的部分不存在，所以找不到它的郵件伺服器。
help-dns-domain_not_found-causes = 地址拼寫錯誤、網域已過期，或網域從未註冊。
help-dns-domain_not_found-fix = 檢查地址的拼寫；如果沒有寫錯，需要網域所有者續費或註冊該網域。

help-dns-null_mx-title = 該網域不接收郵件（null MX）
help-dns-null_mx-means = 該網域發布了「null MX」記錄，明確表示不接收電子郵件。
help-dns-null_mx-causes = 該網域只用於網站，或其所有者關閉了郵件。
help-dns-null_mx-fix = 請使用其他地址；只有網域管理員才能為它啟用郵件。

help-dns-host_not_found-title = 伺服器名稱不存在
help-dns-host_not_found-means = 某個郵件伺服器的名稱（手動輸入的，或網域記錄指向的）在 DNS 中不存在。
help-dns-host_not_found-causes = 伺服器名稱拼寫錯誤，或網域的 SRV/autoconfig 記錄指向一個已不存在的主機。
help-dns-host_not_found-fix = 檢查郵件程式裡的伺服器名稱（maildoctor 會給出最接近的真實名稱）；如果是網域自己的記錄寫錯了，需要網域管理員修正。

help-dns-no_address-title = 伺服器名稱沒有 IP 地址
help-dns-no_address-means = 該伺服器名稱在 DNS 中存在，但沒有地址（沒有 A 或 AAAA 記錄），因此無法連線。
help-dns-no_address-causes = DNS 記錄不完整，或這個名稱本來就不是給郵件用的。
help-dns-no_address-fix = 使用服務供應商文件中的伺服器名稱；需要網域管理員補上缺少的地址記錄。

help-dns-lookup_failed-title = DNS 查詢失敗
help-dns-lookup_failed-means = 一次 DNS 查詢出錯或沒有及時得到回答；這並不能說明伺服器本身有問題。
help-dns-lookup_failed-causes = DNS 伺服器緩慢或故障、網路問題，或該網域的名稱伺服器出了問題。
help-dns-lookup_failed-fix = 稍後再試或換一個網路；如果一直失敗，用 --resolver 指定另一個 DNS 伺服器執行 maildoctor。

help-net-refused-title = 連線被拒絕
help-net-refused-means = 伺服器所在的電腦回應了，但拒絕了連線：該連接埠上沒有服務接受連線。
help-net-refused-causes = 連接埠或伺服器名稱填錯、郵件服務已停止，或防火牆拒絕了連線。
help-net-refused-fix = 對照服務供應商的設定檢查伺服器名稱和連接埠（執行 maildoctor 電子郵件地址 找出可用的設定）；如果設定無誤，需要伺服器管理員啟動服務。

help-net-timeout-title = 連線逾時
help-net-timeout-means = 連線請求在規定時間內沒有得到任何回應。
help-net-timeout-causes = 防火牆悄悄丟棄了連線（家裡、公司或服務供應商那邊）、伺服器當機，或伺服器名稱、連接埠填錯。
help-net-timeout-fix = 換一個網路試試（例如手機熱點）；檢查伺服器名稱和連接埠；詢問網路管理員是否封鎖了郵件連接埠。

help-net-no_reply-title = 伺服器沒有及時回應
help-net-no_reply-means = 連線已建立，但伺服器沒有在規定時間內回應命令。
help-net-no_reply-causes = 郵件伺服器過載或卡住，或途中的東西（代理、安全軟體）攔住了連線。
help-net-no_reply-fix = 稍後再試；如果一直這樣，需要伺服器管理員檢查郵件服務。

help-net-no_greeting-title = 伺服器始終沒有傳送問候
help-net-no_greeting-means = 連線已建立，但伺服器一直沒有傳送第一行（問候語）。
help-net-no_greeting-causes = 郵件服務卡住、該連接埠要求先建立 SSL/TLS，或代理接受了連線卻沒有轉發。
help-net-no_greeting-fix = 檢查加密方式是否與連接埠相符（993、995、465 用 SSL/TLS）；如果相符，需要伺服器管理員檢查郵件服務。

help-net-some_addresses_fail-title = 伺服器的部分地址無法連線
help-net-some_addresses_fail-means = 伺服器在它的一部分 IP 地址上可用，另一部分不可用（常見於 IPv6 與 IPv4）。
help-net-some_addresses_fail-causes = 伺服器或本網路的 IPv6（或 IPv4）設定有問題。
help-net-some_addresses_fail-fix = 需要伺服器管理員修復或刪除不可用的地址；在此之前換一個網路可能可以用。

help-net-unreachable-title = 無法到達伺服器
help-net-unreachable-means = 從本機到伺服器沒有可用的網路路徑。
help-net-unreachable-causes = 沒有連上網際網路、VPN 或防火牆規則，或所在網路到不了該地址（例如只有 IPv6）。
help-net-unreachable-fix = 檢查本機的網路連線，並換一個網路試試。

help-net-closed-title = 伺服器關閉了連線
help-net-closed-means = 伺服器（或途中的裝置）在對話中途中斷了連線。
help-net-closed-causes = 加密方式與連接埠不符、伺服器限制連線數，或安全軟體、防火牆切斷了連線。
help-net-closed-fix = 對照連接埠檢查加密方式；稍後再試；如果一直這樣，請詢問伺服器管理員。

help-protocol-mismatch-title = 應答的是另一種伺服器
help-protocol-mismatch-means = 回應的郵件通訊協定與預期的不同（例如設定的是 IMAP，回應的卻是 POP3）。
help-protocol-mismatch-causes = 填了另一個通訊協定的連接埠或伺服器（IMAP 993、POP3 995、SMTP 465/587）。
help-protocol-mismatch-fix = 在郵件程式中填寫與所選通訊協定對應的連接埠和伺服器。

help-protocol-error-title = 伺服器的回應不合規範
help-protocol-error-means = 伺服器的回應不符合郵件通訊協定。
help-protocol-error-causes = 該連接埠上不是郵件伺服器、中間有代理或安全軟體，或伺服器本身有問題。
help-protocol-error-fix = 檢查伺服器名稱和連接埠；如果沒有填錯，需要伺服器管理員檢查。

help-tls-mode_mismatch-title = 加密方式與連接埠不符
help-tls-mode_mismatch-means = 在要求 STARTTLS 的連接埠上用了 SSL/TLS，或者反過來。
help-tls-mode_mismatch-causes = 郵件程式裡的加密方式選錯了：993、995、465 連接埠用 SSL/TLS；143、110、587 連接埠用 STARTTLS。
help-tls-mode_mismatch-fix = 修改加密方式（或連接埠），使兩者相符。

help-tls-expired-title = 伺服器憑證已過期
help-tls-expired-means = 伺服器出示的憑證已過有效期，郵件程式會拒絕連線或發出警告。
help-tls-expired-causes = 伺服器管理員沒有續期憑證（或本機時鐘不對）。
help-tls-expired-fix = 檢查本機的日期和時間；否則需要伺服器管理員續期憑證。不要為輸入密碼而接受這個警告。

help-tls-not_yet_valid-title = 伺服器憑證尚未生效
help-tls-not_yet_valid-means = 從本機看，憑證的生效日期還沒到。
help-tls-not_yet_valid-causes = 本機時鐘不對，或伺服器過早安裝了憑證。
help-tls-not_yet_valid-fix = 把本機的日期和時間設定正確；如果時間沒錯，需要伺服器管理員修正憑證。

help-tls-name_mismatch-title = 憑證上的名稱不符
help-tls-name_mismatch-means = 伺服器憑證上寫的名稱與填寫的伺服器名稱不一致。
help-tls-name_mismatch-causes = 填的伺服器名稱是別名（請使用服務供應商文件中的名稱），或伺服器管理員裝錯了憑證。
help-tls-name_mismatch-fix = 使用憑證和服務供應商給出的伺服器名稱；如果已經是這個名稱，需要伺服器管理員修正憑證。

help-tls-self_signed-title = 憑證是自簽名的
help-tls-self_signed-means = 伺服器憑證不是由電腦信任的憑證頒發機構簽發的。
help-tls-self_signed-causes = 伺服器使用了自己製作的憑證，或有安全軟體在攔截加密連線。
help-tls-self_signed-fix = 伺服器管理員應安裝受信任機構簽發的憑證（例如 Let's Encrypt）；檢查本機是否有安全軟體在掃描郵件連線。

help-tls-untrusted-title = 憑證不受信任
help-tls-untrusted-means = 伺服器憑證無法追溯到本機信任的憑證頒發機構。
help-tls-untrusted-causes = 私有或未知的憑證頒發機構、缺少中間憑證，或有安全軟體在攔截加密連線。
help-tls-untrusted-fix = 伺服器管理員應使用公共機構簽發的憑證並傳送完整憑證鏈；檢查是否有安全軟體在掃描郵件連線。

help-tls-invalid_certificate-title = 憑證無效
help-tls-invalid_certificate-means = 伺服器憑證格式錯誤，或不允許用於這種用途。
help-tls-invalid_certificate-causes = 憑證檔案損壞，或憑證原本是為其他用途製作的。
help-tls-invalid_certificate-fix = 需要伺服器管理員安裝有效的憑證。

help-tls-chain_incomplete-title = 憑證鏈不完整
help-tls-chain_incomplete-means = 伺服器只發送了自己的憑證而沒有中間憑證，部分郵件程式因此無法驗證。
help-tls-chain_incomplete-causes = 伺服器只設定了憑證檔案，沒有設定完整憑證鏈。
help-tls-chain_incomplete-fix = 需要伺服器管理員設定完整憑證鏈（憑證加中間憑證）。

help-tls-expires_soon-title = 憑證即將過期
help-tls-expires_soon-means = 伺服器憑證將在 14 天內到期。
help-tls-expires_soon-causes = 還沒有續期，或自動續期出了問題。
help-tls-expires_soon-fix = 伺服器管理員應在憑證過期前續期。

help-tls-old_version-title = 伺服器只支援舊版 TLS
help-tls-old_version-means = 伺服器只提供 TLS 1.0 或 1.1，當前的郵件程式會拒絕。
help-tls-old_version-causes = 伺服器或其設定太舊。
help-tls-old_version-fix = 需要伺服器管理員啟用 TLS 1.2 或更新版本。

help-tls-handshake_failed-title = 無法建立加密連線
help-tls-handshake_failed-means = TLS 握手因憑證以外的原因失敗。
help-tls-handshake_failed-causes = 雙方沒有共同的加密演算法、加密方式與連接埠不符，或途中有裝置破壞了 TLS。
help-tls-handshake_failed-fix = 對照連接埠檢查加密方式；如果沒有問題，需要伺服器管理員檢查伺服器的 TLS 設定。

help-security-no_encryption-title = 伺服器不提供加密
help-security-no_encryption-means = 伺服器只能在不加密的情況下使用，密碼在傳輸途中任何人都能看到。
help-security-no_encryption-causes = 伺服器沒有設定 TLS。
help-security-no_encryption-fix = 不要向它傳送密碼；需要伺服器管理員啟用 TLS（SSL/TLS 或 STARTTLS）。

help-starttls-not_offered-title = 伺服器不提供 STARTTLS
help-starttls-not_offered-means = 在需要透過 STARTTLS 啟用加密的連接埠上，伺服器沒有提供它，密碼會以明文傳輸。
help-starttls-not_offered-causes = 伺服器沒有設定 TLS，或途中有裝置去掉了 STARTTLS。
help-starttls-not_offered-fix = 如果有的話，改用服務供應商的 SSL/TLS 連接埠（993、995、465）；需要伺服器管理員啟用 STARTTLS。

help-starttls-rejected-title = 伺服器拒絕了 STARTTLS
help-starttls-rejected-means = 伺服器聲稱支援 STARTTLS，卻拒絕啟動加密。
help-starttls-rejected-causes = 伺服器的 TLS 設定有問題。
help-starttls-rejected-fix = 如果有的話，改用服務供應商的 SSL/TLS 連接埠；需要伺服器管理員修復 TLS。

help-auth-failed-title = 使用者名稱或密碼錯誤
help-auth-failed-means = 伺服器明確表示使用者名稱或密碼不對。
help-auth-failed-causes = 密碼輸錯或已過時、使用者名稱錯誤（通常需要完整的電子郵件地址），或服務供應商要求應用程式密碼或授權碼時用了帳號密碼。
help-auth-failed-fix = 重新輸入密碼（注意大小寫鎖定）；使用者名稱填完整的電子郵件地址；如果服務供應商使用應用程式密碼或授權碼，請產生一個並使用它。

help-auth-protocol_disabled-title = 該帳號未啟用此服務
help-auth-protocol_disabled-means = 該帳號不允許在郵件程式中使用這個通訊協定（IMAP、POP3 或 SMTP）。
help-auth-protocol_disabled-causes = 服務預設關閉（QQ、網易 163/126、新浪），或所在單位關閉了它（Microsoft 365 的 SMTP AUTH）。
help-auth-protocol_disabled-fix = 在信箱網頁版的設定中啟用服務（例如「POP3/IMAP/SMTP 服務」），或聯絡管理員；也可以改用可用的其他通訊協定。

help-auth-account_blocked-title = 帳號被鎖定或停用
help-auth-account_blocked-means = 伺服器表示該帳號已被鎖定、暫停、凍結或停用。
help-auth-account_blocked-causes = 發現可疑活動後的安全措施、服務欠費，或管理員的決定。
help-auth-account_blocked-fix = 聯絡郵件服務供應商或郵件管理員解鎖帳號；在此之前換密碼也沒有用。

help-auth-app_password_required-title = 需要應用程式密碼或授權碼
help-auth-app_password_required-means = 服務供應商不接受在郵件程式中使用帳號密碼，要求另外的應用程式密碼（授權碼）。
help-auth-app_password_required-causes = 服務供應商的規定（啟用兩步驗證的 Gmail、Yahoo、iCloud；QQ、網易 163/126 則一直如此），通常還需要啟用相應服務。
help-auth-app_password_required-fix = 在信箱網頁版的設定中產生應用程式密碼或授權碼（如有提示，同時啟用 IMAP/POP3/SMTP 服務），在郵件程式中用它代替帳號密碼。

help-auth-oauth_required-title = 只能透過服務供應商的登入頁登入
help-auth-oauth_required-means = 服務供應商關閉了郵件程式的密碼登入，只能使用 OAuth2 登入（彈出服務供應商的瀏覽器登入視窗）。
help-auth-oauth_required-causes = 微軟停用了基本身份驗證（Outlook.com、Microsoft 365），或所在單位的安全預設設定。
help-auth-oauth_required-fix = 使用支援 OAuth2 登入的郵件程式（新版 Outlook、Thunderbird、Apple Mail：選擇服務供應商登入）；或聯絡管理員。

help-auth-web_login_required-title = 需要先在網頁上登入
help-auth-web_login_required-means = 在有人透過服務供應商網站登入之前，伺服器拒絕郵件程式登入（安全驗證、驗證碼、密碼過期）。
help-auth-web_login_required-causes = 服務供應商發現來自新地點或新裝置的登入、要求修改密碼，或要求驗證帳號。
help-auth-web_login_required-fix = 先在瀏覽器中登入一次服務供應商網站，按照安全提示操作（驗證身份，如有要求則修改密碼），然後再試郵件程式。

help-auth-too_many_attempts-title = 登入或連線次數過多
help-auth-too_many_attempts-means = 短時間內登入嘗試或連線太多，伺服器拒絕了。
help-auth-too_many_attempts-causes = 其他裝置或程式儲存了錯誤的密碼並不斷重試，或同時有太多程式在收信。
help-auth-too_many_attempts-fix = 停止所有查收這個帳號的裝置和程式，在儲存密碼的地方改正密碼，等一段時間（通常 15 分鐘到 1 小時）後再試一次。

help-auth-temporary-title = 伺服器臨時故障
help-auth-temporary-means = 伺服器因自身的臨時問題拒絕了登入。
help-auth-temporary-causes = 服務供應商在維護、負載過高或出現短暫故障。
help-auth-temporary-fix = 稍後再試；如果一直這樣，檢視服務供應商的狀態頁面或聯絡服務供應商。

help-auth-rejected-title = 登入被拒絕，原因不明
help-auth-rejected-means = 伺服器拒絕了登入，但其回覆沒有說明原因：密碼錯誤只是其中一種可能。
help-auth-rejected-causes = 密碼或使用者名稱錯誤、需要應用程式密碼或授權碼、服務未啟用，或被安全機制攔截。
help-auth-rejected-fix = 檢查使用者名稱（完整電子郵件地址）和密碼；在信箱網頁版設定中確認是否需要啟用服務並使用應用程式密碼或授權碼；執行 maildoctor 電子郵件地址 --login 瞭解更多。

help-auth-no_mechanism-title = 伺服器不提供密碼登入
help-auth-no_mechanism-means = 伺服器在這裡沒有提供任何使用密碼的登入方式（例如只支援 OAuth2）。
help-auth-no_mechanism-causes = 服務供應商只允許 OAuth2，或只在加密後、在其他連接埠上才允許密碼登入。
help-auth-no_mechanism-fix = 使用支援服務供應商登入方式（OAuth2）的郵件程式，或使用服務供應商文件中的連接埠和加密方式。

help-auth-username_format-title = 伺服器要求另一種使用者名稱格式
help-auth-username_format-means = 伺服器只接受地址中 @ 前面的部分作為使用者名稱（或與嘗試的不同格式）。
help-auth-username_format-causes = 伺服器自己的使用者名稱規則。
help-auth-username_format-fix = 按照 maildoctor 發現可用的格式填寫使用者名稱。

help-auth-incomplete-title = 登入沒能完成
help-auth-incomplete-means = 登入過程中連線斷開，因此對帳號一無所知。
help-auth-incomplete-causes = 網路問題、伺服器中斷連線，或中間有安全軟體。
help-auth-incomplete-fix = 再試一次，最好換一個網路。

help-auth-login_withheld-title = 沒有傳送密碼
help-auth-login_withheld-means = maildoctor 有意沒有把密碼傳送給該伺服器，因此帳號沒有經過測試。
help-auth-login_withheld-causes = 該伺服器只是猜測的、不屬於地址的網域和服務供應商、不加密，或是 25 連接埠。
help-auth-login_withheld-fix = 確認該伺服器確實屬於服務供應商；如果是，加 --allow-untrusted-host 再執行（不加密的伺服器絕不可以）。

help-srv-not_offered-title = 網域宣告不提供某項服務
help-srv-not_offered-means = 該網域的 SRV 記錄明確表示不提供某項郵件服務（例如 POP3）。
help-srv-not_offered-causes = 網域所有者的選擇。
help-srv-not_offered-fix = 使用網域提供的服務（通常是 IMAP）。

help-check-wrong_port-title = 連接埠屬於另一個通訊協定
help-check-wrong_port-means = 填寫的連接埠是另一個通訊協定的常用連接埠（例如為 IMAP 填了 POP3 的 995）。
help-check-wrong_port-causes = 設定帳號時把連接埠弄混了。
help-check-wrong_port-fix = 使用 IMAP 993、POP3 995、SMTP 465 或 587（或服務供應商文件中的連接埠）。

help-check-port_25-title = 25 連接埠是給伺服器用的
help-check-port_25-means = 寄件填了 25 連接埠：它用於伺服器之間轉發郵件，對個人使用者常被封鎖。
help-check-port_25-causes = 舊的設定或猜測。
help-check-port_25-fix = 寄件使用 465 連接埠（SSL/TLS）或 587 連接埠（STARTTLS）。

help-check-wrong_host-title = 伺服器屬於另一個通訊協定
help-check-wrong_host-means = 填寫的伺服器是另一個通訊協定的伺服器（例如把 IMAP 伺服器填成了 POP3 伺服器）。
help-check-wrong_host-causes = 設定帳號時把伺服器弄混了。
help-check-wrong_host-fix = 填寫與通訊協定對應的伺服器。

help-check-wrong_protocol-title = 填寫的伺服器上應答的是另一個通訊協定
help-check-wrong_protocol-means = 填寫的伺服器和連接埠用與所選不同的通訊協定應答。
help-check-wrong_protocol-causes = 郵件程式中選擇的通訊協定、連接埠或伺服器不一致。
help-check-wrong_protocol-fix = 選擇與伺服器和連接埠相符的通訊協定，或改成所選通訊協定對應的伺服器和連接埠。

help-settings-no_incoming-title = 沒有可用的收件伺服器
help-settings-no_incoming-means = 找到的 IMAP 或 POP3 伺服器都無法使用。
help-settings-no_incoming-causes = 上面的各項診斷分別說明了原因（網路、DNS、憑證）。
help-settings-no_incoming-fix = 先解決上面的第一項問題，或向服務供應商索取收件伺服器設定。

help-settings-no_outgoing-title = 沒有可用的寄件伺服器
help-settings-no_outgoing-means = 找到的 SMTP 伺服器都無法使用。
help-settings-no_outgoing-causes = 上面的各項診斷分別說明了原因；25 連接埠常被網路業者封鎖。
help-settings-no_outgoing-fix = 先解決上面的第一項問題，或向服務供應商索取寄件伺服器設定（465 或 587 連接埠）。

help-settings-no_imap-title = 服務供應商不提供 IMAP
help-settings-no_imap-means = 該服務供應商不為郵件程式提供 IMAP。
help-settings-no_imap-causes = 服務供應商的選擇（例如 Tuta、HEY 使用自己的應用程式）。
help-settings-no_imap-fix = 使用服務供應商自己的應用程式，或在可用時使用 POP3。

help-source-disagreement-title = 公開的設定相互矛盾
help-source-disagreement-means = 該網域公開的來源（SRV、autoconfig、Autodiscover）給出了不同的伺服器。
help-source-disagreement-causes = 更換服務供應商後遺留的舊記錄。
help-source-disagreement-fix = 使用 maildoctor 驗證過的設定；網域管理員應刪除過時的記錄。

help-source-plaintext_advertised-title = 有來源推薦了不加密的伺服器
help-source-plaintext_advertised-means = 某個公開來源推薦了不加密的伺服器。
help-source-plaintext_advertised-causes = 設定檔案或記錄已過時。
help-source-plaintext_advertised-fix = 改用加密的設定；網域管理員應更新該來源。

help-source-plain_http-title = 某項設定只來自未加密的網頁
help-source-plain_http-means = 某項設定只在透過明文 HTTP 獲取的 autoconfig 檔案中找到，途中任何人都可能篡改。
help-source-plain_http-causes = 該網域沒有透過 HTTPS 發布 autoconfig 檔案。
help-source-plain_http-fix = 使用前對照服務供應商文件核對該設定；網域管理員應透過 HTTPS 發布。

help-source-other_domain-title = 伺服器在另一個網域下
help-source-other_domain-means = 顯示的某個伺服器屬於與電子郵件地址不同的網域，託管信箱常見如此，但值得核實。
help-source-other_domain-causes = 郵件由服務供應商以自己的網域託管（例如 Microsoft 365、Google Workspace、騰訊企業郵）。
help-source-other_domain-fix = 輸入密碼前確認該網域確實是這個信箱的服務供應商。

help-source-guess_only-title = 某項設定只是猜測的
help-source-guess_only-means = 某個方向的最佳設定是透過嘗試常見伺服器名稱得到的，而不是來自公開來源。
help-source-guess_only-causes = 該網域沒有發布任何設定（沒有 SRV、autoconfig 或 Autodiscover），服務供應商資料庫裡也沒有。
help-source-guess_only-fix = 依賴該設定之前先向服務供應商確認。

help-run-interrupted-title = 檢查被中斷
help-run-interrupted-means = maildoctor 在完成之前被停止；報告不完整。
help-run-interrupted-causes = 按了 Ctrl-C 或收到訊號。
help-run-interrupted-fix = 重新執行並讓它完成。

help-run-local_resources-title = 本機資源不足
help-run-local_resources-means = 本機的檔案描述符或通訊端用完了，部分檢查無法進行；這與伺服器無關。
help-run-local_resources-causes = 可開啟的檔案數上限太低，或同時進行的檢查太多。
help-run-local_resources-fix = 提高可開啟的檔案數上限（ulimit -n）或減小 --jobs，然後重新執行。

help-run-offline-title = 沒有透過網路檢查
help-run-offline-means = 使用 --offline 時，maildoctor 只顯示服務供應商資料庫中的資訊，不做檢查。
help-run-offline-causes = 使用了 --offline。
help-run-offline-fix = 去掉 --offline 執行以檢查伺服器。
