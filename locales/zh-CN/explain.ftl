# explain messages (zh-CN).
