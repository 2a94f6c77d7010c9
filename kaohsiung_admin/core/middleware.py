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
