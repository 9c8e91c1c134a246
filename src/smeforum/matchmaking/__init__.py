"""B2B matchmaking: organisations' matchmaking profiles (kept across editions, confirmed per
edition), their cooperation opportunities (offers and requests, moderated by organisers), and
whom each should meet.

``recommend/`` is the recommendation engine (pure Python and numpy, no Django).
"""
