"""pytest plugin: a real http server for integration tests (see its fixtures)."""
