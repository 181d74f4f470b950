"""Shakeup: real-time leadership-change alerts from multilingual tech news."""
