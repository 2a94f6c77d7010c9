from rest_framework import viewsets


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
