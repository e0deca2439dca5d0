"""The REST API: FastAPI over the same services the CLI and the review UI use.

`create_app` (app/api/app.py) builds it; `build_server` (app/api/server.py) mounts the review UI in the same
app, so one server serves both. Token authentication lives in app/api/auth.py, one module per resource in
app/api/routes/.
"""
