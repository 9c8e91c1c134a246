"""Writers for organiser-entered exchange rates."""
