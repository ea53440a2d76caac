"""Engines run the pipeline over many articles: `local` (this machine's processes); Dask follows."""
