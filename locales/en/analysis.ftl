# analysis messages (en).
