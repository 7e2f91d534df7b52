# report messages (en).
