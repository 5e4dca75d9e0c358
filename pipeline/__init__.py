"""Rasd: Arabic news about armed attacks in Syria, turned into a daily signal."""

__version__ = "0.1.0"
