class InvalidInput(ValueError):
    """Raised when a request body does not match what a model expects.

    The server turns it into an HTTP 400 with {"error": "<message>"}, like
    KServe's own InvalidInput.
    """
