"""Public pages: forum home, editions, sessions, countries (a surface app)."""
