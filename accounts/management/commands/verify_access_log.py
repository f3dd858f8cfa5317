"""Checks the access log's signatures and hash chain. Exits 1 on any problem; prints the
chain head so a deployment can record it outside the database and pass it back with
--head next time (which also catches removal of the newest entries)."""

import re

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.access_log.chain import seal_all, verify_log

HEAD = re.compile(r"^(\d+):([0-9a-f]{64})$")


class Command(BaseCommand):
    help = "Verify the access log's entry signatures and hash chain."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--head", help="A head recorded earlier, as SEQ:HASH.")
        parser.add_argument(
            "--no-seal", action="store_true", help="Do not seal pending entries before checking."
        )

    def handle(self, *args: object, head: str | None, no_seal: bool, **options: object) -> None:
        expected = None
        if head:
            match = HEAD.match(head.strip())
            if not match:
                raise CommandError("--head must be SEQ:HASH, as printed by this command.")
            expected = (int(match.group(1)), match.group(2))
        if not no_seal:
            seal_all()
        result = verify_log(expected_head=expected)
        self.stdout.write(f"Checked {result.links} links; {result.pending} entries awaiting sealing.")
        self.stdout.write(f"Chain head: {result.head_seq}:{result.head_hash}")
        if result.ok:
            self.stdout.write(self.style.SUCCESS("Access log verified: no entry altered, removed or forged."))
            return
        first = result.problems[0]
        for problem in result.problems:
            self.stdout.write(_describe(problem))
        raise CommandError(
            f"Access log verification failed ({len(result.problems)} problems). First: {_describe(first)}"
        )


def _describe(problem: object) -> str:
    where = []
    if problem.seq is not None:
        where.append(f"link {problem.seq}")
    if problem.entry_id is not None:
        where.append(f"entry {problem.entry_id}")
    return f"{', '.join(where) or 'log'}: {problem.message}"
