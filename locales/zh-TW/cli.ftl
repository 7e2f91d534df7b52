# cli messages (zh-TW).
