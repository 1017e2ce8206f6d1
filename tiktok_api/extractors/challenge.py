"""TikTok's "Please wait..." bot check: detect it and solve its SHA-256 proof of work."""

import base64
import hashlib
import json
import re
from dataclasses import dataclass

WAF_MARKERS = (b"_wafchallengeid", b"waforiginalreid", b"SlardarWAF", b"/waf-aiso/")
CAPTCHA_MARKERS = (
    b"verifycenter",
    b"verify_center",
    b"captcha-verify-container",
    b"captcha-verify-image",
    b"slide_verify",
    b"tiktok-verify-page",
)
_ATTRIBUTE = r'<p[^>]*\bid="{name}"[^>]*\bclass="([^"]*)"'


@dataclass(frozen=True, slots=True)
class Cookie:
    """A cookie the solved challenge asks the client to set."""

    name: str
    value: str


def is_waf_challenge(body: bytes) -> bool:
    """True when the body is the WAF proof-of-work page rather than TikTok's page."""
    head = body[:8192]
    return any(marker in head for marker in WAF_MARKERS)


def is_captcha(body: bytes) -> bool:
    """True when the body is an interactive captcha page (not solvable here)."""
    head = body[:16384]
    return any(marker in head for marker in CAPTCHA_MARKERS)


def _attribute(html: str, element_id: str) -> str | None:
    """The class attribute of <p id=element_id>, where TikTok hides the challenge."""
    match = re.search(_ATTRIBUTE.format(name=re.escape(element_id)), html)
    if match:
        return match.group(1)
    inline = re.search(rf'\b{re.escape(element_id)}="([^"]*)"', html)
    return inline.group(1) if inline else None


def _b64decode(text: str) -> bytes:
    """Standard base64 whose padding TikTok strips."""
    return base64.b64decode(text + "=" * (-len(text) % 4))


def solve_challenge(body: bytes, max_iterations: int) -> list[Cookie] | None:
    """The cookies that answer the challenge, or None when it cannot be solved in bounds."""
    html = body.decode("utf-8", "replace")
    blob = _attribute(html, "cs")
    if not blob:
        return None
    try:
        challenge = json.loads(_b64decode(blob))
        prefix = _b64decode(challenge["v"]["a"])
        target = _b64decode(challenge["v"]["c"])
    except (ValueError, KeyError, TypeError):
        return None
    answer = find_nonce(prefix, target, max_iterations)
    if answer is None:
        return None
    challenge["d"] = base64.b64encode(str(answer).encode()).decode()
    token = base64.b64encode(json.dumps(challenge, separators=(",", ":")).encode()).decode()
    cookies = [Cookie(_attribute(html, "wci") or "_wafchallengeid", token)]
    second_name, second_value = _attribute(html, "rci"), _attribute(html, "rs")
    if second_name and second_value:
        cookies.append(Cookie(second_name, second_value))
    return cookies


def find_nonce(prefix: bytes, target: bytes, max_iterations: int) -> int | None:
    """The smallest i with sha256(prefix + str(i)) == target, searched up to max_iterations."""
    seeded = hashlib.sha256(prefix)
    for i in range(max_iterations + 1):
        attempt = seeded.copy()
        attempt.update(str(i).encode())
        if attempt.digest() == target:
            return i
    return None
