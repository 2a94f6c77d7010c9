"""A bureau's token resolved once, not on every request.

`find_token(key)` returns the active ApiToken for a key with its bureau and service account,
the account's permissions already loaded (what `restrict()` and `has_perm` read), from the cache
when it can: a request through a token then costs no query for who is calling.

The cached entry is dropped when it may be stale:
- the token itself is saved or deleted (revoked, grants changed): its entry is deleted;
- its bureau or service account is saved, or the account's groups or own permissions change:
  that account's tokens' entries are deleted;
- a group's permissions change, or a group or permission is deleted: every entry is retired at
  once by a new generation (entries carry the generation they were built under);
- a user or bureau deleted takes its tokens with it (their post_delete drops their entries);
- and in any case after `API_TOKEN_CACHE_SECONDS` (300 s in settings when the cache is Redis; 0 turns it off; the
  benchmark ran with 300).
Expiry and revocation are checked on the cached token on every request. When the cache cannot be
reached the token is read from the database as before. When the cache lost its generation (flushed
or evicted: every entry and invalidation gone) a copy this process read less than the timeout ago
is put back rather than every token being read again at once (changes made in this process drop
its copies too).
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import time
import uuid

from django.conf import settings
from django.core.cache import cache

from kaohsiung_admin.core.cache_clients import redis_backend

logger = logging.getLogger(__name__)

GENERATION_KEY = "apitoken:generation"

# This process's own copies (pickled), used only when the shared cache lost its generation (a
# flush or an eviction wiped every entry): younger than the timeout, they are put back instead of
# every token being read from the database again at once.
_LOCAL: dict[str, tuple[float, bytes]] = {}


def _entry_key(key_hash: str) -> str:
    return f"apitoken:{key_hash}"


def _timeout() -> int:
    # Off unless configured: test workers sharing one Redis invalidate each other's entries (a
    # flush, a new generation), which makes per-request query counts differ between tests.
    return int(getattr(settings, "API_TOKEN_CACHE_SECONDS", 0))


def load_permissions(user) -> None:
    """Fill the user's permission caches (ModelBackend's `_perm_cache` and friends), so that
    `has_perm` asks no query during the request and the cached copy carries them."""
    user.get_all_permissions()


def find_token(key: str):
    from kaohsiung_admin.accounts.models import ApiToken

    key_hash = hashlib.sha256(key.encode()).hexdigest()
    entry_key = _entry_key(key_hash)
    timeout = _timeout()
    generation = None
    if timeout > 0:
        try:
            redis_backend()  # one redis client per pool, not one per call (core.cache_clients)
            found = cache.get_many([GENERATION_KEY, entry_key])
            generation = found.get(GENERATION_KEY)
            if generation is None:
                generation = uuid.uuid4().hex
                if not cache.add(GENERATION_KEY, generation, timeout=None):
                    generation = cache.get(GENERATION_KEY)
                local = _LOCAL.get(key_hash)
                if local is not None and time.monotonic() - local[0] < timeout and generation is not None:
                    token = pickle.loads(local[1])  # noqa: S301 - this process's own bytes
                    token._cache_generation = generation
                    remember(token)
                    return token if token.is_active else None
            entry = found.get(entry_key)
            if entry is not None and entry[0] == generation and generation is not None:
                token = entry[1]
                token._cache_generation = generation
                return token if token.is_active else None
        except Exception:  # the cache is down: the database answers
            logger.warning("token cache unavailable", exc_info=True)
            generation = None
    token = ApiToken.find(key)
    if token is None:
        return None
    load_permissions(token.bureau.service_user)
    if generation is not None:
        token._cache_generation = generation
        remember(token)
        if len(_LOCAL) > 5_000:
            _LOCAL.clear()
        _LOCAL[key_hash] = (time.monotonic(), pickle.dumps(token))
    return token


def remember(token) -> None:
    """Store (or refresh, after a change to `last_used_at`) the token's entry, under the
    generation it was read in (a change since then makes the entry stale at once)."""
    timeout = _timeout()
    generation = getattr(token, "_cache_generation", None)
    if timeout <= 0 or generation is None:
        return
    try:
        cache.set(_entry_key(token.key_hash), (generation, token), timeout=timeout)
    except Exception:
        logger.warning("token cache unavailable", exc_info=True)


def forget(token) -> None:
    _LOCAL.pop(token.key_hash, None)
    try:
        cache.delete(_entry_key(token.key_hash))
    except Exception:
        logger.warning("token cache unavailable", exc_info=True)


def retire_all() -> None:
    """A new generation: every cached token is read afresh on its next request."""
    _LOCAL.clear()
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:
        logger.warning("token cache unavailable", exc_info=True)


# --- invalidation ------------------------------------------------------------------------------


def forget_tokens(**lookup) -> None:
    """Drop the cached entries of the tokens matching `lookup` (e.g. a service account's)."""
    from kaohsiung_admin.accounts.models import ApiToken

    hashes = list(ApiToken.objects.filter(**lookup).values_list("key_hash", flat=True))
    if not hashes:
        return
    for key_hash in hashes:
        _LOCAL.pop(key_hash, None)
    try:
        cache.delete_many([_entry_key(h) for h in hashes])
    except Exception:
        logger.warning("token cache unavailable", exc_info=True)


def _token_changed(sender, instance, **kwargs):
    forget(instance)


def _user_saved(sender, instance, created=False, update_fields=None, **kwargs):
    if created or (update_fields is not None and set(update_fields) <= {"last_login"}):
        return  # a new account has no token yet; a sign-in changes nothing a token carries
    forget_tokens(bureau__service_user=instance)


def _bureau_changed(sender, instance, **kwargs):
    forget_tokens(bureau_id=instance.pk)


def _anything_changed(sender, **kwargs):
    retire_all()


def _membership_changed(sender, instance, action, reverse, pk_set=None, **kwargs):
    """A user's groups or own permissions: that user's tokens (from either side of the link)."""
    if action not in ("post_add", "post_remove", "post_clear", "pre_clear"):
        return
    from django.contrib.auth import get_user_model

    if isinstance(instance, get_user_model()):
        forget_tokens(bureau__service_user=instance)
    elif action == "pre_clear" or pk_set is None:
        retire_all()  # a group or permission cleared of all its users: whoever they were
    else:
        forget_tokens(bureau__service_user_id__in=pk_set)


def connect() -> None:
    """Wire the invalidation signals (from CoreConfig.ready)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from kaohsiung_admin.accounts.models import ApiToken, Bureau

    User = get_user_model()
    post_save.connect(_token_changed, sender=ApiToken, dispatch_uid="token_cache_token_saved")
    post_delete.connect(_token_changed, sender=ApiToken, dispatch_uid="token_cache_token_deleted")
    post_save.connect(_user_saved, sender=User, dispatch_uid="token_cache_user_saved")
    post_save.connect(_bureau_changed, sender=Bureau, dispatch_uid="token_cache_bureau_saved")
    for model in (Group, Permission):
        post_delete.connect(_anything_changed, sender=model, dispatch_uid=f"token_cache_{model.__name__}_deleted")
    for through in (User.groups.through, User.user_permissions.through):
        m2m_changed.connect(_membership_changed, sender=through, dispatch_uid=f"token_cache_{through.__name__}")
    # A group's permissions: every member's tokens, whoever they are.
    m2m_changed.connect(_group_permissions_changed, sender=Group.permissions.through, dispatch_uid="token_cache_gp")


def _group_permissions_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        retire_all()
