"""The Faust worker: the app, its topics and Table, and the detect and dedup agents."""
