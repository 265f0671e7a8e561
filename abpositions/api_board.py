"""Rule 4 API: posts/, with who answers for each now (``covered_by``) and
whether it is ``uncovered``: both holders away and nobody named."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from abpositions.cover import Answer, answers
from org import selectors
from org.filters import PostFilter
from org.models import Post
from org.permissions import IsStaffMember


class PostListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        posts = list(data.all() if hasattr(data, "all") else data)
        # Who answers for the whole page at once: two queries, however many posts.
        self.child.context["answers"] = answers(posts)
        return super().to_representation(posts)


class PostSerializer(serializers.ModelSerializer):
    covered_by = serializers.SerializerMethodField()
    uncovered = serializers.SerializerMethodField()

    class Meta:
        model = Post
        fields = ["id", "name", "department", "duties", "a_holder", "b_holder", "covered_by", "uncovered"]
        list_serializer_class = PostListSerializer

    def _answer(self, post) -> Answer:
        known = self.context.setdefault("answers", {})
        if post.pk not in known:
            known.update(answers([post]))
        return known[post.pk]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_covered_by(self, post) -> int | None:
        staff = self._answer(post).staff
        return staff.pk if staff is not None else None

    @extend_schema_field(serializers.BooleanField())
    def get_uncovered(self, post) -> bool:
        return self._answer(post).uncovered


class PostViewSet(viewsets.ReadOnlyModelViewSet):
    """Posts with their holders, and who answers for each now (rule 4)."""

    permission_classes = [IsStaffMember]
    serializer_class = PostSerializer
    filterset_class = PostFilter

    def get_queryset(self):
        return selectors.posts_list()
