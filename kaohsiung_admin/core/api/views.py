from drf_spectacular.utils import extend_schema
from rest_framework import filters, mixins, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from kaohsiung_admin.accounts.models import ApiToken
from kaohsiung_admin.core.api.filtering import FilterBackend
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

    # The FilterSet only when the request names one of its filters (core.api.filtering).
    filter_backends = [FilterBackend, filters.OrderingFilter]

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


class NoStoreMixin:
    """No answer of this viewset may be kept by a browser or a proxy (it may carry personal data)."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response


class PersonalDataViewSetMixin(NoStoreMixin):
    """For a model that declares `personal_fields` and `unmask_permission` (core.personal_data):
    the serializer context says whether to unmask (a token's `--personal-data` grant, else the
    user's permission), and every list page or record shown in full is logged in one INSERT
    (個人資料保護法第18條); no answer is cached. Serializers subclass `MaskedPersonalDataSerializer`."""

    def _may_unmask(self) -> bool:
        from kaohsiung_admin.core.personal_data import request_may_unmask

        model = self.get_queryset().model
        permission = getattr(model, "unmask_permission", None)
        return bool(permission) and request_may_unmask(self.request, permission)

    def get_serializer_context(self):
        from django.utils import timezone

        context = super().get_serializer_context()
        context["unmask"] = self._may_unmask()
        context["today"] = timezone.localdate()
        return context

    def log_full_views(self, records):
        from kaohsiung_admin.core.channel import request_channel
        from kaohsiung_admin.core.personal_data import log_full_views, personal_fields

        records = list(records)
        if not records or not self._may_unmask():
            return
        fields = personal_fields(records[0])
        if fields:
            log_full_views(
                user=self.request.user,
                records=records,
                fields=list(fields),
                reason=f"API {self.request.method} {self.request.path}",
                channel=request_channel(self.request),
            )

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = page if page is not None else list(queryset)
        self.log_full_views(rows)
        serializer = self.get_serializer(rows, many=True)
        return self.get_paginated_response(serializer.data) if page is not None else Response(serializer.data)

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        self.log_full_views([instance])
        return Response(self.get_serializer(instance).data)


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
