"""Cross-cutting tests: the crawler, bad input on every form, and the browser journeys in e2e/."""
