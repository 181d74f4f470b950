"""Slack forwarder: alerts from Kafka to Slack, once each, updates threaded, paced.

Pure core: ``text`` (escaping, clipping), ``render`` (Block Kit), ``parts`` (idempotency keys),
``routing`` (destinations), ``pacing`` (when to send). Shell: ``client`` (slack_sdk boundary),
``delivery_log`` (SQLite), ``delivery`` (one alert, all rules), ``forwarder`` (Kafka).
"""
