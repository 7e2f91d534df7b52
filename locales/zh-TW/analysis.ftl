# analysis messages (zh-TW).
