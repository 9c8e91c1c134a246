"""B2B meeting scheduling: the pure engine (``engine``) and, later, its platform side."""
