"""The store: peewee models on one SQLite file per profile. No Qt here."""
