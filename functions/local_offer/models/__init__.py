"""Pydantic models: ORUK API shapes, stored items, stream records and errors."""
