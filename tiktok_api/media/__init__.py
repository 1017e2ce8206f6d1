"""The media proxy: a post's files streamed from TikTok's CDN under links that do not expire."""
