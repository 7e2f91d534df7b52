# cli messages (en).
