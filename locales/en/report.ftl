# Report messages (en): the table, the settings card, the Markdown and HTML reports.
# Variables are described above a message where not obvious.

# Between a label and its value.
report-colon = :{" "}
# Where a setting was found.
report-source-you-check = you (--check)
report-source-provider-database = provider database
report-source-guess = guess
report-source-autoconfig-plain-http = autoconfig (plain HTTP)
report-source-autoconfig-via-mx = autoconfig via MX
# What a discovery source did.
report-source-status-found = found
report-source-status-nothing = nothing
report-source-status-does-not-exist = does not exist
report-source-status-failed = failed
report-source-status-timed-out = timed out
report-source-status-skipped = skipped
report-source-status-unusable-answer = unusable answer
# Who must act on a finding.
report-actor-you = you
report-actor-helpdesk = helpdesk
report-actor-mail-provider = mail provider
report-actor-server-admin = server admin
report-actor-domain-admin = domain admin
report-actor-network = network
report-actor-this-computer = this computer
# The "Checked" column: the server was reached (connection and TLS), not more.
report-checked-yes = yes
report-checked-no = NO
# Login states of a setting; report-login-ok is also the verdict inside report-login-result.
report-login-ok = ok
report-login-failed = FAILED
report-login-not-tested = not tested
report-login-withheld = withheld
# What goes in the password field.
report-password-account = Password field: the account's password.
report-password-app = Password field: an app password created in the account's security settings, not the account password.
report-password-authorization-code = Password field: the authorization code shown when the service is turned on, not the account password.
report-password-oauth2 = Password field: none; this provider only accepts OAuth2 sign-in (choose OAuth2 in a mail client that supports it).
# Column headers of the steps in the probe matrix.
report-step-col-dns = DNS
report-step-col-tcp = TCP
report-step-col-greeting = Greeting
report-step-col-capabilities = Capabilities
report-step-col-caps-after-tls = Caps after TLS
report-step-col-login-methods = Login methods
report-step-col-login = Login
# A few words on why a step failed, for a cell of the probe matrix.
report-failure-no-such-name = no such name
report-failure-no-address = no address
report-failure-dns-failed = DNS failed
report-failure-dns-timeout = DNS timeout
report-failure-refused = refused
report-failure-timeout = timeout
report-failure-unreachable = unreachable
report-failure-closed = closed
report-failure-bad-reply = bad reply
report-failure-wrong-protocol = wrong protocol
report-failure-plaintext-port = plaintext port
report-failure-ssl-tls-port = SSL/TLS port
report-failure-expired = expired
report-failure-not-yet-valid = not yet valid
report-failure-name-mismatch = name mismatch
report-failure-self-signed = self-signed
report-failure-untrusted = untrusted
report-failure-bad-certificate = bad certificate
report-failure-handshake-failed = handshake failed
report-failure-not-offered = not offered
report-failure-rejected = rejected
report-failure-silent = silent
report-failure-chain-incomplete = chain incomplete
report-failure-tls-too-old = TLS too old
report-failure-wrong-user-password = wrong user/password
report-failure-service-off = service off
report-failure-account-blocked = account blocked
report-failure-app-password-needed = app password needed
report-failure-oauth2-only = OAuth2 only
report-failure-web-login-needed = web login needed
report-failure-too-many-attempts = too many attempts
report-failure-temporary-failure = temporary failure
report-failure-auth-rejected = refused
report-failure-no-password-login = no password login
report-failure-interrupted = interrupted
report-failure-out-of-sockets-here = out of sockets here
# Labels in front of the account and the provider; English pads them to the same width.
report-account-label = Account:{"  "}
report-provider-label = Provider:{" "}
report-settings-to-use = Settings to use
report-none-found = (none found)
# Between the sources of a setting.
report-list-separator = ,{" "}
report-protocol = Protocol
# Column of the settings table (the host name).
report-col-server = Server
report-port = Port
report-security = Security
report-col-username = User name
report-checked = Checked
report-found-by = Found by
report-recommended-note = ★ recommended: use these; the other rows are alternatives.
# Between a setting and its login state in a note under the table.
report-colon-login = : login{" "}
report-smtp-auth-note = Outgoing server (SMTP) requires authentication: tick “My outgoing server requires authentication” and use the same user name and password as for incoming mail.
report-note-prefix = Note:{" "}
report-what-you-typed = What you typed
# The "Works" column of what the person typed.
report-works-yes = yes
report-works-no = NO
report-setting = Setting
report-works = Works
report-findings = Findings
report-troubleshooting = Troubleshooting
report-no-problems-found = No problems found.
report-severity = Severity
report-problem = Problem
report-who-acts = Who acts
report-cause = Cause
report-fix = Fix
report-where = Where
report-servers-checked = Servers checked
# Column of the probe matrix (protocol, host:port, encryption).
report-col-probe-server = Server
report-address = Address
report-details = Details
report-sources-tried = Sources tried
report-source = Source
report-query = Query
report-outcome = Outcome
report-candidates = Candidates
report-time = Time
report-ms = ms
# Markdown and HTML reports.
report-provider = Provider
report-account = Account
report-settings-card = Settings card
report-all-settings-found = All settings found
report-direction = Direction
report-checked-login = Checked / login
report-recommended = Recommended
report-note = Note
report-problems-and-fixes = Problems and fixes
report-the-server-said = The server said
report-servers-checked-step-by-step = Servers checked, step by step
report-certificate = Certificate
report-transcript = Transcript
report-endpoint-works = ✓ works
report-tls = TLS
report-certificate-verified = Certificate verified
report-subject = Subject
report-issuer = Issuer
report-names = Names
report-valid = Valid
report-self-signed = Self-signed
report-yes = yes
report-no-address = (no address)
# Settings card (--card, --client): the encryption and authentication words of the clients.
card-no-ssl = no SSL
card-off = off
card-on = on
card-none = None
card-not-verified = {" "}(not verified)
card-no-authentication = No authentication
card-normal-password = Normal password
card-username-tb = Username
card-username-outlook = User Name

# $protocol: the protocol that answered instead (IMAP, POP3, SMTP).
report-failure-other-protocol = { $protocol } answered
report-verdict-works = WORKS: settings verified and you logged in
# $code: the finding code that says why (auth.login_withheld).
report-verdict-reachable-withheld = REACHABLE: the servers answer; the account was not tested (the password was withheld: see { $code } below)
report-verdict-reachable-no-password = REACHABLE: the servers answer; the account was not tested (no password given: --login tests it)
report-verdict-reachable-not-tested = REACHABLE: the servers answer; the account was not tested on these settings
report-verdict-partial-typed-fails = PARTIAL: a working incoming and outgoing setting exist, but what you typed does not work (see below)
report-verdict-partial-other = PARTIAL: a working incoming and outgoing setting exist, but something else fails (see below)
report-verdict-broken-login = BROKEN: the servers answer but the login failed (see below)
# $errors (number): how many findings are errors.
report-verdict-broken = BROKEN: mail cannot work with what was found ({ $errors } problem(s), see below)
report-verdict-unverified = UNVERIFIED: nothing could be checked from here; the settings below are not verified
# $name: the provider; $mx: the MX host it was recognised by.
report-provider-from-mx = { $name }, detected from MX { $mx }
# $name: the provider.
report-provider-from-database = { $name } (from the provider database)
# $servers, $sources (numbers): servers probed, discovery sources asked.
report-summary = { $servers } server(s) checked, { $sources } source(s) consulted; --verbose shows details.
# $ms: the run time in milliseconds.
report-finished = Finished in { $ms } ms.
report-block-incoming-recommended = ★ Incoming (recommended: use this)
report-block-outgoing-recommended = ★ Outgoing (recommended: use this)
report-block-incoming-alternative = Incoming (alternative)
report-block-outgoing-alternative = Outgoing (alternative)
# $endpoint: protocol, host:port and encryption; $address: the IP address and port.
report-transcript-title = Transcript: { $endpoint } at { $address }
# maildoctor's own note in a transcript; the English text is what the probe records.
report-transcript-tls-verified = -- TLS handshake completed, certificate verified
# $status: what a discovery source did (found, failed…); $detail: its technical details.
report-source-outcome = { $status }: { $detail }
# $days (number).
report-cert-expired-days-ago = certificate expired { $days } day(s) ago
# $days (number).
report-cert-days-left = certificate: { $days } day(s) left
# $verdict: report-login-ok or report-login-refused; $mechanism: e.g. PLAIN; $user: the user name.
report-login-result = login { $verdict } ({ $mechanism } as { $user })
# $message: what the server said.
report-login-refused = refused: { $message }
# $message: why (as observed).
report-login-not-possible = login not possible: { $message }
# English only: $reason is the probe's English reason (Chinese shows report-login-not-tried).
report-login-not-tried-because = login not tried: { $reason }
report-login-not-tried = login not tried
# $version: maildoctor's version; $generated: the time of the report; $ms: the run time in milliseconds.
report-footer = maildoctor { $version } · { $generated } · finished in { $ms } ms
# English only: $reason is the probe's English reason (Chinese shows report-step-skipped).
report-step-skipped-because = skipped: { $reason }
report-step-skipped = skipped
report-cert-verified-yes = yes
report-cert-verified-no = NO
# $days (number).
report-expired-days-ago = expired { $days } day(s) ago
# $days (number).
report-days-left = { $days } day(s) left
card-client-apple-mail = Apple Mail
card-client-android = Android Mail
card-verdict-works = works, login tested
card-verdict-reachable = servers answer; the account was not tested
card-verdict-partial = works, but something else fails
card-verdict-broken = does not work yet
card-verdict-unverified = not verified from here
card-incoming-none-found = Incoming server: none found
card-outgoing-none-found = Outgoing server: none found
# $name: the user name.
card-outgoing-username = Outgoing server user name: { $name }
card-password-account = Password: the account's password
card-password-app = Password: an app password from the account's security settings, not the account password
# $provider: the provider's name (in Chinese the provider file's Chinese name).
card-password-authorization-code-from = Password: the authorization code (授权码) from { $provider }'s settings, not the account password
card-password-authorization-code = Password: the authorization code (授权码), not the account password
card-password-oauth2 = Password: none; choose OAuth2 sign-in (the provider accepts no password here)
card-smtp-auth-generic = The outgoing server requires authentication: same user name and password as incoming
# Outlook's check box, in Outlook's words.
card-smtp-auth-outlook = Tick “Outgoing server requires authentication” (use the same settings as the incoming mail server)
card-smtp-auth-foxmail = Tick “My outgoing server (SMTP) requires authentication”
card-smtp-auth-apple-mail = Outgoing Mail Server: Authentication Password, same user name and password as incoming
card-smtp-auth-android = Require sign-in: on

# $kind: the --client value (outlook, foxmail, thunderbird, apple-mail, android, generic); $address: the address; $client: its name (card-client-…, empty for generic); $verdict: card-verdict-….
card-title = { $kind ->
    [generic] Mail settings for { $address } ({ $verdict }):
   *[other] { $address } in { $client } ({ $verdict }):
}
# $full: yes when the user name is the whole address; $label: the client's word for user name; $name: the user name.
card-username = { $full ->
    [yes] { $label }: { $name } (the full email address)
   *[no] { $label }: { $name }
}
# $direction: incoming or outgoing; $protocol: IMAP, POP3, SMTP; $host; $port; $security: the encryption in the client's words (card-none, SSL/TLS…).
card-server-generic = { $direction ->
    [incoming] Incoming ({ $protocol }): { $host }, port { $port }, { $security }
   *[outgoing] Outgoing ({ $protocol }): { $host }, port { $port }, { $security }
}
card-server-outlook = { $direction ->
    [incoming] Account type { $protocol }; Incoming mail server: { $host }, Port { $port }, Encrypted connection: { $security }
   *[outgoing] Outgoing mail server (SMTP): { $host }, Port { $port }, Encrypted connection: { $security }
}
card-server-foxmail = { $direction ->
    [incoming] Type { $protocol }; Incoming server { $host } / Port { $port } / { $security }
   *[outgoing] Outgoing server { $host } / Port { $port } / { $security }
}
# Also $auth: Thunderbird's authentication method (card-normal-password, card-no-authentication, OAuth2).
card-server-thunderbird = { $direction ->
    [incoming] Incoming server: { $protocol }, Server: { $host }, Port: { $port }, Connection security: { $security }, Authentication method: { $auth }
   *[outgoing] Outgoing server: SMTP, Server: { $host }, Port: { $port }, Connection security: { $security }, Authentication method: { $auth }
}
card-server-apple-mail = { $direction ->
    [incoming] { $protocol } account; Incoming Mail Server: Host Name { $host }, Port { $port }, Use TLS/SSL: { $security }
   *[outgoing] Outgoing Mail Server (SMTP): Host Name { $host }, Port { $port }, Use TLS/SSL: { $security }
}
card-server-android = { $direction ->
    [incoming] Account type { $protocol }; Incoming server settings: Server { $host }, Port { $port }, Security type { $security }
   *[outgoing] Outgoing server settings: SMTP server { $host }, Port { $port }, Security type { $security }
}
