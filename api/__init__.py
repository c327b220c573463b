"""Tailor's integration API (FastAPI): HTTP only, calling into the engine and db.

Serve it with ``uvicorn --factory api.app:create_app --port 8000``."""
