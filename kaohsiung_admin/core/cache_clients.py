"""One redis-py client per connection pool, not one per cache call.

Django's Redis cache backend makes a new `redis.Redis` object for every operation
(`RedisCacheClient.get_client` → `Redis(connection_pool=pool)`); each one builds its table of ~170
response callbacks. On an API request (the token read, the throttle's count) that was a
measurable part of the request (bench/profile_list.py: `redis.client.__init__` and its
`__setitem__`s). A `redis.Redis` is meant to be long-lived and shared; `reuse_clients()` makes the
backend hand out the same one for the same pool (the pool still checks the process id after a
fork). Backends are per thread in Django, so each thread's backend is set up on first use.
"""

from __future__ import annotations

from django.core.cache import caches


def redis_backend():
    """The default cache backend when it is Django's RedisCache (with its clients reused), else None."""
    from django.core.cache.backends.redis import RedisCache

    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return None
    reuse_clients(backend)
    return backend


def reuse_clients(backend) -> None:
    client = backend._cache
    if getattr(client, "_reuses_clients", False):
        return
    make = client._client
    made: dict[int, object] = {}

    def shared(connection_pool):
        redis = made.get(id(connection_pool))
        if redis is None or redis.connection_pool is not connection_pool:
            redis = made[id(connection_pool)] = make(connection_pool=connection_pool)
        return redis

    client._client = shared
    client._reuses_clients = True
