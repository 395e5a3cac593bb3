/*
 * PodDeck's fixed Anki note types. Their ids never change, so every export of every deck uses the
 * same four note types in the learner's collection; `mod` changes only when a type itself changes
 * (Anki updates a note type on import when the incoming one is newer).
 */

export type NoteTypeKey = "basic" | "reversed" | "cloze" | "choice";

export interface NoteTypeTemplate {
  name: string;
  qfmt: string;
  afmt: string;
}

export interface NoteTypeDefinition {
  key: NoteTypeKey;
  id: number;
  name: string;
  /** 0 standard, 1 cloze (Anki's NotetypeKind). */
  type: 0 | 1;
  fields: readonly string[];
  templates: readonly NoteTypeTemplate[];
}

/** Seconds: when these definitions last changed. Bump it with any change below. */
export const NOTE_TYPES_MOD = 1_764_000_000;

const SOURCE = "{{#Source}}<div class=source>{{Source}}</div>{{/Source}}";
const ASPECT = "{{#Aspect}}<div class=aspect>{{Aspect}}</div>{{/Aspect}}";

export const NOTE_TYPE_CSS = `.card {
 font-family: arial, sans-serif;
 font-size: 20px;
 text-align: center;
 color: black;
 background-color: white;
}
.source { margin-top: 1em; font-size: 16px; font-style: italic; color: #555; }
.aspect { margin-top: .5em; font-size: 14px; color: #777; }
ul.options { display: inline-block; text-align: left; }
`;

export const NOTE_TYPES: Record<NoteTypeKey, NoteTypeDefinition> = {
  basic: {
    key: "basic",
    id: 1_700_000_000_001,
    name: "PodDeck Basic",
    type: 0,
    fields: ["Front", "Back", "Source", "Aspect"],
    templates: [
      {
        name: "Card 1",
        qfmt: "{{Front}}",
        afmt: `{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}${SOURCE}${ASPECT}`,
      },
    ],
  },
  reversed: {
    key: "reversed",
    id: 1_700_000_000_002,
    name: "PodDeck Basic (and reversed)",
    type: 0,
    // The reverse side asks with the name blanked out (our reverse-definition question), so it
    // does not give its own answer away; without one, Anki makes the first card only.
    fields: ["Front", "Back", "Reverse", "Reverse answer", "Source", "Aspect"],
    templates: [
      {
        name: "Card 1",
        qfmt: "{{Front}}",
        afmt: `{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}${SOURCE}${ASPECT}`,
      },
      {
        name: "Card 2",
        qfmt: "{{Reverse}}",
        afmt: `{{FrontSide}}\n\n<hr id=answer>\n\n{{Reverse answer}}${SOURCE}${ASPECT}`,
      },
    ],
  },
  cloze: {
    key: "cloze",
    id: 1_700_000_000_003,
    name: "PodDeck Cloze",
    type: 1,
    fields: ["Text", "Back Extra", "Source", "Aspect"],
    templates: [
      {
        name: "Cloze",
        qfmt: "{{cloze:Text}}",
        afmt: `{{cloze:Text}}<br>\n{{Back Extra}}${SOURCE}${ASPECT}`,
      },
    ],
  },
  choice: {
    key: "choice",
    id: 1_700_000_000_004,
    name: "PodDeck Choice",
    type: 0,
    fields: ["Question", "Options", "Answer", "Explanation", "Source", "Aspect"],
    templates: [
      {
        name: "Card 1",
        qfmt: "{{Question}}<br>\n{{Options}}",
        afmt: `{{FrontSide}}\n\n<hr id=answer>\n\n{{Answer}}<br>\n{{Explanation}}${SOURCE}${ASPECT}`,
      },
    ],
  },
};

/** Fields a template's question side shows: Anki makes the card only when one is non-empty. */
export function templateFields(qfmt: string): string[] {
  return [...qfmt.matchAll(/\{\{(?:[^}:#^/]+:)?([^}#^/][^}]*)\}\}/g)].map((m) => m[1]!.trim());
}
