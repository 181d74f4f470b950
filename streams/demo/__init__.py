"""`shakeup demo`: bundled multilingual feeds replayed through the whole pipeline on one machine."""
