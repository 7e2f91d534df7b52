# report messages (zh-TW).
