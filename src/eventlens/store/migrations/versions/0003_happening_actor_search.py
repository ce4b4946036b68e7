"""SQLite: a trigram full-text index of the happenings' actor names (as events have), so the
event list's actor filter finds its events without reading every row.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"

SEARCH = "happening_actor_search"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    try:
        bind.exec_driver_sql("SAVEPOINT fts_probe")
        bind.exec_driver_sql(f"CREATE VIRTUAL TABLE {SEARCH} USING fts5(source_names, target_names, "
                             "content='happenings', content_rowid='id', tokenize='trigram')")
        bind.exec_driver_sql("RELEASE fts_probe")
    except sa.exc.OperationalError:
        bind.exec_driver_sql("ROLLBACK TO fts_probe")
        return  # an SQLite without FTS5's trigram tokenizer (before 3.34): substring scans
    new = "new.id, new.source_names, new.target_names"
    old = "'delete', old.id, old.source_names, old.target_names"
    cols = f"{SEARCH}(rowid, source_names, target_names)"
    delete_cols = f"{SEARCH}({SEARCH}, rowid, source_names, target_names)"
    bind.exec_driver_sql(f"CREATE TRIGGER {SEARCH}_ai AFTER INSERT ON happenings BEGIN "
                         f"INSERT INTO {cols} VALUES ({new}); END")
    bind.exec_driver_sql(f"CREATE TRIGGER {SEARCH}_ad AFTER DELETE ON happenings BEGIN "
                         f"INSERT INTO {delete_cols} VALUES ({old}); END")
    bind.exec_driver_sql(f"CREATE TRIGGER {SEARCH}_au AFTER UPDATE OF source_names, target_names ON happenings "
                         f"BEGIN INSERT INTO {delete_cols} VALUES ({old}); INSERT INTO {cols} VALUES ({new}); END")
    bind.exec_driver_sql(f"INSERT INTO {SEARCH}({SEARCH}) VALUES ('rebuild')")


def downgrade() -> None:
    raise NotImplementedError("not undone")
