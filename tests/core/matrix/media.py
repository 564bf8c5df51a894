"""The doors of files: a tutorial's player (embed page, oEmbed) and its
files (video, thumbnail, poster and renditions, captions, the images API);
a document's block on a page, its file and the documents API."""

from urllib.parse import urlencode

from .reading import HOST, Door, Place, one, only_body, section, served

# Tutorials ----------------------------------------------------------------------


class EmbedDoor(Door):
    id = "embed"
    description = "the tutorial's embed page"
    roles = ("tutorial",)

    def places(self, ctx, subject, versions):
        return [
            Place("the embed page", f"{v.url}embed/", one(v.marker)) for v in versions
        ]


class OEmbedDoor(Door):
    id = "oembed"
    description = "the oEmbed endpoint for the tutorial's address"
    roles = ("tutorial",)

    def places(self, ctx, subject, versions):
        return [
            Place(
                "oEmbed",
                f"/oembed/?{urlencode({'url': HOST + v.url})}",
                one(v.marker),
            )
            for v in versions
        ]


class MediaDoor(Door):
    """The tutorial's files: video, its thumbnail, the poster and its
    renditions, the caption tracks. Its versions share them, so all are
    hidden together."""

    id = "media"
    description = "/media/ files: video, thumbnail, poster and renditions, captions"
    roles = ("tutorial",)
    languages = ("pl", "en")
    translated = ("pl", "en")

    def places(self, ctx, subject, versions):
        urls = sorted({url for v in versions for url in ctx.world.files[v.role]})
        return [
            Place("the file", url, one(url), served(url), served(url)) for url in urls
        ]


class ApiImagesDoor(Door):
    id = "api-images"
    description = "/api/v2/images/: the list and the poster's detail"
    roles = ("tutorial",)
    languages = ("pl", "en")
    translated = ("pl", "en")

    def places(self, ctx, subject, versions):
        places = {}
        for v in versions:
            poster = ctx.world.posters[v.role]
            for label, url in (
                # Newest first: the world's posters come after the demo's
                # pictures, which fill the list's first page of twenty.
                ("the images API's list", "/api/v2/images/?order=-id"),
                ("the images API's detail", f"/api/v2/images/{poster.id}/"),
            ):
                places[url] = Place(label, url, one(poster.marker))
        return list(places.values())


# Documents ----------------------------------------------------------------------


class DocumentDoor(Door):
    roles = ("document",)


class DocumentBlockDoor(DocumentDoor):
    id = "document-block"
    description = "a public page's DocumentBlock: the document's title, link and size"

    def places(self, ctx, subject, versions):
        practice = ctx.world.version("practice", "pl")
        document = ctx.world.document
        name = document.url.rsplit("/", 1)[-1]
        return [
            Place(
                "the practice's document block",
                practice.url,
                ((v.marker,), (name,)),
                section(".block-document"),
            )
            for v in versions
        ]


class DocumentFileDoor(DocumentDoor):
    id = "document-file"
    description = "the document's own address, /documents/<id>/<name>"

    def places(self, ctx, subject, versions):
        url = ctx.world.document.url
        return [
            Place("the document", url, one("mxdocumentbytesx"), only_body, only_body)
        ]


class ApiDocumentsDoor(DocumentDoor):
    id = "api-documents"
    description = "/api/v2/documents/: the list and the detail"

    def places(self, ctx, subject, versions):
        document = ctx.world.document
        return [
            Place(
                "the documents API's list", "/api/v2/documents/", one(document.marker)
            ),
            Place(
                "the documents API's detail",
                f"/api/v2/documents/{document.id}/",
                one(document.marker),
            ),
        ]
