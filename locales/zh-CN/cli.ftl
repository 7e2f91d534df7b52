# 命令行的文字（zh-CN）：标准错误输出上的致命错误、警告和提示。

cli-error-line = maildoctor: 错误：{ $message }
cli-warning-line = maildoctor: 警告：{ $message }
cli-notice-line = maildoctor: { $message }

cli-error-usage = 命令行参数有误：{ $detail }
cli-error-address-no-at = “{ $input }”不是邮箱地址：缺少“@”
cli-error-address-empty-local = “{ $input }”不是邮箱地址：“@”前面是空的
cli-error-address-empty-domain = “{ $input }”不是邮箱地址：“@”后面是空的
cli-error-address-bad-local = “{ $input }”不是邮箱地址：“@”前面含有字符“{ $character }”
cli-error-address-bad-domain = “{ $input }”不是邮箱地址：“{ $domain }”不是有效的域名
cli-error-address-local-too-long = “{ $input }”不是邮箱地址：“@”前面有 { $octets } 个字节，超过 64 个（RFC 5321）
cli-error-address-too-long = “{ $input }”不是邮箱地址：长度为 { $octets } 个字节，超过 254 个（RFC 5321）
cli-error-provider = 服务商数据无法读取：{ $detail }
cli-error-resolver = 无法设置 DNS 解析：{ $detail }
cli-error-tls = 无法加载证书信任库（或 --ca-file）：{ $detail }
cli-error-output = 无法输出结果：{ $detail }

cli-interrupted-report = maildoctor: 已中断，下面是到目前为止查到的结果
cli-interrupted-batch = maildoctor: 已中断；上面已经输出的每条记录都是完整的
cli-batch-summary = maildoctor：{ $total } 个地址，用时 { $seconds } 秒：{ $ok } 个正常，{ $warning } 个有警告，{ $broken } 个有问题，{ $invalid } 个无效

cli-password-env-batch = 批量模式不使用 MAILDOCTOR_PASSWORD；请用 --password-file 为每个地址提供密码
cli-password-env-ignored = 未指定 --login，已忽略 MAILDOCTOR_PASSWORD，不会登录

cli-provider-file-unreadable = 服务商文件 { $at } 无法读取（{ $error }），已跳过
cli-provider-file-too-large = 服务商文件 { $at } 超过 { $max } 字节，已跳过
cli-provider-file-not-utf8 = 服务商文件 { $at } 不是 UTF-8 文本，已跳过
cli-provider-file-parse = 服务商文件 { $at } 格式有误（{ $reason }），已跳过整个文件
cli-provider-invalid-server = 服务商文件 { $at }（服务商“{ $provider }”）：{ $protocol } 服务器设置有误（{ $problem }），已忽略这一项
cli-provider-invalid-domain = 服务商文件 { $at }（服务商“{ $provider }”）：<domain> “{ $value }”不是有效的域名，已忽略
cli-provider-incomplete = 服务商文件 { $at }（服务商“{ $provider }”）不完整（{ $what }），已跳过这个服务商
cli-provider-duplicate-domain = 服务商文件 { $at }（服务商“{ $provider }”）：域名 { $domain } 已在 { $other } 里，这里的已忽略
cli-provider-too-many-files = 服务商文件超过 { $max } 个；从 { $at } 起的文件已跳过

cli-providers-kind-builtin = 内置
cli-providers-kind-imported = 导入
cli-providers-override = 覆盖
cli-providers-warning-line = 警告：{ $message }
cli-providers-col-id = 编号
cli-providers-col-domains = 域名数
cli-providers-col-name = 名称
cli-providers-col-source = 来源
cli-providers-total = 共 { $providers } 个服务商，{ $domains } 个域名
cli-providers-security-none = 无加密（明文）
cli-providers-not-found = { $input }：服务商数据库里没有这个域名
cli-providers-colon = ：
cli-providers-field-id = 编号
cli-providers-field-source = 来源
cli-providers-field-domains = 域名
cli-providers-field-mx = MX 后缀
cli-providers-field-username = 用户名
cli-providers-servers = 服务器：
cli-providers-none = （无）
cli-providers-hints = 提示：
cli-providers-documentation = 帮助文档：
cli-providers-provenance = 数据来源：
cli-providers-lint-error = 错误
cli-providers-lint-warning = 警告
cli-providers-lint-provider = 服务商“{ $provider }”：
cli-providers-lint-summary = 共 { $files } 个文件、{ $providers } 个服务商：{ $errors } 个错误，{ $warnings } 个警告

cli-lint-does-not-parse = 无法解析：{ $error }
cli-lint-invalid-server = { $protocol } 服务器设置有误：{ $problem }
cli-lint-invalid-domain = <domain> “{ $value }”不是有效的域名
cli-lint-any-domain = <domain>%EMAILDOMAIN%</domain> 无法查找：请列出具体域名
cli-lint-incomplete = 服务商条目不完整：{ $what }
cli-lint-duplicate-domain = 域名 { $domain } 同时属于服务商“{ $other }”（{ $file }）
cli-lint-port-needs-tls = { $at } 标为 { $security }，但 { $port } 端口应使用 SSL/TLS 加密连接
cli-lint-port-is-starttls = { $at } 标为 SSL/TLS，但 { $port } 端口通常使用 STARTTLS
cli-lint-plaintext = { $at } 没有加密：密码会以明文传输
cli-lint-needs-hint = { $domain } 在邮件客户端里不能直接用账号密码登录，但没有 { $codes } 提示
cli-lint-or = {" 或 "}
cli-lint-hint-without-zh = 提示 { $code } 缺少中文（zh-CN）文字
cli-lint-no-source = 没有 <md:source>：请注明这些信息的来源
