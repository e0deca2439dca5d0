"""The operations a server serves, and who may do what in each (the server's accounts store).

A consultant serves many handlers from one server. Each operation's data lives in
its own store scope (its own SQLite file or PostgreSQL schema, chosen when the
store is opened: `Workspace.for_operation`), so this module holds only what sits
above the operations: which exist, and each user's role in each. It lives in the
default operation's database next to the users, tokens and sign-in sessions,
which are server accounts: one password, one token, several operations.

The rule of who reaches an operation is `OperationRegistry.role`, used by the
API's one dependency and by the review UI's gate alike. The default operation
keeps working as it always did: a user's role there is `users.role` unless a
membership row says otherwise (a row with no role takes the default away from an
account made for other operations). Memberships are changed, never deleted; each
change writes an audit row.
"""
from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import DateTime, Index, String, select
from sqlalchemy.orm import Mapped, mapped_column

from auditpack.errors import StoreError
from auditpack.store.admin import ROLES, User
from auditpack.store.base import StoreBase, bounded, now
from auditpack.store.protocol import Store
from auditpack.store.schema import Base, UserRow
from auditpack.workspace import DEFAULT_OPERATION, check_slug


class OperationRow(Base):
    __tablename__ = "operations"

    slug: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    certifier: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(128))


class MembershipRow(Base):
    __tablename__ = "operation_members"
    __table_args__ = (Index("ix_operation_members_user_name", "user_name"),)

    operation: Mapped[str] = mapped_column(String(40), primary_key=True)
    user_name: Mapped[str] = mapped_column(String(128), primary_key=True)
    role: Mapped[str | None] = mapped_column(String(32))  # None: no access (revoked)
    changed_at: Mapped[datetime] = mapped_column(DateTime)
    changed_by: Mapped[str] = mapped_column(String(128))


class Operation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    slug: str
    name: str
    certifier: str = "generic-nop"
    created_at: datetime | None = None
    created_by: str = ""


class Membership(BaseModel):
    model_config = ConfigDict(extra="forbid")
    operation: str
    user_name: str
    role: str


def _operation(row: OperationRow) -> Operation:
    return Operation(slug=row.slug, name=row.name, certifier=row.certifier, created_at=row.created_at,
                     created_by=row.created_by)


class OperationRegistry(StoreBase):
    """Operations and memberships over the accounts store's connection (not part of `Store`: no stage sees
    them; only the composition root and the sign-in gates do)."""

    @classmethod
    def of(cls, accounts: Store) -> OperationRegistry:
        return cls(accounts.engine)  # type: ignore[attr-defined]  # SqlStore's engine

    def create(self, slug: str, name: str, certifier: str, actor: str) -> Operation:
        if check_slug(slug) == DEFAULT_OPERATION:
            raise StoreError(f"{DEFAULT_OPERATION!r} is the workspace's own operation; choose another slug")
        with self.transaction() as s:
            if s.get(OperationRow, slug) is not None:
                raise StoreError(f"an operation {slug!r} exists already; see `auditpack operation list`")
            row = OperationRow(slug=slug, name=bounded(name, 255), certifier=bounded(certifier, 64),
                               created_at=now(), created_by=bounded(actor, 128))
            s.add(row)
            self._audit(s, actor, "operation.create", "operation", slug, None, {"name": name, "certifier": certifier})
            return _operation(row)

    def get(self, slug: str) -> Operation | None:
        with self.transaction() as s:
            row = s.get(OperationRow, slug)
            return _operation(row) if row is not None else None

    def list(self) -> list[Operation]:
        with self.transaction() as s:
            return [_operation(r) for r in s.scalars(select(OperationRow).order_by(OperationRow.slug))]

    def set_role(self, slug: str, user_name: str, role: str | None, actor: str) -> None:
        """Grant `role` in operation `slug` (None: take the operation away from the user)."""
        if role is not None and role not in ROLES:
            raise StoreError(f"unknown role {role!r}; roles are {', '.join(ROLES)}")
        with self.transaction() as s:
            if slug != DEFAULT_OPERATION and s.get(OperationRow, slug) is None:
                raise StoreError(f"no operation {slug!r}; see `auditpack operation list`")
            if s.get(UserRow, user_name) is None:
                raise StoreError(f"no user named {user_name!r}; see `auditpack user list`")
            row = s.get(MembershipRow, (slug, user_name))
            before = {"role": row.role} if row is not None else None
            if row is None:
                row = MembershipRow(operation=slug, user_name=user_name)
                s.add(row)
            row.role, row.changed_at, row.changed_by = role, now(), bounded(actor, 128)
            self._audit(s, actor, "operation.grant" if role else "operation.revoke", "operation_member",
                        f"{slug}:{user_name}", before, {"role": role})

    def role(self, slug: str, user_name: str | None) -> str | None:
        """THE rule: the active user's role in operation `slug`, or None (unknown operation, no membership,
        revoked, disabled user). Every gate asks this and nothing else."""
        if not user_name:
            return None
        with self.transaction() as s:
            user = s.get(UserRow, user_name)
            if user is None or not user.active:
                return None
            member = s.get(MembershipRow, (slug, user_name))
            if member is not None:
                return member.role if slug == DEFAULT_OPERATION or s.get(OperationRow, slug) else None
            return user.role if slug == DEFAULT_OPERATION else None

    def memberships(self, user_name: str) -> list[Membership]:
        """The operations `user_name` may open, the default first."""
        slugs = [DEFAULT_OPERATION] + [o.slug for o in self.list()]
        found = [(slug, self.role(slug, user_name)) for slug in slugs]
        return [Membership(operation=slug, user_name=user_name, role=role) for slug, role in found if role]

    def members(self, slug: str) -> list[Membership]:
        with self.transaction() as s:
            names = list(s.scalars(select(UserRow.name).order_by(UserRow.name)))
        found = [(name, self.role(slug, name)) for name in names]
        return [Membership(operation=slug, user_name=name, role=role) for name, role in found if role]


class MemberDirectory:
    """The users of one operation with their role there, shaped like the store's user lookups, so the review
    UI's `session_for` and its "nobody can sign in" check work per operation unchanged."""

    def __init__(self, registry: OperationRegistry, accounts: Store, slug: str) -> None:
        self.registry, self.accounts, self.slug = registry, accounts, slug

    def get_user(self, name: str) -> User | None:
        user = self.accounts.get_user(name)
        role = self.registry.role(self.slug, name) if user is not None else None
        return user.model_copy(update={"role": role}) if user is not None and role else None

    def list_users(self) -> list[User]:
        return [u for u in (self.get_user(m.user_name) for m in self.registry.members(self.slug)) if u]
