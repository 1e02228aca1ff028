"""Modal dialogs of the review app, each returning a typed result."""
