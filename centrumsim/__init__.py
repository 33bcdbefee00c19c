"""centrumsim."""
