"""Demo accounts, one per role, for the embedded default only (never in production)."""

from django.conf import settings
from django.contrib.auth.models import Group

from kaohsiung_admin.accounts import roles
from kaohsiung_admin.accounts.models import Division, User

DIVISIONS = [
    ("general-affairs", "事務科"),
    ("consumer-protection", "消費者保護科"),
    ("documents", "文書科"),
    ("confidential", "機要科"),
    ("international", "國際事務科"),
    ("secretariat", "秘書室"),
]

# username, name, division, roles
DEMO_ACCOUNTS = [
    ("admin", "系統管理員", "secretariat", [roles.ADMINISTRATOR]),
    ("manager", "王主管", "secretariat", [roles.MANAGER]),
    ("facility", "林廳舍", "general-affairs", [roles.FACILITY_CLERK]),
    ("dormitory", "陳宿舍", "general-affairs", [roles.DORMITORY_ASSET_CLERK]),
    ("officer", "黃消保官", "consumer-protection", [roles.CONSUMER_PROTECTION_OFFICER]),
    ("documents", "張文書", "documents", [roles.DOCUMENT_CLERK]),
    ("international", "李國際", "international", [roles.INTERNATIONAL_OFFICER]),
    ("staff", "吳職員", "general-affairs", []),
]


def load(*, stdout) -> None:
    divisions = {}
    for code, name in DIVISIONS:
        divisions[code], _ = Division.objects.get_or_create(code=code, defaults={"name": name})
    if not settings.DEMO_ACCOUNTS:
        stdout.write("Demo accounts skipped (DEMO_ACCOUNTS is off, as in production).")
        return
    heads = {}
    for username, name, division, role_names in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "display_name": name,
                "division": divisions[division],
                "email": f"{username}@demo.kcg.gov.tw",
                "is_staff": roles.ADMINISTRATOR in role_names,
                "is_superuser": roles.ADMINISTRATOR in role_names,
            },
        )
        if created:
            user.set_password(settings.DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.add(*Group.objects.filter(name__in=[roles.STAFF, *role_names]))
        heads[username] = user
    User.objects.filter(username__in=["officer", "facility", "staff"], supervisor__isnull=True).update(
        supervisor=heads["manager"]
    )
    accounts = ", ".join(f"{username} ({name})" for username, name, _d, _r in DEMO_ACCOUNTS)
    stdout.write(f"Demo accounts (password for each: {settings.DEMO_PASSWORD}): {accounts}")
