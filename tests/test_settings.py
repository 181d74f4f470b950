import pytest

from streams.errors import ConfigError
from streams.settings import Settings, describe_settings, settings_env


def test_environment_and_overrides():
    s = Settings.from_env({"SHAKEUP_KAFKA_BOOTSTRAP": "kafka:9092", "SHAKEUP_PARTITIONS": "8",
                           "SHAKEUP_ALLOW_PRIVATE_NETWORKS": "yes"}, partitions=None, app_id="x")
    assert (s.kafka_bootstrap, s.partitions, s.allow_private_networks, s.app_id) == \
        ("kafka:9092", 8, True, "x")


def test_bad_values_name_the_variable():
    with pytest.raises(ConfigError, match="SHAKEUP_PARTITIONS"):
        Settings.from_env({"SHAKEUP_PARTITIONS": "many"})


def test_settings_round_trip_through_the_environment():
    s = Settings(kafka_bootstrap="h:1", topic_prefix="t.", kafka_idempotence=True, dedup_window_hours=12.5)
    assert Settings.from_env(settings_env(s)) == s


def test_every_setting_is_documented():
    assert all(env.startswith("SHAKEUP_") and help_text for env, _, help_text in describe_settings())
    assert Settings(topic_prefix="p.").topic("news.items") == "p.news.items"
