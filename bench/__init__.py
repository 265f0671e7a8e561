"""The rule 2 benchmark: ``.venv/bin/python bench/run.py`` (see run.py and docs/benchmarks.md)."""
