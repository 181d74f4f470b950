"""Where alerts go: the console (demo, run, tail) and Slack."""
