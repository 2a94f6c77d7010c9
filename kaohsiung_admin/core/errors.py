"""The one error a service raises when a business rule refuses an action, translated once.

    raise ServiceError(_("此時段已有預約 #12。"), code="booking_conflict", status=409,
                       field="start", conflicting_booking=12)

- The API's exception handler (`core.api.exceptions`) answers it in the documented error shape:
  `{"status": 409, "code": "booking_conflict", "detail": "…", "errors": {"start": ["…"]},
  "conflicting_booking": 12}` (`errors` only when a field is named).
- A page puts it on its form with `add_to_form(form, error)` (onto the field when the form has
  it, else as a non-field error), or shows it as a message with `messages_for(error)`.

A Django `ValidationError` raised by a service (e.g. by `full_clean()`) is handled the same way by
both, so services need not convert one into the other.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class ServiceError(Exception):
    """A refused business action: message, field (or None), code, HTTP status, extra body keys.

    `message` may be a list of sentences (every rule a request breaks); `str()` joins them.
    Extra keys read as attributes too: `error.conflicting_booking`.
    """

    def __init__(self, message, *, code: str = "refused", status: int = 409, field: str | None = None, **extra):
        sentences = [str(item) for item in message] if isinstance(message, (list, tuple)) else [str(message)]
        super().__init__(" ".join(sentences))
        self.message = " ".join(sentences) if isinstance(message, (list, tuple)) else message
        self._messages = sentences
        self.code = code
        self.status = status
        self.field = field
        self.extra = extra

    def __getattr__(self, name):
        extra = self.__dict__.get("extra") or {}
        if name in extra:
            return extra[name]
        raise AttributeError(name)

    @property
    def messages(self) -> list[str]:
        return list(self._messages)

    def as_validation_error(self) -> ValidationError:
        errors = [ValidationError(message, code=self.code) for message in self._messages]
        if self.field:
            return ValidationError({self.field: errors})
        return ValidationError(errors)

    def __str__(self) -> str:
        return " ".join(self._messages)


def add_to_form(form, error: ServiceError | ValidationError) -> None:
    """Put a service's refusal on a bound form: on the named field when the form has it."""
    if isinstance(error, ServiceError):
        field = error.field if error.field in form.fields else None
        for message in error.messages:
            form.add_error(field, ValidationError(message, code=error.code))
        return
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            target = name if name in form.fields else None
            for item in errors:
                form.add_error(target if name != NON_FIELD_ERRORS else None, item)
        return
    form.add_error(None, error)


def messages_for(error: ServiceError | ValidationError) -> list[str]:
    """The sentences to show in a flash message."""
    return [str(message) for message in error.messages]
