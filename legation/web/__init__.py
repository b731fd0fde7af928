"""Web: the JSON API and the dashboard (`legation serve`); see docs/web.md.

- `create_app(db, token=None, ...)`: the FastAPI app over a store opened read-only;
- `serve(db, host="127.0.0.1", port=8000, token=None)`: run it with uvicorn;
- `Dashboard(db)`: what the routes and pages call, usable without a server;
- `LiveServer(app)`, `demo_store(dir)` (in `testing`): the app in a thread on a free loopback port, the demo store.
"""

from .app import create_app
from .server import serve
from .service import Dashboard
from .testing import LiveServer

__all__ = ["Dashboard", "LiveServer", "create_app", "serve"]
