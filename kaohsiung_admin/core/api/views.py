from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from kaohsiung_admin.accounts.models import ApiToken
from kaohsiung_admin.core.api.serializers import CalendarOverrideSerializer
from kaohsiung_admin.core.filters import CalendarOverrideFilterSet
from kaohsiung_admin.core.models import CalendarOverride


class RestrictedQuerysetMixin:
    """Every API queryset goes through the model's `restrict()` for the signed-in user or bureau."""

    def get_queryset(self):
        # A bureau's token was already checked for write on this resource by ResourcePermission;
        # its service account reads every row, so it writes the rows it can read.
        safe = self.request.method in ("GET", "HEAD", "OPTIONS")
        action = "view" if safe or getattr(self.request.auth, "bureau_id", None) else "change"
        queryset = super().get_queryset()
        if hasattr(queryset, "restrict"):
            return queryset.restrict(self.request.user, action)
        return queryset


class ReadOnlyViewSet(RestrictedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class ModelViewSet(RestrictedQuerysetMixin, viewsets.ModelViewSet):
    pass


class CalendarOverrideViewSet(ModelViewSet):
    """The Bureau's corrections to the office calendar (typhoon days, late revisions)."""

    resource = "core.calendar-overrides"
    queryset = CalendarOverride.objects.order_by("date")
    serializer_class = CalendarOverrideSerializer
    filterset_class = CalendarOverrideFilterSet
    ordering_fields = ["date"]

    def get_queryset(self):
        # Every signed-in user and bureau may read the office calendar; writes need the grant
        # or the model permission (ResourcePermission).
        return self.queryset


class WhoAmIView(APIView):
    """Who the API sees: the bureau behind a token and what it may write, or the signed-in user."""

    @extend_schema(responses={200: dict})
    def get(self, request):
        token = request.auth if isinstance(request.auth, ApiToken) else None
        body = {"username": request.user.get_username(), "bureau": None}
        if token is not None:
            body.update(
                bureau={"code": token.bureau.code, "name": token.bureau.name},
                write_resources=token.write_resources,
                personal_data=token.personal_data,
                expires_at=token.expires_at,
            )
        return Response(body)
