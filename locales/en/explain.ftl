# explain messages (en).
