import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Division(models.Model):
    """A division of the Bureau (科/室) that staff belong to."""

    code = models.SlugField(_("代碼"), max_length=40, unique=True)
    name = models.CharField(_("名稱"), max_length=60)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("科室")
        verbose_name_plural = _("科室")

    def __str__(self):
        return self.name


class User(AbstractUser):
    """A member of staff, or the service account of another bureau's API client."""

    display_name = models.CharField(_("姓名"), max_length=60, blank=True)
    division = models.ForeignKey(
        Division, verbose_name=_("科室"), null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    title = models.CharField(_("職稱"), max_length=60, blank=True)
    phone_extension = models.CharField(_("分機"), max_length=20, blank=True)
    is_api_client = models.BooleanField(_("API 用戶端"), default=False)
    supervisor = models.ForeignKey(
        "self", verbose_name=_("單位主管"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("使用者")
        verbose_name_plural = _("使用者")

    def __str__(self):
        return self.display_name or self.get_full_name() or self.username


class Bureau(models.Model):
    """Another agency of the city government calling our API (e.g. 消防局)."""

    code = models.SlugField(_("代碼"), max_length=40, unique=True)
    name = models.CharField(_("機關名稱"), max_length=80)
    service_user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bureau", verbose_name=_("服務帳號")
    )
    created_at = models.DateTimeField(_("建立時間"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("機關")
        verbose_name_plural = _("機關")

    def __str__(self):
        return self.name


def _hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        now = timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class ReadLevel(models.TextChoices):
    """How much of a confidential resource a token reads (CPA Art. 45-1 for consumer cases)."""

    STATISTICS = "statistics", _("統計層級（不含案情、當事人、歷程）")
    CONFIDENTIAL = "confidential", _("含案情、當事人及歷程（每次讀取皆記錄）")


class ApiToken(models.Model):
    """A bureau's API key. Only its SHA-256 is stored; the key is shown once, when issued.

    Reads: every resource is readable unless its viewset declares `read_grant_required = True`
    (consumer-protection cases); those need the resource in `read_resources`, and then give the
    statistics-level fields only, unless `read_level` is confidential (narratives, parties,
    timelines; each such read is logged like an unmasking). `personal_data` unmasks IDs, phones
    and names. Writes need the resource in `write_resources`.

    A cache of a token's grants (authentication) must be invalidated when the token is saved.
    """

    bureau = models.ForeignKey(Bureau, on_delete=models.CASCADE, related_name="tokens", verbose_name=_("機關"))
    prefix = models.CharField(_("前綴"), max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    write_resources = models.JSONField(_("可寫入資源"), default=list, blank=True)
    read_resources = models.JSONField(
        _("須授權之可讀取資源"),
        default=list,
        blank=True,
        help_text=_("機密資源（如消費者保護案件）須列於此始可讀取；其他資源所有權杖皆可讀取。"),
    )
    read_level = models.CharField(
        _("機密欄位授權"), max_length=20, choices=ReadLevel.choices, default=ReadLevel.STATISTICS
    )
    personal_data = models.BooleanField(_("可檢視完整個資"), default=False)
    created_at = models.DateTimeField(_("核發時間"), auto_now_add=True)
    expires_at = models.DateTimeField(_("到期時間"))
    revoked_at = models.DateTimeField(_("撤銷時間"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("最後使用"), null=True, blank=True)
    note = models.CharField(_("備註"), max_length=200, blank=True)
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API 權杖")
        verbose_name_plural = _("API 權杖")

    def __str__(self):
        return f"{self.bureau} {self.prefix}…"

    @classmethod
    def issue(
        cls,
        *,
        bureau: Bureau,
        write_resources=(),
        read_resources=(),
        read_level=ReadLevel.STATISTICS,
        personal_data=False,
        days=None,
        note="",
    ):
        """Create a token; returns (token, key). The key is not recoverable afterwards."""
        key = secrets.token_urlsafe(32)
        days = settings.API_TOKEN_DEFAULT_DAYS if days is None else days
        if days <= 0:
            raise ValueError("A token must be valid for at least one day.")
        token = cls.objects.create(
            bureau=bureau,
            prefix=key[:8],
            key_hash=_hash_key(key),
            write_resources=sorted(set(write_resources)),
            read_resources=sorted(set(read_resources)),
            read_level=read_level,
            personal_data=personal_data,
            expires_at=timezone.now() + timedelta(days=days),
            note=note,
        )
        return token, key

    @classmethod
    def find(cls, key: str):
        """The active token with this key, or None."""
        return cls.objects.active().select_related("bureau__service_user").filter(key_hash=_hash_key(key)).first()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    def may_write(self, resource: str) -> bool:
        return resource in self.write_resources

    def may_read(self, resource: str) -> bool:
        """For a resource that needs a read grant; other resources every token reads."""
        return resource in (self.read_resources or [])

    @property
    def reads_confidential(self) -> bool:
        return self.read_level == ReadLevel.CONFIDENTIAL

    def revoke(self):
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])
