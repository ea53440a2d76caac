"""The DuckDB store: schema, idempotent batched writer, record reads."""
from communique.store.db import STATS_KEYS, Store, WriteResult
from communique.store.schema import STORE_VERSION

__all__ = ["STATS_KEYS", "STORE_VERSION", "Store", "WriteResult"]
