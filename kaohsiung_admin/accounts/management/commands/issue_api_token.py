from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from kaohsiung_admin.accounts.models import ApiToken, Bureau, User
from kaohsiung_admin.accounts.roles import API_CLIENT
from kaohsiung_admin.core.api.resources import api_resources


class Command(BaseCommand):
    help = (
        "Issue an API token for a bureau and print its key (shown once, alone on stdout); what the "
        "token may read and write goes to stderr. Read-only unless --write; repeat --write (or "
        "give several resources to one) to grant several."
    )

    def add_arguments(self, parser):
        parser.add_argument("bureau", help="The bureau's code, e.g. fire-dept (created if new)")
        parser.add_argument("--name", help="The bureau's name in Chinese, e.g. 消防局 (for a new bureau)")
        parser.add_argument(
            "--write",
            nargs="+",
            action="extend",  # `--write A --write B` adds up (the default "store" kept only B)
            default=[],
            metavar="RESOURCE",
            help="Resources it may write, e.g. facilities.bookings; repeatable",
        )
        parser.add_argument("--personal-data", action="store_true", help="May see personal data unmasked")
        parser.add_argument("--days", type=int, help="Days until it expires (default API_TOKEN_DEFAULT_DAYS)")
        parser.add_argument("--revoke", metavar="PREFIX", help="Revoke the bureau's token with this prefix instead")

    @transaction.atomic
    def handle(self, *args, bureau, name=None, write=(), personal_data=False, days=None, revoke=None, **options):
        code = slugify(bureau)
        if not code:
            raise CommandError("The bureau code must contain letters or digits, e.g. fire-dept.")
        if revoke:
            count = 0
            for token in ApiToken.objects.active().filter(bureau__code=code, prefix=revoke):
                token.revoke()
                count += 1
            if not count:
                raise CommandError(f"No active token {revoke}… for bureau {code}.")
            self.stdout.write(f"Revoked {count} token(s).")
            return
        known = api_resources()
        unknown = sorted(set(write) - known)
        if unknown:
            raise CommandError(f"Unknown resource(s): {', '.join(unknown)}. Known: {', '.join(sorted(known))}")
        target = Bureau.objects.filter(code=code).first()
        if target is None:
            user = User.objects.create(username=f"api-{code}", is_api_client=True, display_name=name or code)
            user.set_unusable_password()
            user.save(update_fields=["password"])
            user.groups.add(Group.objects.get(name=API_CLIENT))
            target = Bureau.objects.create(code=code, name=name or code, service_user=user)
        token, key = ApiToken.issue(bureau=target, write_resources=write, personal_data=personal_data, days=days)
        self.stdout.write(key)
        # The key alone on stdout (scripts capture it); what it may do on stderr, for the person.
        writes = ", ".join(token.write_resources) or "nothing (read-only)"
        self.stderr.write(
            f"Token {token.prefix}… for {target.code} ({target.name}), expires {token.expires_at:%Y-%m-%d}.\n"
            f"  reads:  every collection ({len(known)} resources)\n"
            f"  writes: {writes}\n"
            f"  personal data: {'unmasked' if token.personal_data else 'masked'}"
        )
