# analysis messages (en): the cause and fix of every finding, the login state of a setting
# (src/analyze/). Host names, ports, codes and whatever a server said are variables and stay
# as they are in every language.
#
# Common variables: $protocol (IMAP, POP3, SMTP); $hp ("host:port"); $host; $port (number);
# $msg (the server's or the library's own text, verbatim); $alt (the text of
# analysis-meanwhile, or empty); $setting (the text of analysis-setting); $domain (the
# address's domain); $security (tls, starttls or none: selects SSL/TLS, STARTTLS or the word for none).

## Pieces of sentences

# A text followed by a note in parentheses: "imap.example.com (port 993)".
analysis-with-note = { $text } ({ $note })
# Between the clauses of one sentence ("…; …").
analysis-clause-separator = {"; "}
# One setting in a sentence; $sec is the encryption as mail clients label it.
analysis-setting = { $protocol } server { $host } port { $port } with { $sec }
# Appended to a fix when another setting works.
analysis-meanwhile = {" "}Meanwhile, this works: { $setting }.
# A step of a check in a sentence; $step is its code (tls_handshake…).
analysis-step = { $step }
# $list: the resolver addresses, separated by list-separator.
analysis-resolver-this-computer = this computer's DNS resolver
analysis-resolver-named = the DNS resolver { $list }
# A protocol over a security mode ($security: tls or anything else for STARTTLS).
analysis-protocol-mode = { $security ->
    [tls] { $protocol } over SSL/TLS
   *[other] { $protocol } with STARTTLS
}
# $protocol: the protocol it said (e.g. POP3); $reply: its text, verbatim.
analysis-other-reply = {" "}{ $protocol } said: "{ $reply }"

## Resolver, zone, domain, offline (words.rs)

# $resolver: analysis-resolver-*; $provider: the provider's name.
cause-dns-resolver-suspect-known-domain-provider = { $resolver } says { $domain } does not exist, but { $domain } is a well-known mail domain ({ $provider }): the resolver (or the network: a captive portal, VPN or filtering DNS) is giving wrong answers, so nothing could be checked from here.
cause-dns-resolver-suspect-known-domain = { $resolver } says { $domain } does not exist, but { $domain } is a well-known mail domain: the resolver (or the network: a captive portal, VPN or filtering DNS) is giving wrong answers, so nothing could be checked from here.
cause-dns-resolver-suspect-everywhere = { $resolver } says that every name asked does not exist, { $domain } and the servers of other domains alike: the resolver (or a captive portal, VPN or filtering DNS) is giving wrong answers, so nothing could be checked from here.
# $canary: a name that always exists.
cause-dns-resolver-suspect-canary = { $resolver } says { $domain } does not exist, but it also denies { $canary }, a name that always exists: the resolver (or a captive portal, VPN or filtering DNS) is giving wrong answers, so whether { $domain } exists could not be checked from here.
cause-dns-resolver-suspect-timeout = { $resolver } did not answer at all: this computer is offline or its DNS server is unreachable, so nothing could be checked from here.
cause-dns-resolver-suspect-failed = Every DNS lookup through { $resolver } failed, for { $domain } and for other domains alike: the resolver is broken or unreachable, so nothing could be checked from here.
fix-dns-resolver-suspect = Check this computer's network connection (log in to a hotel or guest Wi-Fi portal, disconnect the VPN) or use another DNS server, e.g. maildoctor --resolver 223.5.5.5 or --resolver 1.1.1.1; the settings shown are from the provider database and other sources, not yet verified.

cause-run-offline-known = Offline mode (--offline): nothing was checked over the network; the settings shown come from the built-in provider database.
fix-run-offline-known = Run maildoctor again without --offline to verify them from this computer.
cause-run-offline-unknown = Offline mode (--offline): nothing was checked over the network, and the built-in provider database does not know this domain.
fix-run-offline-unknown = Run maildoctor again without --offline to discover and check the settings, or ask the provider for them.

# $count: how many servers.
cause-net-offline = None of the { $count } server(s) can be reached from this computer: there is no network route to any of them, so nothing could be checked from here.
fix-net-offline = Check this computer's network connection (cable, Wi-Fi, VPN) and run maildoctor again; the settings shown are not yet verified.

# $reason: what the lookup gave (SERVFAIL…); $resolver: analysis-resolver-*.
cause-dns-zone-failed = The DNS servers of { $domain } do not answer properly ({ $reason } through { $resolver }): its name servers are down or misconfigured (e.g. a lame delegation or broken DNSSEC), so mail clients cannot look up its mail servers.
fix-dns-zone-failed = The administrator of { $domain } must fix its DNS servers (check the NS records at the registrar and that each name server answers for the zone). If other domains fail too from this computer, the problem is the resolver instead: try --resolver.

cause-dns-domain-not-found = The domain { $domain } does not exist in DNS (NXDOMAIN), so no mail server can be found for it.
fix-dns-domain-not-found = Check the part of the address after the @ for typos; if it is correct, the domain has expired or was never registered.
cause-dns-null-mx = The domain { $domain } publishes a "null MX" record: it states that it accepts no email (RFC 7505).
fix-dns-null-mx = This address cannot receive mail; check the address, or ask the domain owner which address to use.

## What the user typed (words.rs)

# $other: the protocol the host is for.
typed-fact-host-of = { $host } is the { $other } server, not a { $protocol } server
# $other: the protocol that answered.
typed-fact-answered = an { $other } server answered on port { $port }
# $belongs: analysis-protocol-mode.
typed-fact-port-of = port { $port } is the port for { $belongs }
# $right: the mode the port expects; $chosen: the mode chosen.
typed-fact-mode = port { $port } expects { $right ->
        [tls] SSL/TLS
        [starttls] STARTTLS
       *[none] None
    }, but { $chosen ->
        [tls] SSL/TLS
        [starttls] STARTTLS
       *[none] None
    } was chosen
typed-fact-port-25 = port 25 is for mail servers talking to each other: many networks block it and many providers refuse logins there
# $facts: the typed-fact-* texts, joined by analysis-clause-separator.
cause-typed-wrong = What you typed ({ $protocol } { $host }:{ $port }) is wrong: { $facts }.
fix-typed-port-25 = For sending from a mail app use port 465 with SSL/TLS or 587 with STARTTLS.
fix-typed-use = For { $protocol } use { $setting }.
# $port: the standard port of $protocol with $security.
fix-typed-standard = For { $protocol } use port { $port } ({ $security ->
        [tls] SSL/TLS
        [starttls] STARTTLS
       *[none] None
    }) on the { $protocol } server your provider documents.

## Hosts (words.rs)

# $ports: the plaintext ports, as ports-phrase ("ports 110 and 143"); $count: how many;
# $closed: analysis-closed-tls, or empty.
cause-security-no-tls-on-host = { $host } offers no encryption on any port: { $ports } { $count ->
        [one] answers
       *[other] answer
    } only unencrypted (no STARTTLS){ $closed }. A password sent there crosses the network readable by anyone on the way; maildoctor never sends one there.
# $ports: the SSL/TLS ports nothing answers on, as ports-phrase.
analysis-closed-tls = , and nothing answers on the SSL/TLS { $ports }
fix-security-no-tls-on-host = The server's operator must enable TLS (STARTTLS on these ports, or SSL/TLS on 993/995/465). Until then, do not use your real password with this server.

# $record: the record(s) (SRV names, URLs), separated by ", "; $count: how many.
cause-record-no-address = The domain's own { $count ->
        [one] record { $record } points
       *[other] records { $record } point
    } to { $host }, which has no IP address (no A/AAAA record).
cause-record-not-found = The domain's own { $count ->
        [one] record { $record } points
       *[other] records { $record } point
    } to { $host }, which does not exist in DNS.
fix-record-points-nowhere = The domain's administrator must correct { $record } or create { $host }; nothing needs changing in the mail client.{ $alt }

# $at: the host, with its addresses in parentheses; $ports: the ports ("993, 995");
# $phrase: ports-phrase ("ports 993 and 995"); $alt: analysis-meanwhile or empty.
cause-net-refused-every-port = { $at } refuses connections on every mail port tried ({ $ports }): the mail service is stopped there, or this is not the mail server.
fix-net-refused-every-port = Check that the server name is right; if it is, the server's administrator must start the mail service (IMAP/POP3/SMTP).{ $alt }
cause-net-refused-ports = Nothing accepts connections on { $at } { $phrase }: these services are switched off there.
fix-net-refused-ports = The server's administrator must enable them if they should be offered.{ $alt }
cause-net-timeout-ports = No answer from { $at } on { $phrase }: a firewall drops the connections (often the ISP, hotel or company network blocking mail ports), or the server is down.
fix-net-timeout-ports = Try from another network (e.g. a mobile hotspot); if that works, ask this network's administrator to allow these ports.{ $alt }
cause-net-no-greeting-ports = { $at } accepts connections on { $phrase } but never sends a greeting: the mail software is hung or overloaded, or something else holds these ports.
fix-net-no-greeting-ports = The server's administrator must restart or repair the mail service.{ $alt }
cause-net-closed-ports = { $at } connects on { $phrase } but then stops answering or hangs up: the mail service is overloaded or limits connections.
fix-net-closed-ports = Try again later; if it persists, the server's administrator must check the mail service.{ $alt }

## The account (words.rs)

# $off: the protocols that refused (e.g. "POP3 and SMTP"); $ok: those that worked; $reply: the server's text.
cause-auth-protocol-off = The login on { $off } was refused, but the same user name and password just worked on { $ok }: the password is right, and { $off } access is switched off (or restricted) for this account. The server said: "{ $reply }"
# $instead: the protocol that worked for the same direction.
fix-auth-protocol-off-use = Use { $instead }: it just worked. To use { $off } as well, enable it in the account's web settings or ask the mail administrator.
fix-auth-protocol-off-enable = Enable { $off } in the account's web settings, or ask the mail administrator to allow it for this account.
# $list: the protocols; $cause: the cause on the first; $more: analysis-other-reply texts.
cause-auth-same-on-protocols = Same cause on { $list }: { $cause }{ $more }

# $reason: one of withheld-reason-*; $list: "IMAP host:port", separated by list-separator.
withheld-reason-plaintext = the connection is not encrypted
withheld-reason-port-25 = port 25 is not for logging in
withheld-reason-guessed = the server was only guessed, no source names it
withheld-reason-other-domain = the server is outside { $domain } and is not a known provider's server, so it could be an impostor's
cause-auth-login-withheld = The password was not sent to { $list } because { $reason }: the account itself was not tested, so whether the password is right is unknown.
fix-auth-login-withheld-untrusted = If you trust this server (it is your provider's), run again with --allow-untrusted-host to test the login there.
fix-auth-login-withheld-encrypted = Use an encrypted setting (SSL/TLS or STARTTLS, port 465 or 587 for sending) to test the login.

# $provider: the provider's name (from the provider file).
cause-settings-no-imap = { $provider } offers no IMAP access for mail programs (the provider database says so): there is no IMAP server to look for or to type.
fix-settings-no-imap-pop3 = Use the POP3 settings shown, or the provider's own apps.
fix-settings-no-imap = Read this mailbox in { $provider }'s own apps or web mail. To use a mail program, ask { $provider } whether it offers another way in (a paid plan, a bridge), or forward the mail to a mailbox that has IMAP.

## Logins (text.rs). $said: analysis-server-said; $user: the user name.

analysis-server-said = The server said: "{ $msg }"
cause-auth-failed = { $hp } refused the user name { $user } or the password. { $said }
fix-auth-failed = Check the password (and the user name); if the provider uses app passwords or authorization codes, use one instead of the account password.
cause-auth-protocol-disabled = { $protocol } is switched off for this account on { $hp }. { $said }
fix-auth-protocol-disabled = Enable { $protocol } (e.g. "POP3/IMAP/SMTP service") in the account's web settings, or use IMAP instead.
cause-auth-account-blocked = { $hp } says this account is locked, suspended or disabled. { $said }
fix-auth-account-blocked = Ask the provider (or the mail administrator) to unlock the account; a new password does not help until then.
cause-auth-web-login-required = { $hp } refuses mail-client logins to this account until someone logs in on the web (security check, captcha, expired password). { $said }
fix-auth-web-login-required = Log in once in a web browser, follow the provider's security prompt (verify, change the password if asked), then try again.
cause-auth-oauth-required = { $hp } has switched password (basic) authentication off for { $protocol }: only OAuth2 sign-in works. { $said }
fix-auth-oauth-required = Use a mail client that signs in with OAuth2 ("Sign in with Microsoft/Google"); for a company tenant the administrator decides whether password logins are allowed.
cause-auth-too-many-attempts = { $hp } refuses logins for now: too many attempts or connections. { $said }
fix-auth-too-many-attempts = Stop every mail client and device using this account for a while (a wrong saved password keeps retrying), then try once with the right password.
cause-auth-temporary = { $hp } could not check the login because of a temporary problem on its side. { $said }
fix-auth-temporary = Try again later; if it persists, the provider's or administrator's login service is at fault.
cause-auth-app-password-required = { $hp } does not accept the account password for { $protocol }: it wants an app password or authorization code (or OAuth2 sign-in). { $said }
fix-auth-app-password-required = Create an app password / authorization code (授权码) in the account's web security settings and use it as the password; for Microsoft accounts use a mail client that signs in with OAuth2.
cause-auth-no-mechanism-none = { $hp } offers no password login on this port.
# $offered: the login methods offered, separated by list-separator.
cause-auth-no-mechanism = { $hp } offers no password login, only: { $offered }.
fix-auth-no-mechanism-oauth = Use a mail client that signs in with OAuth2 (the provider does not accept passwords here).
fix-auth-no-mechanism = Use the { $protocol } port the provider documents for logging in.
cause-auth-rejected = { $hp } refused the login without saying why; its text does not show that the password is wrong. { $said }
fix-auth-rejected = The refusal could mean a wrong password, an app password or authorization code being required, the protocol switched off for the account, a blocked account or a connection that must be encrypted first: check these in the provider's web settings, and ask the provider if none applies.
cause-auth-incomplete = The login on { $hp } could not be completed: { $msg }
fix-auth-incomplete = Try again later; the server or the network interrupted the login.

# What a cause is called in a "most likely" sentence.
likely-name-app-password-required = an app password or authorization code is required instead of the account password
likely-name-protocol-disabled = this protocol is not switched on for the account (or the tenant)
likely-name-oauth-required = password logins are switched off; only OAuth2 sign-in works
likely-name-web-login-required = a web login or security check is needed
likely-name-failed = the user name or password is wrong
likely-name-other = the account cannot log in this way
# $plain: the cause the text supports; $likely and $other: likely-name-* texts.
cause-auth-likely = { $plain } At { $provider } this reply most often means that { $likely }; otherwise, { $other }.
# $likely: the fix of the likely cause; $plain: the fix the text supports.
fix-auth-likely = Most likely: { $likely } Otherwise: { $plain }

# $settings_user: the user name the settings name; $user: the one that worked.
cause-auth-username-format = { $hp } refused the user name { $settings_user } but accepted { $user } with the same password.
fix-auth-username-format = Use { $user } as the user name for { $protocol }.

## Certificates and TLS (text.rs). $on: host with its ports ("imap.example.com (port 993)").

# $date: YYYY-MM-DD; $days: days left.
cause-tls-expires-soon = The certificate of { $on } expires on { $date } ({ $days } day(s) left).
fix-tls-expires-soon = The server operator must renew it soon; after that date mail clients will refuse to connect.
# $version: e.g. TLSv1.0.
cause-tls-old-version-used = { $hp } uses { $version }, which is obsolete and insecure (RFC 8996).
fix-tls-old-version-used = The server operator should enable TLS 1.2 or 1.3; many mail clients refuse older versions.

cause-security-no-encryption = { $hp } works only without encryption: the password and all mail would cross the network readable by anyone on the way. maildoctor never sends a password there.
fix-security-no-encryption-alternative = Use the encrypted { $protocol } setting listed above instead.
# $port: the SSL/TLS port of the protocol.
fix-security-no-encryption = Ask the provider for SSL/TLS (port { $port }) or STARTTLS; do not use this setting with your real password.

## One endpoint (text.rs)

cause-net-refused = Nothing accepts connections on { $hp }: { $protocol } is switched off there or runs on another port.
fix-net-refused-use = Use { $setting } instead.
fix-net-refused = Check the port number; ask the provider whether { $protocol } is offered and on which port.
cause-net-timeout = No answer from { $hp } in time: a firewall drops the connection (often an ISP, hotel or company network blocking mail ports), or the server is down.
fix-net-timeout = Try from another network (e.g. a mobile hotspot) or ask the network administrator to allow port { $port }.{ $alt }
# $step: analysis-step.
cause-net-no-reply = { $hp } accepted the connection but did not answer in time (at step: { $step }).
fix-net-no-reply = The server is overloaded or misconfigured; try again later or ask the provider.{ $alt }
cause-net-unreachable = { $hp } cannot be reached: no network route to it.
fix-net-unreachable = Check this computer's network connection.{ $alt }
cause-net-closed = { $hp } closed the connection at step { $step } without an explanation.
fix-net-closed = The server may limit connections or block this network; try again later.{ $alt }
cause-protocol-error = { $hp } answered, but not as a { $protocol } server should: { $msg }
fix-protocol-error = Check that this host and port are really for { $protocol }.{ $alt }
# $actual: the protocol that answered.
cause-protocol-mismatch = { $hp } is not a { $protocol } server: a { $actual } server answered there.
cause-protocol-mismatch-unknown = { $hp } is not a { $protocol } server: a another service server answered there.
fix-protocol-mismatch-alt = This host and port are for { $actual }; for { $protocol } use the { $protocol } settings ({ $setting }).
fix-protocol-mismatch = This host and port are for { $actual }; for { $protocol } use the { $protocol } settings.
fix-protocol-mismatch-unknown = Check the port number for { $protocol }.{ $alt }
# $tls_port: the SSL/TLS port of the protocol.
cause-tls-plaintext-on-tls-port = Port { $port } on { $host } expects a plain connection upgraded with STARTTLS, but SSL/TLS was used.
fix-tls-plaintext-on-tls-port = Set the encryption to STARTTLS on port { $port }, or use port { $tls_port } with SSL/TLS.
cause-tls-tls-on-plaintext-port = Port { $port } on { $host } starts with SSL/TLS right away, but { $security ->
        [tls] SSL/TLS
        [starttls] STARTTLS
       *[none] None
    } was used.
fix-tls-tls-on-plaintext-port = Set the encryption to SSL/TLS for port { $port }.
cause-tls-handshake-failed = The TLS handshake with { $hp } failed: { $msg }
fix-tls-handshake-failed = The server's TLS setup is broken or too old for modern clients; ask the provider.{ $alt }
cause-starttls-not-offered = { $hp } does not offer STARTTLS: the connection, and your password, would not be encrypted.
fix-starttls-not-offered-use = Use { $setting } instead; never choose "no encryption".
fix-starttls-not-offered = Use port { $tls_port } with SSL/TLS if the provider offers it; never choose "no encryption".
cause-net-no-greeting = { $hp } accepted the connection but never said a word: no { $protocol } greeting arrived.
fix-net-no-greeting = Something else holds this port, or a firewall/antivirus intercepts it; check the port number for { $protocol }.{ $alt }
cause-tls-old-version = { $hp } only speaks an obsolete TLS version (older than 1.2): { $msg }
fix-tls-old-version = The server operator must enable TLS 1.2 or 1.3.{ $alt }
cause-starttls-rejected = { $hp } advertises STARTTLS but refused it: { $msg }
fix-starttls-rejected = The server is misconfigured; ask the provider.{ $alt }

## One host: DNS and certificates (text.rs)

cause-dns-host-not-found = The server name { $host } does not exist in DNS.
# $server: the host of the working setting.
fix-dns-host-not-found-alt = Check the spelling of the server name; the { $protocol } server is { $server }.
fix-dns-host-not-found = Check the spelling of the server name against your provider's instructions.
cause-dns-no-address = The server name { $host } exists but has no IP address (no A/AAAA record).
fix-dns-no-address = Use the server name from your provider's instructions.{ $alt }
cause-dns-lookup-failed = The DNS lookup for { $host } failed ({ $msg }); this does not prove the name is wrong.
fix-dns-lookup-failed = Check this computer's DNS settings or try again later; --resolver picks another DNS server.
cause-tls-expired = The security certificate of { $on } expired on { $date }.
fix-tls-expired = The server operator must renew the certificate; until then mail clients will refuse or warn.{ $alt }
cause-tls-not-yet-valid = The security certificate of { $on } is only valid from { $date }.
fix-tls-not-yet-valid = Check that this computer's date and time are correct; otherwise the operator must fix the certificate.
# $names: the names on the certificate, separated by list-separator.
cause-tls-name-mismatch = The certificate of { $on } is for { $names }, not for { $host }.
cause-tls-name-mismatch-no-names = The certificate of { $on } is for (no names), not for { $host }.
# $name: the first non-wildcard name on the certificate.
fix-tls-name-mismatch-use = Use the name on the certificate ({ $name }) as the server name if your provider confirms it is the same server; otherwise the operator must fix the certificate.
fix-tls-name-mismatch = Use the server name from your provider's instructions; otherwise the operator must fix the certificate.
cause-tls-self-signed = The certificate of { $on } is self-signed: nobody vouches that the server is who it claims to be.
fix-tls-self-signed = Ask the operator to install a certificate from a public authority (e.g. Let's Encrypt); do not accept it permanently in your mail client unless you can verify it.{ $alt }
# $missing: the issuer of the missing intermediate certificate.
cause-tls-chain-incomplete = The server { $on } sends its certificate without the intermediate certificate that links it to a trusted authority (missing: { $missing }). Some mail clients cope, many refuse.
fix-tls-chain-incomplete = A server-side fix: the operator must configure the full chain (certificate + intermediate, e.g. fullchain.pem); if the server uses a private CA, pass it with --ca-file.{ $alt }
cause-tls-untrusted = The certificate of { $on } is not issued by an authority this computer trusts (a private or unknown certificate authority).
fix-tls-untrusted = The operator should send the full certificate chain from a public authority; for a private CA pass it with --ca-file.{ $alt }
cause-tls-invalid-certificate = The certificate of { $on } is invalid: { $msg }
fix-tls-invalid-certificate = Ask the server operator to fix the certificate.{ $alt }

## Services the domain does not offer, nothing found, the run (text.rs)

# $name: the SRV record's name.
not-offered-service = { $security ->
    [tls] { $protocol } over SSL/TLS ({ $name })
   *[other] { $protocol } with STARTTLS ({ $name })
}
# $services: the not-offered-service texts, joined by analysis-clause-separator.
cause-srv-not-offered = The domain says in DNS that it does not offer { $services }.
fix-srv-not-offered-both = Use the other protocols or ports listed above for incoming mail and for sending.
fix-srv-not-offered-incoming = Use another protocol or port for incoming mail.
fix-srv-not-offered-outgoing = Use another protocol or port for sending.

# $tried: how many servers were tried.
cause-settings-no-incoming = No working incoming (IMAP or POP3) server was found ({ $tried } tried).
fix-settings-no-incoming = Ask your provider for the IMAP or POP3 server name and port, then check them with --check imaps://HOST:993.
cause-settings-no-outgoing = No working outgoing (SMTP) server was found ({ $tried } tried).
fix-settings-no-outgoing = Ask your provider for the SMTP server name and port, then check them with --check submission://HOST:587.

cause-run-local-resources = This computer ran out of file descriptors or sockets while checking, so some checks could not run; that is not the servers' fault.
fix-run-local-resources = Close other programs or raise the limit (ulimit -n), lower --jobs, and run maildoctor again.
cause-run-interrupted = The run was interrupted (Ctrl-C) before every check finished; what is shown is what was found until then.
fix-run-interrupted = Run maildoctor again and let it finish for a complete diagnosis.

# $bad, $good: the failing and the working addresses, separated by ", "; $code: the finding code of the failure.
cause-net-some-addresses-fail = { $hp } works on { $good } but fails on { $bad } ({ $code }: { $msg }). Mail apps that pick the failing address (often the IPv6 one) cannot connect.
fix-net-some-addresses-fail = The server operator must fix { $bad } or remove it from DNS; meanwhile a network without that address family (e.g. IPv4 only) works.

## Login state of a setting (card.rs)

login-detail-no-password = no password given (--login tests it)
login-detail-plaintext = never sent unencrypted
login-detail-port-25 = port 25 is not for logging in
login-detail-untrusted = not sent to this host; --allow-untrusted-host allows it
login-detail-elsewhere = the one login per protocol was made elsewhere, or the server did not work

## Where the settings came from (sources.rs)

source-label-user = your --check
source-label-provider = the provider database
source-label-srv = DNS SRV
source-label-mx = the provider found from MX
source-label-guess = guessing
source-label-autoconfig = autoconfig (HTTPS)
source-label-autoconfig-http = autoconfig over plain HTTP
source-label-autoconfig-mx = the MX host's autoconfig
source-label-autodiscover = Autodiscover
# A server in a sentence: "host:port (SSL/TLS)"; $sec: the encryption as mail clients label it.
source-server = { $hp } ({ $sec })
# $source: a source-label-*; $list: source-server texts, separated by list-separator.
source-says = { $source } says { $list }
# $views: the source-says texts, joined by analysis-clause-separator.
cause-source-disagreement = The published settings for { $protocol } disagree: { $views }.
fix-source-disagreement = Use the setting marked as checked under "Settings to use"; the domain's administrator should make every published configuration name the same server.
# $names: the source labels, joined with and-separator; $server: source-server.
cause-source-plaintext-advertised = { $names } advertises { $protocol } { $server } without any encryption: the password and all mail would cross the network readable by anyone on the way.
fix-source-plaintext-advertised = Use an SSL/TLS or STARTTLS setting instead; the domain's administrator should stop advertising the unencrypted one.
# $direction: direction-incoming or direction-outgoing.
cause-source-guess-only = No published configuration names the { $direction } server; { $server } was found by trying common names.
fix-source-guess-only = It can be used, but the domain's administrator should publish SRV records (RFC 6186) or an autoconfig file so mail clients find it by themselves.
cause-source-plain-http = The { $direction } setting { $server } comes only from an autoconfig file fetched over plain HTTP, which anyone on the network path can forge.
fix-source-plain-http = Check it against the provider's documentation before typing a password; the domain's administrator should serve autoconfig over HTTPS.
# $owner: the registrable domain of $host.
cause-source-other-domain = The { $direction } server { $host } is outside { $domain } (it belongs to { $owner }); { $names } named it.
fix-source-other-domain = That is normal when { $domain } is hosted by another company; make sure you recognise { $owner } before typing a password there.
