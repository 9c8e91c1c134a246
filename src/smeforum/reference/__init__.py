"""Reference data: countries, currencies, cities, NACE sectors, cooperation mechanisms, sources."""
