"""Social security card (社会保障卡) reader over PC/SC: APDU codec, reading sequence, driver."""
