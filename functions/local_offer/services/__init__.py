"""Use cases: each joins domain rules to repositories for one thing the API does."""
