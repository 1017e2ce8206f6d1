"""A local TikTok stand-in for end-to-end tests: a TLS-intercepting proxy serving fixtures."""
