from django.contrib import admin
from django.urls import include, path

from diagnosis.api.api import api

admin.site.site_header = "MedAction administration"
admin.site.site_title = "MedAction"

# The product's own pages (ProductErrorPagesMiddleware serves them with DEBUG on as well).
handler404 = "diagnosis.web.views.page_not_found"
handler500 = "diagnosis.web.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", api.urls),
    path("", include("diagnosis.web.urls")),
]
