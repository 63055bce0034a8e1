"""Tests of the pure-Python extractor (no Django)."""
