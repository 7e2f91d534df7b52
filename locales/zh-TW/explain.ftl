# explain messages (zh-TW).
