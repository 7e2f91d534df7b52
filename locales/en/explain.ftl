# explain messages (en): `maildoctor explain TEXT…` (src/explain.rs).

# A label before a text; $label: a heading such as "What to do".
explain-label = { $label }:{" "}
# $protocol: SMTP, IMAP or POP3 (guessed from the reply's shape); $reply: the reply as pasted.
explain-recognised-reply = Server reply ({ $protocol }): "{ $reply }"
# $client: Outlook…; $number: 0x800CCC0E; $meaning: what the client means (explain-meaning-*).
explain-recognised-client-code = { $client } error { $number }: { $meaning }
# $client: Thunderbird, Apple Mail; $meaning: what the client means.
explain-recognised-client-message = { $client } message: { $meaning }
explain-not-exact = This text alone does not say which of these causes it is: run `maildoctor ADDRESS` (add --login for a password problem) to find out.
explain-unknown = This text was not recognised: it is not a server reply, mail client error number or message maildoctor knows. Run `maildoctor ADDRESS` (add --login to test the password) to diagnose the account, or paste the server's exact reply.
# $provider: the provider's name; $code, $title, $fix: the finding the provider usually means.
explain-provider-likely = At { $provider } a refusal like this usually means { $code } ({ $title }): { $fix }
# $provider: the provider's name.
explain-provider-hints = What { $provider } asks for:
explain-help-index-title = maildoctor finding codes
# $count: pages written; $dir: the directory.
explain-help-pages-written = { $count ->
    [one] Wrote { $count } help page to { $dir }.
   *[other] Wrote { $count } help pages to { $dir }.
}

# What a mail client means by an error number or message (src/explain.rs CLIENT).
explain-meaning-busy = the server or the mailbox is busy (another program may be connected to it)
explain-meaning-cant-find-host = the server's name could not be found
explain-meaning-failed-to-connect = cannot connect to the server: the connection could be refused, filtered, or going to the wrong host
explain-meaning-connection-dropped = the connection was closed while the client was talking to the server
explain-meaning-socket-error = a network error on this computer while connecting
explain-meaning-logon-failed = the login was refused (this error also appears when "Secure Password Authentication" is switched on but the server does not support it)
explain-meaning-timeout = the server did not answer in time
explain-meaning-secure-connect-failed = an encrypted (SSL) connection could not be made: usually the encryption setting does not match the port
explain-meaning-smtp-421 = the outgoing server answered 421: it is not available now and closed the connection
explain-meaning-pop3-error = the incoming (POP3) server refused a command, usually the login
explain-meaning-pop3-user = the incoming (POP3) server refused the user name
explain-meaning-pop3-password = the incoming (POP3) server refused the password
explain-meaning-incoming-connect = cannot connect to the incoming (POP3) server: refused, filtered or the wrong host
explain-meaning-outgoing-connect = cannot connect to the outgoing (SMTP) server: refused, filtered or the wrong host
explain-meaning-incoming-timeout = the incoming (POP3) server did not answer in time
explain-meaning-outgoing-timeout = the outgoing (SMTP) server did not answer in time
explain-meaning-tb-refused = the server refused the connection
explain-meaning-tb-timeout = the connection attempt timed out: blocked by a firewall, a server that is down, or a wrong server or port
explain-meaning-tb-reset = the connection was cut (reset or interrupted) during the conversation
explain-meaning-tb-unknown-host = the server could not be reached; Thunderbird says this when the server's name cannot be found
explain-meaning-tb-login-failed = the server refused the login; the server's own reply (in Thunderbird's error console) says why
explain-meaning-tb-not-imap4 = the server did not answer like an IMAP server: often the port or encryption of another protocol
explain-meaning-apple-password = the server refused the login; Apple Mail says this for every refused login, not only for a wrong password
explain-meaning-apple-connection = Mail could not connect to the server: refused, filtered or the wrong host

# The Markdown report's line under a finding; $label: help-more; $code: the finding code.
explain-md-more = - **{ $label }**: `maildoctor explain { $code }`

# The heading of a client text that fits several causes: $code is only the closest
# finding code, $title its title.
explain-heading-inexact = { $code } (possibly: { $title })
