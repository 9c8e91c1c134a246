"""B2B matchmaking: organisations' matchmaking profiles (kept across editions, confirmed per
edition) and their cooperation opportunities (offers and requests, moderated by organisers)."""
