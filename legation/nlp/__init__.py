"""NLP: the spaCy model and batched parsing."""
