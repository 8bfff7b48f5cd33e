from django.contrib import admin
from django.urls import include, path

from diagnosis.api.api import api
from diagnosis.web import model_health

admin.site.site_header = "MedAction administration"
admin.site.site_title = "MedAction"

# The product's own pages (ProductErrorPagesMiddleware serves them with DEBUG on as well).
handler404 = "diagnosis.web.views.page_not_found"
handler500 = "diagnosis.web.views.server_error"

urlpatterns = [
    # Before the admin's include, whose catch-all would answer this path with a 404.
    path("admin/health/", model_health.admin_health, name="admin_health"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", api.urls),
    path("", include("diagnosis.web.urls")),
]
