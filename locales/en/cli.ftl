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
