"""Synthetic national identifiers that pass the real check-character rules (so the importer
links them exactly) but cannot belong to a real person: NHS numbers come from the range
NHS England reserves for testing (999 …), and the LA code is outside the DfE's list."""

import random

from stdnum.gb import nhs

from schools.identifiers import upn_check_letter

LA_CODE = "990"
"""The demo authority's 3-digit code. DfE codes stop below 990, so no UPN or LAESTAB made
here can collide with a real pupil's or school's."""

_POSTCODE_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


class IdentifierPool:
    """Hands out unique identifiers from one seeded random stream."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._nhs: set[str] = set()
        self._urns: set[str] = set()
        self._upn_serials: dict[tuple[str, str], int] = {}
        self._local = 0

    def nhs_number(self) -> str:
        while True:
            body = f"999{self._rng.randrange(1_000_000):06d}"
            check = nhs_check_digit(body)
            if check is not None and body + check not in self._nhs:
                self._nhs.add(body + check)
                return body + check

    def local_person_id(self) -> str:
        self._local += 1
        return f"NB{self._local:07d}"

    def urn(self) -> str:
        while True:
            urn = str(self._rng.randrange(990000, 1000000))
            if urn not in self._urns:
                self._urns.add(urn)
                return urn

    def upn(self, *, estabs: list[str], year_allocated: int, temporary: bool = False) -> str:
        """A UPN allocated by the first of `estabs` with a free serial that year."""
        year = f"{year_allocated % 100:02d}"
        for estab in estabs:
            serial = self._upn_serials.get((estab, year), 0) + 1
            if serial <= 999:
                self._upn_serials[(estab, year)] = serial
                tail = f"{serial:03d}"
                if temporary:
                    tail = tail[:2] + self._rng.choice("ABCDEFGHJKLMNPQRTUVWXYZ")
                body = f"{LA_CODE}{estab}{year}{tail}"
                return upn_check_letter(body) + body
        raise ValueError("Too many pupils per school for 3-digit UPN serials: ask for more schools.")


def nhs_check_digit(body: str) -> str | None:
    """The check digit that makes nine digits a valid NHS number, or None where the rule
    leaves no valid one (a remainder of 10)."""
    check = -nhs.checksum(body + "0") % 11
    return None if check == 10 else str(check)


def postcode(rng: random.Random) -> str:
    """A postcode in the fictional NB (Northbridge) area: the right shape, no real address."""
    district = rng.randint(1, 14)
    unit = "".join(rng.choices(_POSTCODE_UNIT_LETTERS, k=2))
    return f"NB{district} {rng.randint(0, 9)}{unit}"
