"""How the admin says no."""


def refused(response):
    """Wagtail's admin answers a PermissionDenied by sending the user to the
    dashboard with "Sorry, you do not have permission…"; others with 403."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )
