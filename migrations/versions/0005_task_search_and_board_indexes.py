"""task search text (folded number and title, for accent-insensitive search in SQL) and board indexes

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fold(text: str) -> str:
    # A frozen copy of models.text.fold as it was when this migration was written.
    text = " ".join(unicodedata.normalize("NFC", text or "").split()).lower().replace("đ", "d")
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")


def upgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_text", sa.Text(), server_default="", nullable=False))
        batch_op.create_index(
            "ix_task_board_category",
            [
                *("plan_id", "category_code", "status", "position", "id"),
                *("lead_agency_id", "due_date", "recurrence", "completed_on", "submitted_on"),
            ],
        )
        batch_op.create_index("ix_task_board_agency", ["plan_id", "lead_agency_id", "status", "position", "id"])
        batch_op.create_index("ix_task_plan_updated", ["plan_id", "updated_at", "version"])
    connection = op.get_bind()
    task = sa.table("task", sa.column("id", sa.Integer), sa.column("number", sa.String), sa.column("title", sa.String))
    rows = connection.execute(sa.select(task.c.id, task.c.number, task.c.title)).all()
    for row in rows:
        connection.execute(
            sa.text("UPDATE task SET search_text = :text WHERE id = :id"),
            {"text": _fold(f"{row.number} {row.title}"), "id": row.id},
        )


def downgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_index("ix_task_plan_updated")
        batch_op.drop_index("ix_task_board_agency")
        batch_op.drop_index("ix_task_board_category")
        batch_op.drop_column("search_text")
