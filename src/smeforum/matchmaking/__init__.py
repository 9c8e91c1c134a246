"""B2B matchmaking: organisations' profiles and opportunities, and whom each should meet.

``recommend/`` is the recommendation engine (pure Python and numpy, no Django).
"""
