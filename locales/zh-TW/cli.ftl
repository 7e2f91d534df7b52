# 命令列的文字（zh-TW）：標準錯誤輸出上的嚴重錯誤、警告和提示。

cli-error-line = maildoctor: 錯誤：{ $message }
cli-warning-line = maildoctor: 警告：{ $message }
cli-notice-line = maildoctor: { $message }

cli-error-usage = 命令列參數有誤：{ $detail }
cli-error-address-no-at = 「{ $input }」不是電子郵件地址：缺少「@」
cli-error-address-empty-local = 「{ $input }」不是電子郵件地址：「@」前面是空的
cli-error-address-empty-domain = 「{ $input }」不是電子郵件地址：「@」後面是空的
cli-error-address-bad-local = 「{ $input }」不是電子郵件地址：「@」前面含有字元「{ $character }」
cli-error-address-bad-domain = 「{ $input }」不是電子郵件地址：「{ $domain }」不是有效的網域名稱
cli-error-address-local-too-long = 「{ $input }」不是電子郵件地址：「@」前面有 { $octets } 個位元組，超過 64 個（RFC 5321）
cli-error-address-too-long = 「{ $input }」不是電子郵件地址：長度為 { $octets } 個位元組，超過 254 個（RFC 5321）
cli-error-provider = 無法讀取服務商資料：{ $detail }
cli-error-resolver = 無法設定 DNS 解析：{ $detail }
cli-error-tls = 無法載入憑證信任存放區（或 --ca-file）：{ $detail }
cli-error-output = 無法輸出結果：{ $detail }

cli-interrupted-report = maildoctor: 已中斷，以下是到目前為止查到的結果
cli-interrupted-batch = maildoctor: 已中斷；上面已輸出的每筆記錄都是完整的
cli-batch-summary = maildoctor：{ $total } 個地址，耗時 { $seconds } 秒：{ $ok } 個正常，{ $warning } 個有警告，{ $broken } 個有問題，{ $invalid } 個無效

cli-password-env-batch = 批次模式不使用 MAILDOCTOR_PASSWORD；請用 --password-file 為每個地址提供密碼
cli-password-env-ignored = 未指定 --login，已忽略 MAILDOCTOR_PASSWORD，不會登入

cli-provider-file-unreadable = 服務商檔案 { $at } 無法讀取（{ $error }），已略過
cli-provider-file-too-large = 服務商檔案 { $at } 超過 { $max } 位元組，已略過
cli-provider-file-not-utf8 = 服務商檔案 { $at } 不是 UTF-8 文字，已略過
cli-provider-file-parse = 服務商檔案 { $at } 格式有誤（{ $reason }），已略過整個檔案
cli-provider-invalid-server = 服務商檔案 { $at }（服務商「{ $provider }」）：{ $protocol } 伺服器設定有誤（{ $problem }），已忽略這一項
cli-provider-invalid-domain = 服務商檔案 { $at }（服務商「{ $provider }」）：<domain>「{ $value }」不是有效的網域名稱，已忽略
cli-provider-incomplete = 服務商檔案 { $at }（服務商「{ $provider }」）不完整（{ $what }），已略過這個服務商
cli-provider-duplicate-domain = 服務商檔案 { $at }（服務商「{ $provider }」）：網域 { $domain } 已在 { $other } 裡，這裡的已忽略
cli-provider-too-many-files = 服務商檔案超過 { $max } 個；從 { $at } 起的檔案已略過

cli-providers-kind-builtin = 內建
cli-providers-kind-imported = 匯入
cli-providers-override = 覆寫
cli-providers-warning-line = 警告：{ $message }
cli-providers-col-id = 編號
cli-providers-col-domains = 網域數
cli-providers-col-name = 名稱
cli-providers-col-source = 來源
cli-providers-total = 共 { $providers } 個服務商，{ $domains } 個網域
cli-providers-security-none = 不加密（明文）
cli-providers-not-found = { $input }：服務商資料庫裡沒有這個網域
cli-providers-colon = ：
cli-providers-field-id = 編號
cli-providers-field-source = 來源
cli-providers-field-domains = 網域
cli-providers-field-mx = MX 字尾
cli-providers-field-username = 使用者名稱
cli-providers-servers = 伺服器：
cli-providers-none = （無）
cli-providers-hints = 提示：
cli-providers-documentation = 說明文件：
cli-providers-provenance = 資料來源：
cli-providers-lint-error = 錯誤
cli-providers-lint-warning = 警告
cli-providers-lint-provider = 服務商「{ $provider }」：
cli-providers-lint-summary = 共 { $files } 個檔案、{ $providers } 個服務商：{ $errors } 個錯誤，{ $warnings } 個警告

cli-lint-does-not-parse = 無法解析：{ $error }
cli-lint-invalid-server = { $protocol } 伺服器設定有誤：{ $problem }
cli-lint-invalid-domain = <domain>「{ $value }」不是有效的網域名稱
cli-lint-any-domain = <domain>%EMAILDOMAIN%</domain> 無法查詢：請列出具體的網域
cli-lint-incomplete = 服務商項目不完整：{ $what }
cli-lint-duplicate-domain = 網域 { $domain } 同時屬於服務商「{ $other }」（{ $file }）
cli-lint-port-needs-tls = { $at } 標為 { $security }，但連接埠 { $port } 應使用 SSL/TLS 加密連線
cli-lint-port-is-starttls = { $at } 標為 SSL/TLS，但連接埠 { $port } 通常使用 STARTTLS
cli-lint-plaintext = { $at } 沒有加密：密碼會以明文傳送
cli-lint-needs-hint = { $domain } 在郵件軟體裡不能直接用帳號密碼登入，但沒有 { $codes } 提示
cli-lint-or = {" 或 "}
cli-lint-hint-without-zh = 提示 { $code } 缺少中文（zh-CN）文字
cli-lint-no-source = 沒有 <md:source>：請註明這些資訊的來源
