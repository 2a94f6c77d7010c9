import time

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class BureauLocaleMiddleware:
    """zh-Hant for everyone unless they chose English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, turning the intranet
    English on any English-configured browser; the Bureau's default is Traditional Chinese, and
    only an explicit choice (the language cookie set by `set_language`) changes it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class AbsoluteSessionLifetimeMiddleware:
    """A signed-in session ends SESSION_ABSOLUTE_SECONDS after sign-in, however active it is.

    The idle limit (SESSION_COOKIE_AGE, pushed forward by every request) alone lets a session
    that is used every half hour live for ever; a stolen session cookie then never expires. The
    sign-in time is kept in the session (server side) on the first request after sign-in.
    """

    KEY = "_signed_in_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if session is not None and user is not None and user.is_authenticated:
            now = int(time.time())
            started = session.get(self.KEY)
            if started is None:
                session[self.KEY] = now
            elif now - int(started) > settings.SESSION_ABSOLUTE_SECONDS:
                from django.contrib.auth import logout

                logout(request)  # flushes the session: the next page asks for sign-in again
        return self.get_response(request)
