"""Demo data: the sourced history of the Cangzhou forum plus labelled sample records."""
