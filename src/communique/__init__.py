"""communique: news articles in, provenance-tracked records of actors, times, figures, quotes and events out."""
__version__ = "0.1.0"
