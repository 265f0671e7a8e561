from accountability.urls_complaints import urlpatterns as complaints
from accountability.urls_records import urlpatterns as records

app_name = "accountability"

urlpatterns = [*records, *complaints]
