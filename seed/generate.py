#!/usr/bin/env python3
"""Generate the County Durham sample directory and the reference lookups the functions ship with.

    .venv/bin/python seed/generate.py [--reference DIR] [--out DIR] [--data-out DIR]

Inputs are the openly licensed reference files in `seed/reference/` (see `seed/reference/SOURCES.md`).
Outputs (see `seed/README.md`):

    seed/directory/services.ndjson.gz   3,600 `PublishedService` records, one JSON object a line
    seed/directory/taxonomies.json      every taxonomy with its terms (ORUK `TaxonomyWithTerms`)
    seed/directory/local_areas.json     the 14 Area Action Partnerships
    seed/directory/landmarks.json       well-known named services and their ids, for relevance tests
    seed/directory/manifest.json        files, record counts, sha256, generator version, attribution
    functions/local_offer/data/postcodes.csv.gz, sectors.csv, outcodes.csv, ATTRIBUTION.txt

Everything is deterministic: one `random.Random(RANDOM_SEED)`, ids are uuid5 of a fixed namespace and a
stable key, dates are spread around a fixed reference date, JSON keys are sorted and gzip headers carry
no time or file name. Running it twice gives byte-identical files. Standard library only, plus the
project's pydantic models to validate every record before it is written.

The code is the `generator` package next to this script (one module per concern); the word lists and service
descriptions it draws on are data, in `generator/data/*.json`.

Every service is generated sample data (`local_offer.sample_data: true`). Places, postcodes, schools and
taxonomies are real; organisations, services, people's roles and contact details are invented, and
phone numbers, e-mail addresses and web sites use ranges and domains reserved for fiction or examples.
"""

from __future__ import annotations

import sys
from pathlib import Path

SEED = str(Path(__file__).resolve().parent)
if SEED not in sys.path:  # run as a script, `seed/` is already first; loaded from a file path, it is not
    sys.path.insert(0, SEED)

from generator.directory import main  # noqa: E402  (after the path above)

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
