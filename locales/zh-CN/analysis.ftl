# analysis messages (zh-CN).
