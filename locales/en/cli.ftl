# cli messages (en): fatal errors, warnings and notices on stderr. --help stays English (clap).

# $message: the error, warning or notice (cli-error-…, a provider file warning…).
cli-error-line = maildoctor: error: { $message }
cli-warning-line = maildoctor: warning: { $message }
cli-notice-line = maildoctor: { $message }

# Fatal errors. In English the same text as the error's Display; $detail is technical
# (an OS error, a file name, the command-line problem) and stays as it is.
cli-error-usage = { $detail }
# $input: what was typed (its beginning only when too long).
cli-error-address-no-at = '{ $input }' is not an email address: it has no '@'
cli-error-address-empty-local = '{ $input }' is not an email address: nothing before the '@'
cli-error-address-empty-domain = '{ $input }' is not an email address: nothing after the '@'
# $character: the character that is not allowed.
cli-error-address-bad-local = '{ $input }' is not an email address: the part before the '@' contains '{ $character }'
# $domain: the part after the '@'.
cli-error-address-bad-domain = '{ $input }' is not an email address: '{ $domain }' is not a valid domain name
# $octets: the length in bytes.
cli-error-address-local-too-long = '{ $input }' is not an email address: the part before the '@' is { $octets } octets long, more than 64 (RFC 5321)
cli-error-address-too-long = '{ $input }' is not an email address: it is { $octets } octets long, more than 254 (RFC 5321)
cli-error-provider = provider data: { $detail }
cli-error-resolver = { $detail }
cli-error-tls = { $detail }
cli-error-output = cannot write output: { $detail }

cli-interrupted-report = maildoctor: interrupted; printing what was found so far
cli-interrupted-batch = maildoctor: interrupted; every record written above is complete
# The batch summary. $total, $ok, $warning, $broken, $invalid (numbers): addresses;
# $seconds: the run time in seconds, one decimal.
cli-batch-summary = maildoctor: { $total } address(es) in { $seconds } s: { $ok } ok, { $warning } with warnings, { $broken } broken, { $invalid } invalid

cli-password-env-batch = MAILDOCTOR_PASSWORD is ignored in batch mode; give each address its password with --password-file
cli-password-env-ignored = MAILDOCTOR_PASSWORD is set but ignored without --login; nothing logs in

# Warnings about a provider file (--providers): it, or a part of it, is left out.
# $at: file:line; $provider: the provider's id; the other variables are technical
# details (an OS error, the parser's diagnosis, what is wrong) and stay as they are.
cli-provider-file-unreadable = provider file { $at } cannot be read ({ $error }); skipped
# $max: the size limit in bytes.
cli-provider-file-too-large = provider file { $at } is larger than { $max } bytes; skipped
cli-provider-file-not-utf8 = provider file { $at } is not UTF-8 text; skipped
cli-provider-file-parse = provider file { $at }: { $reason }; the file is skipped
# $protocol: IMAP, POP3 or SMTP.
cli-provider-invalid-server = provider file { $at }, provider '{ $provider }': { $protocol } server: { $problem }; this server is left out
# $value: the <domain> as written.
cli-provider-invalid-domain = provider file { $at }, provider '{ $provider }': <domain> '{ $value }' is not a domain name; left out
# $what: what is missing.
cli-provider-incomplete = provider file { $at }, provider '{ $provider }': { $what }; the provider is skipped
# $other: the file that keeps the domain.
cli-provider-duplicate-domain = provider file { $at }, provider '{ $provider }': domain '{ $domain }' is already in { $other }; left out here
# $max: the most files read; $at: the first file skipped.
cli-provider-too-many-files = more than { $max } provider files; { $at } and the files after it are skipped

# maildoctor providers list / show / lint.
cli-providers-kind-builtin = built-in
cli-providers-kind-imported = imported
# Before the file that overrides a provider ("built-in gmail.xml + override corp.xml").
cli-providers-override = override
# $message: a provider file warning (cli-provider-…).
cli-providers-warning-line = warning: { $message }
cli-providers-col-id = id
cli-providers-col-domains = domains
cli-providers-col-name = name
cli-providers-col-source = source
# $providers, $domains (numbers).
cli-providers-total = { $providers } providers, { $domains } domains
cli-providers-security-none = none (plaintext)
# $input: the domain or address asked for.
cli-providers-not-found = { $input }: not in the provider database
cli-providers-colon = {": "}
cli-providers-field-id = id
cli-providers-field-source = source
cli-providers-field-domains = domains
cli-providers-field-mx = MX suffixes
cli-providers-field-username = user name
cli-providers-servers = Servers:
cli-providers-none = (none)
cli-providers-hints = Hints:
cli-providers-documentation = Documentation:
cli-providers-provenance = Provenance:
cli-providers-lint-error = error
cli-providers-lint-warning = warning
# $provider: the provider's id; followed by the problem.
cli-providers-lint-provider = provider '{ $provider }':{" "}
# $files, $providers, $errors, $warnings (numbers).
cli-providers-lint-summary = { $files } files, { $providers } providers: { $errors } errors, { $warnings } warnings

# maildoctor providers lint: what is wrong in a provider file.
# $error: the parser's diagnosis.
cli-lint-does-not-parse = does not parse: { $error }
# $protocol: imap, pop3 or smtp; $problem: what is wrong (technical).
cli-lint-invalid-server = { $protocol } server: { $problem }
# $value: the <domain> as written.
cli-lint-invalid-domain = <domain> '{ $value }' is not a domain name
cli-lint-any-domain = <domain>%EMAILDOMAIN%</domain> cannot be looked up: list the domains
# $what: what is missing (technical, English).
cli-lint-incomplete = { $what }
# $domain; $other: the provider that also claims it; $file: that provider's file.
cli-lint-duplicate-domain = domain '{ $domain }' is also claimed by provider '{ $other }' ({ $file })
# $at: "imap host:port"; $security: SSL/TLS, STARTTLS or plain; $port.
cli-lint-port-needs-tls = { $at } is marked { $security }, but port { $port } is for SSL/TLS from the first byte
cli-lint-port-is-starttls = { $at } is marked SSL/TLS, but port { $port } is normally STARTTLS
cli-lint-plaintext = { $at } is plaintext: passwords would travel unencrypted
# $domain; $codes: the hint codes that would do, joined with cli-lint-or.
cli-lint-needs-hint = { $domain } needs something other than the account password in mail programs, but no { $codes } hint says so
cli-lint-or = {" or "}
# $code: the hint's code.
cli-lint-hint-without-zh = hint { $code } has no zh-CN text
cli-lint-no-source = no <md:source>: where do these facts come from?

# Command-line problems (src/error.rs Usage, built with usage!). Shown after cli-error-usage's
# lead. $error: an operating-system error text (stays as the system gives it); $value: what
# was typed; $env: the password variable's name; $format: a --format name.
usage-password-stdin-read = --password-stdin: cannot read stdin: { $error }
usage-password-stdin-empty = --password-stdin: standard input held no password
usage-login-needs-password = --login needs a password: use --password-stdin or set { $env } (standard input is not a terminal, so there is no prompt)
usage-password-read = cannot read the password: { $error }
usage-password-empty = no password entered
usage-autodiscover-auth-needs-password = --autodiscover-auth needs a password: use --password-stdin, or --login with { $env } or a prompt
usage-timeout = --timeout must be between 0 and 600 seconds, not { $value }
usage-explain-no-address = `maildoctor explain …` takes no address and no --batch
usage-flag-needs-value = { $flag } needs a value
usage-unknown-lang = unknown --lang { $value }
usage-providers-no-address = `maildoctor providers …` takes no address and no --batch
usage-batch-only-flags = --jobs, --password-file and --shard go with --batch
usage-format-single-only = --format { $format } is for one address; --batch writes ndjson or csv
usage-shard = --shard '{ $value }': expected K/N with 1 <= K <= N, e.g. 2/8
usage-address-required = an email address is required
usage-format-batch-only = --format { $format } goes with --batch; for one address use table, json, md or html
usage-json-with-format = --json is --format json; it does not go with --format { $format }
usage-resolver = --resolver expects IP or IP:PORT, not '{ $value }'
usage-connect-to = --connect-to expects HOST1:PORT1:HOST2:PORT2 (IPv6 in brackets), not '{ $value }'
# $field: PORT1 or PORT2.
usage-connect-to-port = --connect-to '{ $value }': { $field } '{ $port }' is not a port number
usage-check-no-scheme = --check '{ $value }': expected SCHEME://HOST[:PORT], e.g. imaps://imap.example.com
usage-check-scheme = --check '{ $value }': unknown scheme '{ $scheme }' (use imap, imaps, pop3, pop3s, smtp, smtps or submission)
usage-check-unclosed-bracket = --check '{ $value }': unclosed '[' in host
usage-check-after-bracket = --check '{ $value }': unexpected text after ']'
usage-check-port = --check '{ $value }': '{ $port }' is not a port number
usage-check-no-host = --check '{ $value }': no host name
usage-check-host = --check '{ $value }': '{ $host }' is not a valid host name
usage-batch-input = cannot read --batch input '{ $path }': { $error }
usage-password-file-read = --password-file '{ $path }': { $error }
# $mode: the file's permission bits in octal, e.g. 644.
usage-password-file-mode = --password-file '{ $path }' is readable by group or others (mode { $mode }); run chmod 600 on it
# A bad line of the password file; the line itself is never quoted (it may hold a password).
usage-password-file-not-utf8 = --password-file '{ $path }' line { $line }: not valid UTF-8
usage-password-file-no-tab = --password-file '{ $path }' line { $line }: expected ADDRESS<TAB>PASSWORD (no TAB in the line)
usage-password-file-address = --password-file '{ $path }' line { $line }: the first column is not a valid email address (expected ADDRESS<TAB>PASSWORD; are the columns swapped?)
usage-password-file-empty-password = --password-file '{ $path }' line { $line }: the password column is empty
