"""Query helpers shared by the apps."""

from django.db.models import Lookup
from django.db.models.sql.compiler import SQLCompiler


def _array_literal(ids: list[int]) -> str:
    """The ids as one PostgreSQL array literal, `{1,2,3}`: a single text constant.
    psycopg2 sends a Python list as `ARRAY[1,2,3]`, one constant per id, which
    PostgreSQL parses and coerces one by one before planning: for a school's two
    thousand pupils several times the cost of running the statement."""
    return "{" + ",".join(str(pk) for pk in ids) + "}"


class IdIn(Lookup):
    """`filter(IdIn(F("pk"), ids))`: rows whose id is one of a large list, such as a
    school's two thousand pupils. On PostgreSQL the ids travel as one array literal
    (`= ANY('{...}'::bigint[])`): Django's `pk__in` prepares, compiles and binds each
    id on its own, which cost more than the query itself. Elsewhere (SQLite, for the
    demo) a plain IN list."""

    lookup_name = "id_in"
    prepare_rhs = False

    def get_prep_lookup(self) -> list[int]:
        return [int(pk) for pk in self.rhs]

    def as_sql(self, compiler: SQLCompiler, connection: object) -> tuple[str, tuple]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        placeholders = ", ".join(["%s"] * len(self.rhs)) or "NULL"
        return f"{lhs} IN ({placeholders})", (*lhs_params, *self.rhs)

    def as_postgresql(self, compiler: SQLCompiler, connection: object) -> tuple[str, tuple]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s::bigint[])", (*lhs_params, _array_literal(self.rhs))


class IdAmong(IdIn):
    """`filter(IdAmong(F("person_id"), ids))`: rows whose foreign key is one of a large
    list, found by probing that column's index once per id. On PostgreSQL the ids go as
    one array literal, as IdIn's, unnested in a subquery: the planner neither weighs
    each of two thousand constants nor, from that estimate, prefers reading the whole
    table to probing its index (it assumes a couple of hundred ids, for which probing
    is the cheaper plan). Elsewhere a plain IN list, as IdIn."""

    lookup_name = "id_among"

    def as_postgresql(self, compiler: SQLCompiler, connection: object) -> tuple[str, tuple]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} IN (SELECT unnest(%s::bigint[]))", (*lhs_params, _array_literal(self.rhs))
