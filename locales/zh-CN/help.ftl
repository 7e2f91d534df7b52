# help messages (zh-CN).
