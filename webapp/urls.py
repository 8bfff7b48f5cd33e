from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "MedAction administration"
admin.site.site_title = "MedAction"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("diagnosis.web.urls")),
]
