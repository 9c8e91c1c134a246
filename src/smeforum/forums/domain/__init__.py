"""Writers for series, editions, programme and reported figures."""
