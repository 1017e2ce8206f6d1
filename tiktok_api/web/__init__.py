"""The home page people use: paste a link, see the post, download its files. Server-rendered
(it works without JavaScript), calling the same service the API uses; templates and static
files live beside the views so the page is one self-contained folder."""
