# report messages (zh-CN).
