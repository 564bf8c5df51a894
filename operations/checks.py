"""Checks of the deployment (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

UNSIGNED_MEDIA = (
    "Uploaded files are served by the bucket at unsigned URLs: a hidden "
    "page's files (a draft tutorial's video, poster and captions) load for "
    "anyone who has their address."
)


@register(Tags.security, deploy=True)
def media_urls_are_signed(app_configs, **kwargs):
    """On a bucket, the rule of core/public_files.py holds only with a private
    bucket and signed URLs (README, "Video tutorials")."""
    if not getattr(settings, "AWS_STORAGE_BUCKET_NAME", ""):
        return []
    if not settings.AWS_QUERYSTRING_AUTH:
        hint = "Leave AWS_QUERYSTRING_AUTH on and make the bucket private."
    elif settings.AWS_S3_CUSTOM_DOMAIN and not (
        settings.AWS_CLOUDFRONT_KEY_ID and settings.AWS_CLOUDFRONT_KEY
    ):
        hint = (
            "With AWS_S3_CUSTOM_DOMAIN, set AWS_CLOUDFRONT_KEY_ID and "
            "AWS_CLOUDFRONT_KEY (a CloudFront key pair) and let CloudFront "
            "serve only signed URLs; django-storages signs no other domain."
        )
    else:
        return []
    return [Warning(UNSIGNED_MEDIA, hint=hint, id="operations.W001")]
