from django.urls import URLPattern, URLResolver

from digibank.help import visit_urls

app_name = "help"

urlpatterns: list[URLPattern | URLResolver] = [*visit_urls.urlpatterns]
