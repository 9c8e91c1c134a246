"""Forum series, editions, their programme and the figures reported about them (a data app)."""
