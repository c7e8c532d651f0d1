"""pytest plugin: a real dovecot server for integration tests (see its fixtures)."""
