# cli messages (zh-CN).
