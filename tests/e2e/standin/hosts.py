"""Which hosts the stand-in plays (TikTok's) and which it refuses and flags (everyone else's)."""

# TikTok's own hosts and CDNs (TikTok's media allow-list); anything else is foreign.
TIKTOK_SUFFIXES = (
    "tiktok.com",
    "tiktokv.com",
    "tiktokv.us",
    "tiktokv.eu",
    "tiktokcdn.com",
    "tiktokcdn-us.com",
    "tiktokcdn-eu.com",
    "byteimg.com",
    "ibyteimg.com",
    "muscdn.com",
    "byteoversea.com",
)
SHORT_HOSTS = frozenset({"vm.tiktok.com", "vt.tiktok.com"})
PAGE_HOSTS = frozenset(
    {"www.tiktok.com", "tiktok.com", "m.tiktok.com", "t.tiktok.com", "lite.tiktok.com"}
)


def is_tiktok(host: str) -> bool:
    """True for a TikTok host or one of its subdomains; never a substring match."""
    host = host.lower().rstrip(".")
    return any(host == s or host.endswith("." + s) for s in TIKTOK_SUFFIXES)
