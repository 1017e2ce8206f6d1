"""The WSGI entry point gunicorn serves."""

from tiktok_api import create_app

app = create_app()
