"""The cache in front of TikTok: where readings are kept, one fetch per key, the last-known
answer when TikTok fails."""
