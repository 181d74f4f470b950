"""Feed polling: the feed list, fetching, parsing into NewsItems, scheduling, producing to Kafka."""
