"""notice-extract: structured rectification tasks from Chinese inspection notices."""

__version__ = "0.1.0"
