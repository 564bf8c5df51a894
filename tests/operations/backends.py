"""django-axes for the test suite, where Client.login() authenticates too."""

from axes.backends import AxesStandaloneBackend


class ClientLoginAxesBackend(AxesStandaloneBackend):
    """AxesStandaloneBackend, except that an authenticate() call without a
    request (Django's test Client.login(), as in Wagtail's test helpers) is let
    through to the next backend instead of raising: there is no client to
    count failures for. Every login through a view, which passes its request,
    is throttled exactly as in production."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(
            request, username=username, password=password, **kwargs
        )
