# Help pages: one per finding code (src/analyze/codes.rs), shown by `maildoctor explain CODE`,
# written to docs/help/ by `maildoctor explain --help-pages DIR` and embedded in the HTML report.
# Ids: help-<layer>-<name>-{title,means,causes,fix}, from the code with '.' replaced by '-'.

help-heading-means = What it means
help-heading-causes = Usual causes
help-heading-fix = What to do
help-heading-actor = Who must act
# The collapsed block under a finding in the HTML report.
help-more = More information
# $actor: user, helpdesk, provider, server_admin, domain_admin, network, this_computer.
help-actor = { $actor ->
    [user] the person using the account
    [helpdesk] the helpdesk
    [provider] the mail provider
    [server_admin] the mail server's administrator
    [domain_admin] the domain's administrator
    [network] the network (firewall, internet provider)
   *[this_computer] this computer (its settings)
}
# Footer of a generated help page; $code: the finding code.
help-page-footer = Finding code { $code }. Run `maildoctor ADDRESS` to check an account.

# dns.resolver_suspect
help-dns-resolver_suspect-title = The DNS resolver of this computer gives wrong or no answers
help-dns-resolver_suspect-means = The DNS server this computer asks answered "does not exist" for names that exist, or did not answer at all, so nothing could be checked from here.
help-dns-resolver_suspect-causes = A broken or filtering DNS server, a captive portal (hotel or guest Wi-Fi), a VPN or security software that intercepts DNS.
help-dns-resolver_suspect-fix = Try another network, or run maildoctor again with --resolver 1.1.1.1 (or another public DNS server); fix the DNS settings of this computer or router.

# dns.zone_failed
help-dns-zone_failed-title = The domain's own DNS servers fail
help-dns-zone_failed-means = The name servers responsible for the domain answer with an error (SERVFAIL, REFUSED) or not at all, so nobody can look up its mail servers.
help-dns-zone_failed-causes = A lame delegation (the registrar points at servers that do not serve the zone), broken DNSSEC, or name servers that are down.
help-dns-zone_failed-fix = The domain's administrator must fix the domain's DNS hosting (delegation, DNSSEC, name servers) at the registrar or DNS provider.

# dns.domain_not_found
help-dns-domain_not_found-title = The domain of the address does not exist
help-dns-domain_not_found-means = DNS says the part after the @ does not exist, so no mail server can be found for it.
help-dns-domain_not_found-causes = A typo in the address, a domain that has expired, or a domain that was never registered.
help-dns-domain_not_found-fix = Check the spelling of the address; if it is right, the domain's owner must renew or register it.

# dns.null_mx
help-dns-null_mx-title = The domain accepts no mail (null MX)
help-dns-null_mx-means = The domain publishes a "null MX" record: it says on purpose that it does not receive email.
help-dns-null_mx-causes = The domain is used for a website only, or its owner switched mail off.
help-dns-null_mx-fix = Use another address; only the domain's administrator can enable mail for it.

# dns.host_not_found
help-dns-host_not_found-title = A server name does not exist
help-dns-host_not_found-means = The name of a mail server (what was typed, or what the domain's records point at) does not exist in DNS.
help-dns-host_not_found-causes = A typo in the server name, or an SRV/autoconfig record of the domain that points at a host that is gone.
help-dns-host_not_found-fix = Check the server name in the mail program (maildoctor suggests the closest real one); if the domain's own record is wrong, its administrator must fix it.

# dns.no_address
help-dns-no_address-title = A server name has no IP address
help-dns-no_address-means = The server name exists in DNS but has no address (no A or AAAA record), so nothing can connect to it.
help-dns-no_address-causes = An incomplete DNS record, or a name meant for something other than mail.
help-dns-no_address-fix = Use the server name the provider documents; the domain's administrator must add the missing address record.

# dns.lookup_failed
help-dns-lookup_failed-title = A DNS lookup failed
help-dns-lookup_failed-means = A DNS question got an error or no answer in time; this proves nothing about the server itself.
help-dns-lookup_failed-causes = A slow or failing DNS server, a network problem, or the domain's name servers having trouble.
help-dns-lookup_failed-fix = Try again later or from another network; if it keeps failing, run maildoctor with --resolver to use another DNS server.

# net.refused
help-net-refused-title = The connection was refused
help-net-refused-means = The server's computer answered but refused the connection: nothing accepts connections on that port.
help-net-refused-causes = A wrong port or server name, a mail service that is stopped, or a firewall that rejects the connection.
help-net-refused-fix = Check the server name and port against the provider's settings (run maildoctor ADDRESS to find the ones that work); if they are right, the server's administrator must start the service.

# net.timeout
help-net-timeout-title = The connection attempt timed out
help-net-timeout-means = The connection attempt got no answer at all within the time limit.
help-net-timeout-causes = A firewall that silently drops the connection (at home, at work, at the provider), a server that is down, or a wrong server name or port.
help-net-timeout-fix = Try another network (for example a phone hotspot); check the server name and port; ask the network's administrator whether mail ports are blocked.

# net.no_reply
help-net-no_reply-title = The server did not answer in time
help-net-no_reply-means = The connection was made, but the server did not answer a command within the time limit.
help-net-no_reply-causes = An overloaded or hanging mail server, or something on the way (proxy, security software) that holds the connection.
help-net-no_reply-fix = Try again later; if it keeps happening, the server's administrator must look at the mail service.

# net.no_greeting
help-net-no_greeting-title = The server never greeted
help-net-no_greeting-means = The connection was made, but the server never sent its first line (greeting).
help-net-no_greeting-causes = A mail service that hangs, a port that expects SSL/TLS first, or a proxy that accepts connections without passing them on.
help-net-no_greeting-fix = Check that the encryption setting matches the port (SSL/TLS for 993, 995, 465); if it does, the server's administrator must look at the mail service.

# net.some_addresses_fail
help-net-some_addresses_fail-title = Some of the server's addresses fail
help-net-some_addresses_fail-means = The server works on some of its IP addresses and fails on others (often IPv6 against IPv4).
help-net-some_addresses_fail-causes = A broken IPv6 (or IPv4) setup at the server or on this network.
help-net-some_addresses_fail-fix = The server's administrator must fix or remove the failing address; meanwhile another network may work.

# net.unreachable
help-net-unreachable-title = The server cannot be reached
help-net-unreachable-means = There is no route from this computer to the server.
help-net-unreachable-causes = No internet connection, a VPN or firewall rule, or a network that does not reach that address (for example IPv6 only).
help-net-unreachable-fix = Check the internet connection of this computer and try another network.

# net.closed
help-net-closed-title = The server closed the connection
help-net-closed-means = The server (or something on the way) hung up in the middle of the conversation.
help-net-closed-causes = A wrong encryption setting for the port, a server that limits connections, security software or a firewall that cuts the connection.
help-net-closed-fix = Check the encryption setting against the port; try again later; if it keeps happening, ask the server's administrator.

# protocol.mismatch
help-protocol-mismatch-title = Another kind of server answered
help-protocol-mismatch-means = A different mail protocol answered than the one expected (for example POP3 where IMAP was set).
help-protocol-mismatch-causes = The port or server of another protocol was entered (IMAP 993, POP3 995, SMTP 465/587).
help-protocol-mismatch-fix = Set the port and server that belong to the protocol chosen in the mail program.

# protocol.error
help-protocol-error-title = The server's reply is not valid
help-protocol-error-means = The server answered something that does not follow the mail protocol.
help-protocol-error-causes = Not a mail server on that port, a proxy or security software in between, or a broken server.
help-protocol-error-fix = Check the server name and port; if they are right, the server's administrator must look at it.

# tls.mode_mismatch
help-tls-mode_mismatch-title = The encryption setting does not match the port
help-tls-mode_mismatch-means = SSL/TLS was used on a port that expects STARTTLS, or the reverse.
help-tls-mode_mismatch-causes = The wrong encryption choice in the mail program: ports 993, 995 and 465 use SSL/TLS; 143, 110 and 587 use STARTTLS.
help-tls-mode_mismatch-fix = Change the encryption setting (or the port) so that they match.

# tls.expired
help-tls-expired-title = The server's certificate has expired
help-tls-expired-means = The certificate the server shows is past its end date, so mail programs refuse or warn.
help-tls-expired-causes = The server's administrator did not renew the certificate (or this computer's clock is wrong).
help-tls-expired-fix = Check this computer's date and time; otherwise the server's administrator must renew the certificate. Do not accept the warning for a password.

# tls.not_yet_valid
help-tls-not_yet_valid-title = The server's certificate is not valid yet
help-tls-not_yet_valid-means = The certificate's start date is in the future as seen from this computer.
help-tls-not_yet_valid-causes = This computer's clock is wrong, or the server installed a certificate too early.
help-tls-not_yet_valid-fix = Set this computer's date and time correctly; if they are right, the server's administrator must fix the certificate.

# tls.name_mismatch
help-tls-name_mismatch-title = The certificate is for another name
help-tls-name_mismatch-means = The server's certificate does not name the server that was entered.
help-tls-name_mismatch-causes = A server name that is an alias of the real one (use the name the provider documents), or a server whose administrator installed the wrong certificate.
help-tls-name_mismatch-fix = Use the server name the certificate and the provider name; if it is already that, the server's administrator must fix the certificate.

# tls.self_signed
help-tls-self_signed-title = The certificate is self-signed
help-tls-self_signed-means = The server's certificate was not issued by a certificate authority that computers trust.
help-tls-self_signed-causes = A server set up with a home-made certificate, or security software that intercepts encrypted connections.
help-tls-self_signed-fix = The server's administrator should install a certificate from a trusted authority (for example Let's Encrypt); check whether security software on this computer scans mail connections.

# tls.untrusted
help-tls-untrusted-title = The certificate is not trusted
help-tls-untrusted-means = The server's certificate does not lead to a certificate authority this computer trusts.
help-tls-untrusted-causes = A private or unknown certificate authority, a missing intermediate certificate, or security software that intercepts encrypted connections.
help-tls-untrusted-fix = The server's administrator should use a certificate from a public authority and send the full chain; check for security software that scans mail connections.

# tls.invalid_certificate
help-tls-invalid_certificate-title = The certificate is invalid
help-tls-invalid_certificate-means = The server's certificate is malformed or not allowed for this use.
help-tls-invalid_certificate-causes = A broken certificate file or a certificate made for another purpose.
help-tls-invalid_certificate-fix = The server's administrator must install a valid certificate.

# tls.chain_incomplete
help-tls-chain_incomplete-title = The certificate chain is incomplete
help-tls-chain_incomplete-means = The server sends its certificate without the intermediate certificate, so some mail programs cannot check it.
help-tls-chain_incomplete-causes = A server configured with the certificate file only, not the full chain.
help-tls-chain_incomplete-fix = The server's administrator must configure the full chain (certificate plus intermediate).

# tls.expires_soon
help-tls-expires_soon-title = The certificate expires soon
help-tls-expires_soon-means = The server's certificate ends in less than 14 days.
help-tls-expires_soon-causes = Renewal has not happened yet, or automatic renewal is broken.
help-tls-expires_soon-fix = The server's administrator should renew the certificate before it expires.

# tls.old_version
help-tls-old_version-title = The server only speaks an old TLS version
help-tls-old_version-means = The server offers only TLS 1.0 or 1.1, which current mail programs refuse.
help-tls-old_version-causes = An old server or old server settings.
help-tls-old_version-fix = The server's administrator must enable TLS 1.2 or newer.

# tls.handshake_failed
help-tls-handshake_failed-title = The encrypted connection could not be set up
help-tls-handshake_failed-means = The TLS handshake failed for a reason other than the certificate.
help-tls-handshake_failed-causes = No common encryption method, a wrong encryption setting for the port, or something on the way that breaks TLS.
help-tls-handshake_failed-fix = Check the encryption setting against the port; if it is right, the server's administrator must look at the server's TLS settings.

# security.no_encryption
help-security-no_encryption-title = The server offers no encryption
help-security-no_encryption-means = The server works only without encryption, so a password would travel readable by anyone on the way.
help-security-no_encryption-causes = A server without TLS set up.
help-security-no_encryption-fix = Do not send a password there; the server's administrator must enable TLS (SSL/TLS or STARTTLS).

# starttls.not_offered
help-starttls-not_offered-title = The server does not offer STARTTLS
help-starttls-not_offered-means = On a port where encryption starts with STARTTLS, the server does not offer it, so the password would travel unencrypted.
help-starttls-not_offered-causes = A server without TLS, or something on the way that removes STARTTLS.
help-starttls-not_offered-fix = Use the provider's SSL/TLS port (993, 995, 465) if there is one; the server's administrator must enable STARTTLS.

# starttls.rejected
help-starttls-rejected-title = The server refused STARTTLS
help-starttls-rejected-means = The server offers STARTTLS but refused to start encryption.
help-starttls-rejected-causes = A broken TLS setup on the server.
help-starttls-rejected-fix = Use the provider's SSL/TLS port if there is one; the server's administrator must fix TLS.

# auth.failed
help-auth-failed-title = The user name or password is wrong
help-auth-failed-means = The server said in so many words that the user name or the password is not right.
help-auth-failed-causes = A mistyped or old password, a wrong user name (often the full address is needed), or the account password where the provider wants an app password or authorization code.
help-auth-failed-fix = Type the password again (check Caps Lock); use the full email address as user name; if the provider uses app passwords or an authorization code (授权码), create one and use it.

# auth.protocol_disabled
help-auth-protocol_disabled-title = The service is switched off for this account
help-auth-protocol_disabled-means = The account is not allowed to use this protocol (IMAP, POP3 or SMTP) from mail programs.
help-auth-protocol_disabled-causes = The service is off by default (QQ, NetEase 163/126, Sina), or the organisation switched it off (Microsoft 365 SMTP AUTH).
help-auth-protocol_disabled-fix = Switch the service on in the account's web settings (for example "POP3/IMAP/SMTP service"), or ask the administrator; or use another protocol that works.

# auth.account_blocked
help-auth-account_blocked-title = The account is locked or disabled
help-auth-account_blocked-means = The server says the account is locked, suspended, frozen or disabled.
help-auth-account_blocked-causes = Security measures after suspicious activity, unpaid service, or an administrator's decision.
help-auth-account_blocked-fix = Contact the provider or the mail administrator to unlock the account; a new password does not help until then.

# auth.app_password_required
help-auth-app_password_required-title = An app password or authorization code is required
help-auth-app_password_required-means = The provider does not accept the account password in mail programs: it wants a separate app password (authorization code, 授权码).
help-auth-app_password_required-causes = The provider's policy (Gmail, Yahoo, iCloud with two-step verification; QQ, NetEase 163/126 always), often together with a service that must be switched on.
help-auth-app_password_required-fix = Create an app password or authorization code in the account's web settings (switch on the IMAP/POP3/SMTP service there if asked) and type it in the mail program instead of the account password.

# auth.oauth_required
help-auth-oauth_required-title = Only sign-in through the provider's page works
help-auth-oauth_required-means = The provider switched password logins off for mail programs: only OAuth2 sign-in (a browser window of the provider) works.
help-auth-oauth_required-causes = Microsoft's retirement of basic authentication (Outlook.com, Microsoft 365), security defaults of an organisation.
help-auth-oauth_required-fix = Use a mail program that signs in with OAuth2 (current Outlook, Thunderbird, Apple Mail: choose the provider's sign-in); or ask the administrator.

# auth.web_login_required
help-auth-web_login_required-title = A web login is needed first
help-auth-web_login_required-means = The server refuses mail-program logins until someone logs in on the provider's website (security check, captcha, expired password).
help-auth-web_login_required-causes = The provider saw a login from a new place or device, wants a password change, or wants to verify the account.
help-auth-web_login_required-fix = Log in once on the provider's website in a browser, follow its security prompt (verify, change the password if asked), then try the mail program again.

# auth.too_many_attempts
help-auth-too_many_attempts-title = Too many logins or connections
help-auth-too_many_attempts-means = The server refuses because there were too many login attempts or open connections in a short time.
help-auth-too_many_attempts-causes = A wrong password saved on another device or program that keeps retrying, too many programs checking mail at once.
help-auth-too_many_attempts-fix = Stop every device and program that checks this account, correct the password where it is saved, wait a while (often 15 minutes to an hour), then try once.

# auth.temporary
help-auth-temporary-title = A temporary problem at the server
help-auth-temporary-means = The server refused the login because of a temporary problem on its side.
help-auth-temporary-causes = Maintenance, overload, or a passing fault at the provider.
help-auth-temporary-fix = Wait and try again later; if it lasts, check the provider's status page or contact it.

# auth.rejected
help-auth-rejected-title = The login was refused without a reason
help-auth-rejected-means = The server refused the login, but its text does not say why: a wrong password is only one possibility.
help-auth-rejected-causes = A wrong password or user name, an app password or authorization code that is required, a service that is switched off, or a security block.
help-auth-rejected-fix = Check the user name (full address) and password; check in the account's web settings whether the service must be switched on and an app password or authorization code (授权码) used; run maildoctor ADDRESS --login to learn more.

# auth.no_mechanism
help-auth-no_mechanism-title = The server offers no password login
help-auth-no_mechanism-means = The server does not offer any login method that uses a password there (for example only OAuth2).
help-auth-no_mechanism-causes = A provider that allows only OAuth2, or password login allowed only after encryption or on another port.
help-auth-no_mechanism-fix = Use a mail program that supports the provider's sign-in (OAuth2), or the port and encryption the provider documents.

# auth.username_format
help-auth-username_format-title = The server wants another form of user name
help-auth-username_format-means = The server accepts only the part of the address before the @ as user name (or another form than the one tried).
help-auth-username_format-causes = The server's own convention for user names.
help-auth-username_format-fix = Enter the user name in the form maildoctor found to work.

# auth.incomplete
help-auth-incomplete-title = The login could not be completed
help-auth-incomplete-means = The connection broke during the login, so nothing is known about the account.
help-auth-incomplete-causes = A network problem, a server that hangs up, or security software in between.
help-auth-incomplete-fix = Try again, from another network if possible.

# auth.login_withheld
help-auth-login_withheld-title = The password was not sent
help-auth-login_withheld-means = maildoctor deliberately did not send the password to that server, so the account was not tested.
help-auth-login_withheld-causes = The server was only guessed, lies outside the address's domain and provider, is unencrypted, or is port 25.
help-auth-login_withheld-fix = Check that the server is really the provider's; if so, run again with --allow-untrusted-host (never for unencrypted servers).

# srv.not_offered
help-srv-not_offered-title = The domain says a service is not offered
help-srv-not_offered-means = The domain's SRV records say on purpose that a mail service (for example POP3) is not offered.
help-srv-not_offered-causes = The domain's choice.
help-srv-not_offered-fix = Use a service the domain offers (usually IMAP).

# check.wrong_port
help-check-wrong_port-title = The port belongs to another protocol
help-check-wrong_port-means = The port typed is the usual port of another protocol (for example 995, POP3, typed for IMAP).
help-check-wrong_port-causes = Ports mixed up when the account was set up.
help-check-wrong_port-fix = Use IMAP 993, POP3 995, SMTP 465 or 587 (or what the provider documents).

# check.port_25
help-check-port_25-title = Port 25 is for servers
help-check-port_25-means = Port 25 was typed for sending: it is meant for servers passing mail to each other and is often blocked for people.
help-check-port_25-causes = An old setting or a guess.
help-check-port_25-fix = Use port 465 (SSL/TLS) or 587 (STARTTLS) for sending.

# check.wrong_host
help-check-wrong_host-title = The server is another protocol's server
help-check-wrong_host-means = The server typed is known as the server of another protocol (for example the IMAP server entered as POP3 server).
help-check-wrong_host-causes = Servers mixed up when the account was set up.
help-check-wrong_host-fix = Enter the server that belongs to the protocol.

# check.wrong_protocol
help-check-wrong_protocol-title = Another protocol answered on what was typed
help-check-wrong_protocol-means = The server and port typed answer with another protocol than the one chosen.
help-check-wrong_protocol-causes = The protocol, port or server chosen in the mail program does not match.
help-check-wrong_protocol-fix = Choose the protocol that matches the server and port, or change them to the ones of the chosen protocol.

# settings.no_incoming
help-settings-no_incoming-title = No incoming server works
help-settings-no_incoming-means = No IMAP or POP3 server that was found could be used.
help-settings-no_incoming-causes = The findings above say why for each server (network, DNS, certificates).
help-settings-no_incoming-fix = Fix the first finding above, or ask the provider for its incoming server settings.

# settings.no_outgoing
help-settings-no_outgoing-title = No outgoing server works
help-settings-no_outgoing-means = No SMTP server that was found could be used.
help-settings-no_outgoing-causes = The findings above say why for each server; port 25 is often blocked by internet providers.
help-settings-no_outgoing-fix = Fix the first finding above, or ask the provider for its outgoing server settings (port 465 or 587).

# settings.no_imap
help-settings-no_imap-title = The provider offers no IMAP
help-settings-no_imap-means = The provider does not offer IMAP for mail programs.
help-settings-no_imap-causes = The provider's choice (for example Tuta or HEY use their own apps).
help-settings-no_imap-fix = Use the provider's own apps, or POP3 where it works.

# source.disagreement
help-source-disagreement-title = The published settings disagree
help-source-disagreement-means = The domain's published sources (SRV, autoconfig, Autodiscover) name different servers.
help-source-disagreement-causes = An old record left behind after a move to another provider.
help-source-disagreement-fix = Use the settings maildoctor verified; the domain's administrator should remove the outdated record.

# source.plaintext_advertised
help-source-plaintext_advertised-title = A source advertises an unencrypted server
help-source-plaintext_advertised-means = A published source recommends a server without encryption.
help-source-plaintext_advertised-causes = An outdated configuration file or record.
help-source-plaintext_advertised-fix = Use an encrypted setting instead; the domain's administrator should update the source.

# source.plain_http
help-source-plain_http-title = A setting comes only from an unencrypted web page
help-source-plain_http-means = A setting was found only in an autoconfig file fetched over plain HTTP, which anyone on the way could change.
help-source-plain_http-causes = The domain publishes its autoconfig file without HTTPS.
help-source-plain_http-fix = Compare the setting with the provider's documentation before using it; the domain's administrator should publish it over HTTPS.

# source.other_domain
help-source-other_domain-title = A server is on another domain
help-source-other_domain-means = A server shown belongs to another domain than the address's, which is normal for hosted mail but worth a check.
help-source-other_domain-causes = Mail hosted by a provider under its own name (for example Microsoft 365, Google Workspace, Tencent Exmail).
help-source-other_domain-fix = Check that the other domain is really the domain's mail provider before typing a password.

# source.guess_only
help-source-guess_only-title = A setting was only guessed
help-source-guess_only-means = The best setting for a direction was found only by trying common server names, not from a published source.
help-source-guess_only-causes = The domain publishes no settings (no SRV, autoconfig or Autodiscover) and is not in the provider database.
help-source-guess_only-fix = Confirm the setting with the provider before relying on it.

# run.interrupted
help-run-interrupted-title = The check was interrupted
help-run-interrupted-means = maildoctor was stopped before it finished; the report is partial.
help-run-interrupted-causes = Ctrl-C or a signal.
help-run-interrupted-fix = Run it again and let it finish.

# run.local_resources
help-run-local_resources-title = This computer ran out of resources
help-run-local_resources-means = This computer ran out of file descriptors or sockets, so some checks could not run; no server is to blame.
help-run-local_resources-causes = A low open-file limit, or too many checks at once.
help-run-local_resources-fix = Raise the open-file limit (ulimit -n) or lower --jobs, then run again.

# run.offline
help-run-offline-title = Nothing was checked over the network
help-run-offline-means = With --offline, maildoctor shows what the provider database knows without checking it.
help-run-offline-causes = --offline was given.
help-run-offline-fix = Run without --offline to check the servers.
