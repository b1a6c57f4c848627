class DomainError(Exception):
    """A business rule refused an action. The message is translated and safe to show."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
