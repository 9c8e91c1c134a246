"""The outcomes registry: what a forum produced, signed by whom, worth how much (a data app)."""
