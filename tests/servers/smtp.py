"""pytest plugin: a real smtp server for integration tests (see its fixtures)."""
