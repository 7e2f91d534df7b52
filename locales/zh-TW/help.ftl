# help messages (zh-TW).
