"""Text stage: the spaCy pipeline, loaded once, and the text it parses."""
