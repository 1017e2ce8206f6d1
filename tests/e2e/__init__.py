"""End-to-end tests: the real server (gunicorn) against the local TikTok stand-in."""
