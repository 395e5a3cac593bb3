"""An independent reader of an .apkg (Python's own zipfile and sqlite3, nothing of PodDeck's):
prints what the package holds as JSON, for tests/integration/deck-export.test.ts to compare."""

import json
import os
import re
import sqlite3
import sys
import tempfile
import zipfile


def main(path):
    with zipfile.ZipFile(path) as archive:
        names = sorted(archive.namelist())
        media = json.loads(archive.read("media").decode("utf-8"))
        collection = archive.read("collection.anki2")
    fd, tmp = tempfile.mkstemp(suffix=".anki2")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(collection)
        con = sqlite3.connect(tmp)
        con.row_factory = sqlite3.Row
        tables = {
            row["name"]: [c[1] for c in con.execute(f"PRAGMA table_info({row['name']})")]
            for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        indexes = sorted(
            row["name"]
            for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
            if not row["name"].startswith("sqlite_")
        )
        col = dict(con.execute("SELECT * FROM col").fetchone())
        for key in ("conf", "models", "decks", "dconf", "tags"):
            col[key] = json.loads(col[key])
        notes = []
        for row in con.execute("SELECT * FROM notes ORDER BY id"):
            note = dict(row)
            note["fields"] = note.pop("flds").split("\x1f")
            note["tags"] = note["tags"].split()
            note["cloze_ords"] = sorted(
                {int(n) - 1 for n in re.findall(r"\{\{c(\d+)::", note["fields"][0])}
            )
            notes.append(note)
        cards = [dict(row) for row in con.execute("SELECT * FROM cards ORDER BY id")]
        for card in cards:
            card["data"] = json.loads(card["data"]) if card["data"] else None
        revlog = [dict(row) for row in con.execute("SELECT * FROM revlog ORDER BY id")]
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        con.close()
    finally:
        os.remove(tmp)
    json.dump(
        {
            "files": names,
            "media": media,
            "tables": tables,
            "indexes": indexes,
            "integrity": integrity,
            "col": col,
            "notes": notes,
            "cards": cards,
            "revlog": revlog,
        },
        sys.stdout,
        ensure_ascii=False,
    )


if __name__ == "__main__":
    main(sys.argv[1])
