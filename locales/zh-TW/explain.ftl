# explain 訊息（zh-TW）。

explain-label = { $label }：
explain-recognised-reply = 伺服器回覆（{ $protocol }）：「{ $reply }」
explain-recognised-client-code = { $client } 錯誤 { $number }：{ $meaning }
explain-recognised-client-message = { $client } 提示：{ $meaning }
explain-not-exact = 僅憑這段文字無法判斷是其中哪一種原因：請執行 `maildoctor 電子郵件地址`（密碼問題加 --login）找出原因。
explain-unknown = 無法識別這段文字：它不是 maildoctor 認識的伺服器回覆、郵件程式錯誤代碼或提示。請執行 `maildoctor 電子郵件地址`（加 --login 測試密碼）診斷帳號，或貼上伺服器的原始回覆。
explain-provider-likely = 在{ $provider }，這樣的拒絕通常意味著 { $code }（{ $title }）：{ $fix }
explain-provider-hints = { $provider }的要求：
explain-help-index-title = maildoctor 診斷代碼
explain-help-pages-written = 已將 { $count } 個說明頁寫入 { $dir }。

explain-meaning-busy = 伺服器或信箱正忙（可能有其他程式正連著它）
explain-meaning-cant-find-host = 找不到伺服器的名稱
explain-meaning-failed-to-connect = 無法連線到伺服器：連線可能被拒絕、被攔截，或連到了錯誤的主機
explain-meaning-connection-dropped = 用戶端與伺服器通訊時連線被關閉
explain-meaning-socket-error = 本機在連線時發生網路錯誤
explain-meaning-logon-failed = 登入被拒絕（啟用了「安全密碼驗證」而伺服器不支援時也會出現這個錯誤）
explain-meaning-timeout = 伺服器沒有及時回應
explain-meaning-secure-connect-failed = 無法建立加密（SSL）連線：通常是加密方式與連接埠不符
explain-meaning-smtp-421 = 寄件伺服器回覆 421：暫時不可用，並關閉了連線
explain-meaning-pop3-error = 收件（POP3）伺服器拒絕了一個命令，通常是登入
explain-meaning-pop3-user = 收件（POP3）伺服器拒絕了使用者名稱
explain-meaning-pop3-password = 收件（POP3）伺服器拒絕了密碼
explain-meaning-incoming-connect = 無法連線到收件（POP3）伺服器：被拒絕、被攔截或主機錯誤
explain-meaning-outgoing-connect = 無法連線到寄件（SMTP）伺服器：被拒絕、被攔截或主機錯誤
explain-meaning-incoming-timeout = 收件（POP3）伺服器沒有及時回應
explain-meaning-outgoing-timeout = 寄件（SMTP）伺服器沒有及時回應
explain-meaning-tb-refused = 伺服器拒絕了連線
explain-meaning-tb-timeout = 連線逾時：被防火牆攔截、伺服器當機，或伺服器、連接埠填錯
explain-meaning-tb-reset = 通訊過程中連線被切斷（重置或中斷）
explain-meaning-tb-unknown-host = 無法連線伺服器；找不到伺服器名稱時 Thunderbird 會這樣提示
explain-meaning-tb-login-failed = 伺服器拒絕了登入；伺服器自己的回覆（在 Thunderbird 的錯誤控制台中）說明了原因
explain-meaning-tb-not-imap4 = 伺服器的應答不像 IMAP 伺服器：通常是填了另一個通訊協定的連接埠或加密方式
explain-meaning-apple-password = 伺服器拒絕了登入；凡是登入被拒，Apple Mail 都這樣提示，不一定是密碼錯誤
explain-meaning-apple-connection = 「郵件」無法連線到伺服器：被拒絕、被攔截或主機錯誤

explain-md-more = - **{ $label }**：`maildoctor explain { $code }`

explain-heading-inexact = { $code }（可能是：{ $title }）
