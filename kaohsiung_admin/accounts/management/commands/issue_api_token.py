from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from kaohsiung_admin.accounts.grants import check_grants
from kaohsiung_admin.accounts.models import ApiToken, Bureau, ReadLevel, User
from kaohsiung_admin.accounts.roles import API_CLIENT


class Command(BaseCommand):
    help = (
        "Issue an API token for a bureau and print its key (shown once, alone on stdout); what the "
        "token may read and write goes to stderr. Read-only unless --write; resources holding "
        "confidential cases (consumer protection) are read only with --read, and then at statistics "
        "level unless --confidential."
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
        parser.add_argument(
            "--read",
            nargs="+",
            action="extend",
            default=[],
            metavar="RESOURCE",
            help="Confidential resources it may read, e.g. consumer_protection.complaints; repeatable",
        )
        parser.add_argument(
            "--confidential",
            action="store_true",
            help="May read narratives, parties and timelines of the --read resources (each read logged)",
        )
        parser.add_argument("--personal-data", action="store_true", help="May see personal data unmasked")
        parser.add_argument("--days", type=int, help="Days until it expires (default API_TOKEN_DEFAULT_DAYS)")
        parser.add_argument("--revoke", metavar="PREFIX", help="Revoke the bureau's token with this prefix instead")

    @transaction.atomic
    def handle(
        self,
        *args,
        bureau,
        name=None,
        write=(),
        read=(),
        confidential=False,
        personal_data=False,
        days=None,
        revoke=None,
        **options,
    ):
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
        if days is not None and days <= 0:
            raise CommandError(f"--days must be 1 or more (got {days}); a token valid for no day is useless.")
        grants = check_grants(write=write, read=read)
        if grants.unknown:
            known = ", ".join(sorted(grants.open_reads + grants.needs_grant))
            raise CommandError(f"Unknown resource(s): {', '.join(grants.unknown)}. Known: {known}")
        if grants.read_only:
            raise CommandError(
                f"Read-only resource(s) cannot be granted for writing: {', '.join(grants.read_only)}. "
                f"Writable: {', '.join(grants.writable)}"
            )
        needs_grant, open_reads = grants.needs_grant, grants.open_reads
        if grants.open_reads_asked:
            raise CommandError(
                f"--read is for resources that need a read grant ({', '.join(needs_grant)}); "
                f"every token already reads {', '.join(grants.open_reads_asked)}."
            )
        if confidential and not read:
            raise CommandError("--confidential needs --read with the resources it applies to.")
        target = Bureau.objects.filter(code=code).first()
        if target is None:
            user = User.objects.create(username=f"api-{code}", is_api_client=True, display_name=name or code)
            user.set_unusable_password()
            user.save(update_fields=["password"])
            user.groups.add(Group.objects.get(name=API_CLIENT))
            target = Bureau.objects.create(code=code, name=name or code, service_user=user)
        token, key = ApiToken.issue(
            bureau=target,
            write_resources=write,
            read_resources=read,
            read_level=ReadLevel.CONFIDENTIAL if confidential else ReadLevel.STATISTICS,
            personal_data=personal_data,
            days=days,
        )
        self.stdout.write(key)
        # The key alone on stdout (scripts capture it); what it may do on stderr, for the person.
        writes = ", ".join(token.write_resources) or "nothing (read-only)"
        granted = ", ".join(token.read_resources)
        level = "narratives, parties and timelines (each read logged)" if confidential else "statistics-level fields"
        confidential_reads = f"{granted} — {level}" if granted else "none"
        ungranted = sorted(set(needs_grant) - set(token.read_resources))
        if ungranted:
            confidential_reads += f" (not readable: {', '.join(ungranted)})"
        self.stderr.write(
            f"Token {token.prefix}… for {target.code} ({target.name}), expires {token.expires_at:%Y-%m-%d}.\n"
            f"  reads:  {', '.join(open_reads)}\n"
            f"  confidential reads: {confidential_reads}\n"
            f"  writes: {writes}\n"
            f"  personal data: {'unmasked' if token.personal_data else 'masked'}"
        )
