import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { strToU8, zipSync } from "fflate";
import {
  buildAnkiCollection,
  type AnkiCollectionInput,
  type AnkiCollectionRows,
} from "@/lib/core/export/anki-collection";

/**
 * The tables of a schema-11 `collection.anki2`, as Anki defines them
 * (ankitects/anki rslib/src/storage/schema11.sql): every current Anki imports this version.
 */
export const SCHEMA_11_SQL = `
CREATE TABLE col (
  id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL,
  ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL,
  conf text NOT NULL, models text NOT NULL, decks text NOT NULL, dconf text NOT NULL,
  tags text NOT NULL
);
CREATE TABLE notes (
  id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL,
  usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL,
  csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL
);
CREATE TABLE cards (
  id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL,
  due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL,
  lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL,
  flags integer NOT NULL, data text NOT NULL
);
CREATE TABLE revlog (
  id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL,
  ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL,
  type integer NOT NULL
);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
`;

/** Anki's `csum` (rslib/src/notes/mod.rs `field_checksum`): SHA-1's first 4 bytes, big-endian. */
export function ankiFieldChecksum(text: string): number {
  return createHash("sha1").update(text, "utf8").digest().readUInt32BE(0);
}

/** Writes the rows into a new SQLite file at `file` (which must not exist). */
export function writeCollectionFile(file: string, rows: AnkiCollectionRows): void {
  const sqlite = new Database(file);
  try {
    // A throw-away file read back at once: no fsync, one transaction for schema and rows.
    sqlite.pragma("journal_mode = OFF");
    sqlite.pragma("synchronous = OFF");
    sqlite.transaction(() => {
      sqlite.exec(SCHEMA_11_SQL);
      const { col } = rows;
      sqlite
        .prepare("INSERT INTO col VALUES (1, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?, ?, ?)")
        .run(
          col.crt,
          col.mod,
          col.scm,
          col.ver,
          col.conf,
          col.models,
          col.decks,
          col.dconf,
          col.tags,
        );
      const note = sqlite.prepare("INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')");
      for (const n of rows.notes) {
        note.run(n.id, n.guid, n.mid, n.mod, n.tags, n.flds, n.sfld, n.csum);
      }
      const card = sqlite.prepare(
        "INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)",
      );
      for (const c of rows.cards) {
        card.run(
          c.id,
          c.nid,
          c.did,
          c.ord,
          c.mod,
          c.type,
          c.queue,
          c.due,
          c.ivl,
          c.factor,
          c.reps,
          c.lapses,
          c.left,
          c.data,
        );
      }
      const review = sqlite.prepare("INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)");
      for (const r of rows.revlog) {
        review.run(r.id, r.cid, r.ease, r.ivl, r.lastIvl, r.factor, r.time, r.type);
      }
    })();
  } finally {
    sqlite.close();
  }
}

/**
 * An `.apkg`: the collection in a temporary SQLite file (removed afterwards), zipped with its
 * `media` map (no media: `{}`), as Anki's legacy export writes it.
 */
export function buildAnkiPackage(input: Omit<AnkiCollectionInput, "fieldChecksum">): Uint8Array {
  const rows = buildAnkiCollection({ ...input, fieldChecksum: ankiFieldChecksum });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "poddeck-apkg-"));
  try {
    const file = path.join(dir, "collection.anki2");
    writeCollectionFile(file, rows);
    return zipSync({
      "collection.anki2": fs.readFileSync(file),
      media: strToU8("{}"),
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
