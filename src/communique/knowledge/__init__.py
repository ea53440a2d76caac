"""Data tables shipped as files (knowledge/data) and the loaders that read them."""
