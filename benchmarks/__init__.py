"""Benchmarks and quality reports: figures measured in one run, printed, never asserted."""
