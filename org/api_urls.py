from rest_framework.routers import SimpleRouter

from org.api import DepartmentViewSet, PostViewSet, StaffViewSet

router = SimpleRouter()
router.register("departments", DepartmentViewSet, basename="department")
router.register("staff", StaffViewSet, basename="staff")
router.register("posts", PostViewSet, basename="post")

urlpatterns = router.urls
