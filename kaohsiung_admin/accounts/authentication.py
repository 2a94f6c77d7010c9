from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from kaohsiung_admin.core.api import token_cache


class BureauTokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>` with a bureau's key (stored hashed, expiring, revocable).

    The token, its bureau and its service account's permissions come from core.api.token_cache
    (resolved once per token, dropped when any of them changes)."""

    keyword = "Token"

    def authenticate_credentials(self, key):
        token = token_cache.find_token(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("權杖無效、已過期或已撤銷。"))
        user = token.bureau.service_user
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("此機關的 API 帳號已停用。"))
        # Written at most once a minute so that busy clients do not turn reads into writes.
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            type(token).objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
            token_cache.remember(token)
        return (user, token)
