"""The seed generator: `seed/generate.py` runs `generator.directory.main`. Code by concern in these
modules; the word lists and service descriptions are data, in `data/*.json` (read by `generator.tables`)."""
