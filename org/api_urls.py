from rest_framework.routers import SimpleRouter

from org.api import DepartmentViewSet, StaffViewSet

router = SimpleRouter()
router.register("departments", DepartmentViewSet, basename="department")
router.register("staff", StaffViewSet, basename="staff")

urlpatterns = router.urls
