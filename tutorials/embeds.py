"""YouTube videos in their privacy-enhanced form.

Wagtail's oEmbed finder asks YouTube for the player; this one then points the
player at youtube-nocookie.com, which stores nothing in the reader's browser
until they play the video.
"""

import re

from wagtail.embeds.finders.oembed import OEmbedFinder
from wagtail.embeds.oembed_providers import youtube

YOUTUBE_PLAYER = re.compile(r"https?://(?:www\.)?youtube\.com/embed/")
PRIVACY_ENHANCED_PLAYER = "https://www.youtube-nocookie.com/embed/"


class PrivacyEnhancedYouTubeFinder(OEmbedFinder):
    def __init__(self, providers=None, options=None):
        super().__init__(providers=providers or [youtube], options=options)

    def find_embed(self, url, max_width=None, max_height=None):
        embed = super().find_embed(url, max_width=max_width, max_height=max_height)
        embed["html"] = YOUTUBE_PLAYER.sub(PRIVACY_ENHANCED_PLAYER, embed["html"] or "")
        return embed
