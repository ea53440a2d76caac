"""spaCy components, one factory per module. They read and write the Doc extensions in `extensions`."""
