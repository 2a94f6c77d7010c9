"""Who may call what in the API.

- A bureau's token (`request.auth` is an ApiToken) reads every resource except those whose
  viewset declares `read_grant_required = True` (consumer-protection cases, CPA Art. 45-1): those
  need a read grant (`issue_api_token <bureau> --read consumer_protection.complaints`). Which
  fields of such a resource it sees is the viewset's business (the token's `read_level`). It
  writes only the resources the token was granted (`--write facilities.bookings`).
- A signed-in staff member needs the Django model permission for the action; which rows they
  see is decided by the model's `restrict()` in the view's queryset.

Views name their resource in `resource = "app.collection"`.
"""

from rest_framework import permissions

from kaohsiung_admin.accounts.models import ApiToken

_ACTIONS = {"POST": "add", "PUT": "change", "PATCH": "change", "DELETE": "delete"}


def read_grant_required(view) -> bool:
    return bool(getattr(view, "read_grant_required", False))


class ResourcePermission(permissions.BasePermission):
    message = "您沒有執行此操作的權限。"

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        token = request.auth if isinstance(request.auth, ApiToken) else None
        resource = getattr(view, "resource", None)
        if request.method in permissions.SAFE_METHODS:
            if token is not None and read_grant_required(view) and not token.may_read(resource):
                self.message = f"此權杖沒有讀取「{resource}」的授權（消費者保護法第45條之1：案件資料應保密）。"
                return False
            return True  # rows are restricted by the queryset
        if token is not None:
            if resource is None or not token.may_write(resource):
                self.message = f"此權杖沒有寫入「{resource}」的權限。"
                return False
            return True
        model = getattr(getattr(view, "queryset", None), "model", None)
        required = getattr(view, "required_permissions", {}).get(request.method)
        if required is not None:
            return user.has_perms(required)
        # A named action (`@action def transition`) needs what the viewset maps it to, the same
        # permission as the page that does the same thing.
        by_action = getattr(view, "action_permissions", {}).get(getattr(view, "action", None))
        if by_action is not None:
            if "." in by_action:
                return user.has_perm(by_action)
            if model is not None:
                return user.has_perm(f"{model._meta.app_label}.{by_action}_{model._meta.model_name}")
        if model is None:
            return user.is_staff
        action = _ACTIONS.get(request.method, "change")
        return user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")
