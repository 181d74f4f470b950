"""`python -m streams` is the `shakeup` command."""

from streams.cli.main import main

main()
