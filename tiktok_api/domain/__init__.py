"""Pure: TikTok's documents -> our objects. No I/O, no Flask, no HTTP client."""
