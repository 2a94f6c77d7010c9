from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from kaohsiung_admin.accounts.models import ApiToken
from kaohsiung_admin.core.api.serializers import CalendarOverrideSerializer
from kaohsiung_admin.core.filters import CalendarOverrideFilterSet
from kaohsiung_admin.core.models import CalendarOverride


class RestrictedQuerysetMixin:
    """Every API queryset goes through the model's `restrict()` for the signed-in user or bureau.

    The restriction is applied to whatever `get_queryset` returns, also when a subclass overrides
    it (`__init_subclass__` wraps the override), so no viewset can forget it. Custom actions read
    rows through `get_object()` or `get_queryset()`, never through `Model.objects` directly.

    `action_permissions` maps a viewset action to the Django permission it needs, so that an
    action needs the same permission through the API as on the page:
    `action_permissions = {"transition": "consumer_protection.change_complaint"}`.
    """

    action_permissions: dict[str, str] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("get_queryset")
        if own is not None and not getattr(own, "restricted", False):

            def get_queryset(self, _own=own):
                return self.restrict_queryset(_own(self))

            get_queryset.restricted = True
            get_queryset.__doc__ = own.__doc__
            cls.get_queryset = get_queryset

    def restrict_queryset(self, queryset):
        # A bureau's token was already checked for write on this resource by ResourcePermission;
        # its service account reads every row, so it writes the rows it can read.
        if not hasattr(queryset, "restrict"):
            return queryset
        safe = self.request.method in ("GET", "HEAD", "OPTIONS")
        action = "view" if safe or getattr(self.request.auth, "bureau_id", None) else "change"
        return queryset.restrict(self.request.user, action)

    def get_queryset(self):
        return self.restrict_queryset(super().get_queryset())


RestrictedQuerysetMixin.get_queryset.restricted = True


class ReadOnlyViewSet(RestrictedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class ListRetrieveCreateViewSet(
    RestrictedQuerysetMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """List, read and create; changes go through the resource's own actions (services)."""


class ModelViewSet(RestrictedQuerysetMixin, viewsets.ModelViewSet):
    pass


class CalendarOverrideViewSet(ModelViewSet):
    """The Bureau's corrections to the office calendar (typhoon days, late revisions)."""

    resource = "core.calendar-overrides"
    queryset = CalendarOverride.objects.order_by("date")
    serializer_class = CalendarOverrideSerializer
    filterset_class = CalendarOverrideFilterSet
    ordering_fields = ["date"]

    # Every signed-in user and bureau may read the office calendar (CalendarOverride has no
    # row restriction); writes need the grant or the model permission (ResourcePermission).


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
