"""The `shakeup` command line: the only place that reads the environment."""
