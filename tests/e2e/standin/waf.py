"""The bot check as TikTok runs it: serve the challenge page, verify the proof-of-work cookie."""

import base64
import binascii
import hashlib
import json
import re

COOKIE = "_wafchallengeid"
_BLOB = re.compile(rb'<p id="cs" class="([^"]*)"')


def _b64decode(text: str) -> bytes:
    """Standard base64 whose padding may be stripped."""
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


def _b64encode_unpadded(data: bytes) -> str:
    """Base64 with its padding stripped, as TikTok writes the challenge."""
    return base64.b64encode(data).decode().rstrip("=")


class Challenge:
    """The challenge of the captured WAF page, and the check of an answer to it."""

    def __init__(self, page: bytes) -> None:
        match = _BLOB.search(page)
        if match is None:
            raise ValueError("the WAF fixture carries no challenge")
        self.page = page
        self.challenge = json.loads(_b64decode(match.group(1).decode()))
        self.unsolvable_page = self._unsolvable(page, match.group(1))

    def _unsolvable(self, page: bytes, blob: bytes) -> bytes:
        """The same page with a target digest no nonce in range reaches."""
        challenge = json.loads(json.dumps(self.challenge))
        challenge["v"]["c"] = _b64encode_unpadded(hashlib.sha256(b"no nonce reaches this").digest())
        text = _b64encode_unpadded(json.dumps(challenge, separators=(",", ":")).encode())
        return page.replace(blob, text.encode())

    def accepts(self, cookie: str | None) -> bool:
        """True when the cookie answers this challenge: sha256(a + d) == c, for our own `v`."""
        if not cookie:
            return False
        try:
            answer = json.loads(_b64decode(cookie))
            if answer.get("v") != self.challenge["v"]:
                return False
            prefix = _b64decode(answer["v"]["a"])
            target = _b64decode(answer["v"]["c"])
            nonce = _b64decode(answer["d"])
        except (ValueError, KeyError, TypeError, AttributeError, binascii.Error):
            return False
        return hashlib.sha256(prefix + nonce).digest() == target
