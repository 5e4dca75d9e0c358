"""Replicas of the outlets' sites, served on loopback for the tests and the demo."""
