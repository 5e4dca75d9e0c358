"""The one exception type Rasd raises for problems a user can act on."""


class RasdError(Exception):
    """A failure with a one-line message that names the problem (bad input, a service down)."""
