from django.urls import path

from reading.views import machine_translation

urlpatterns = [
    path(
        "<str:language_code>/machine-translation/<int:page_id>/",
        machine_translation,
        name="machine_translation",
    ),
]
