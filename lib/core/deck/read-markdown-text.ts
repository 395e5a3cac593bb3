import type { List, ListItem, Nodes, Paragraph, PhrasingContent, RootContent, Text } from "mdast";
import { toString } from "mdast-util-to-string";
import type { Language } from "./types";

/**
 * Plain text and key terms out of mdast nodes. Structure comes from the tree; the small regexes
 * here only look inside a single text node's string.
 */

type TermSource = "code" | "bold" | "named";

export interface FoundTerm {
  text: string;
  source: TermSource;
}

export interface ReadText {
  text: string;
  terms: FoundTerm[];
}

/** Latin words (and runs of them) inside Russian prose: Nginx, log collector, Inter-Process Communication. */
const LATIN_RUN =
  /[A-Za-z][A-Za-z0-9+#]*(?:[-.][A-Za-z0-9+#]+)*(?: [A-Za-z][A-Za-z0-9+#]*(?:[-.][A-Za-z0-9+#]+)*)*/g;
/** Capitalized words and acronyms inside English prose: Kubernetes, Service, IPC. */
const CAPITALIZED_RUN =
  /\b[A-Z][A-Za-z0-9+#]*(?:-[A-Za-z0-9+#]+)*(?: [A-Z][A-Za-z0-9+#]*(?:-[A-Za-z0-9+#]+)*)*/g;
const ACRONYM = /^[A-Z][A-Z0-9]+s?$/;
const SENTENCE_START = /(?:^|[.!?:;]\s*)$/;

class TextCollector {
  private readonly parts: string[] = [];
  readonly terms: FoundTerm[] = [];

  constructor(readonly language: Language) {}

  get text(): string {
    return this.parts.join("");
  }

  append(text: string): void {
    this.parts.push(text);
  }

  appendProse(value: string): void {
    this.findNamedTerms(value);
    this.parts.push(value);
  }

  private findNamedTerms(value: string): void {
    const pattern = this.language === "ru" ? LATIN_RUN : CAPITALIZED_RUN;
    for (const match of value.matchAll(pattern)) {
      const term = match[0].replace(/[-.]+$/, "");
      if (term.length < 2) continue;
      if (this.language === "en") {
        const preceding = (this.text + value.slice(0, match.index)).trimEnd();
        const first = term.split(" ")[0] ?? "";
        if (SENTENCE_START.test(preceding) && !ACRONYM.test(first)) continue;
      }
      this.terms.push({ text: term, source: "named" });
    }
  }
}

function readPhrasingInto(nodes: readonly PhrasingContent[], out: TextCollector): void {
  for (const node of nodes) {
    switch (node.type) {
      case "text":
        out.appendProse(node.value);
        break;
      case "inlineCode":
        out.append(node.value);
        if (node.value.trim()) out.terms.push({ text: node.value.trim(), source: "code" });
        break;
      case "strong": {
        const bold = toString(node).trim().replace(/[:.]$/, "");
        if (bold) out.terms.push({ text: bold, source: "bold" });
        readPhrasingInto(node.children, out);
        break;
      }
      case "emphasis":
      case "delete":
      case "link":
      case "linkReference":
        readPhrasingInto(node.children, out);
        break;
      case "break":
        out.append(" ");
        break;
      case "image":
      case "imageReference":
        out.append(node.alt ?? "");
        break;
      default:
        break;
    }
  }
}

export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export function readPhrasing(nodes: readonly PhrasingContent[], language: Language): ReadText {
  const out = new TextCollector(language);
  readPhrasingInto(nodes, out);
  return { text: collapseSpaces(out.text), terms: out.terms };
}

export interface LabeledPhrasing {
  /** The `**Label:**` at the start, colon stripped; null when the paragraph has none. */
  label: string | null;
  rest: PhrasingContent[];
}

const LABEL_SEPARATOR = /^\s*(?:[:：]|[—–-](?=\s))\s*/;

/** Splits `**Aspect:** text` (or `**Aspect**: text`, `**Aspect** — text`) into label and rest. */
export function splitLabel(paragraph: Paragraph): LabeledPhrasing {
  const children = paragraph.children.filter(
    (child, index) => !(index === 0 && child.type === "text" && child.value.trim() === ""),
  );
  const [first, ...rest] = children;
  if (!first || first.type !== "strong") return { label: null, rest: paragraph.children };
  const label = toString(first).trim();
  const next = rest[0];
  const restText = rest.map((node) => toString(node)).join("");
  const endsWithColon = /[:：]$/.test(label);
  const separated = next?.type === "text" && LABEL_SEPARATOR.test(next.value);
  if (!endsWithColon && !separated && restText.trim() !== "") {
    return { label: null, rest: paragraph.children };
  }
  const cleanedRest = [...rest];
  if (next?.type === "text" && separated) {
    const trimmed: Text = { ...next, value: next.value.replace(LABEL_SEPARATOR, "") };
    cleanedRest[0] = trimmed;
  }
  return { label: cleanLabel(label), rest: cleanedRest };
}

/** Trailing colons and surrounding space off a label or heading. */
export function cleanLabel(text: string): string {
  return collapseSpaces(text.replace(/[:：]+\s*$/, ""));
}

/**
 * Lower-cases a Cyrillic first word when a list folds into the middle of a sentence. Latin
 * words keep their capital: they are as often names (Kubernetes) as common nouns.
 */
function lowerFoldedStart(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) && /^\p{Script=Cyrillic}/u.test(text)
    ? text.charAt(0).toLowerCase() + text.slice(1)
    : text;
}

function endSentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

function readListInto(list: List, intro: string, language: Language): ReadText {
  const items = list.children.map((item) => readListItemBody(item, language));
  const terms = items.flatMap((item) => item.terms);
  const texts = items.map((item) => item.text).filter(Boolean);
  if (/[:：]$/.test(intro.trim())) {
    const joined = texts.map((text) => lowerFoldedStart(text.replace(/[.;]+$/, ""))).join("; ");
    return { text: joined ? endSentence(joined) : "", terms };
  }
  return { text: texts.map(endSentence).join(" "), terms };
}

/** Text of a run of blocks: paragraphs as they are, nested lists folded into the prose. */
export function readBlocks(
  blocks: readonly RootContent[],
  language: Language,
  leading: ReadText = { text: "", terms: [] },
): ReadText {
  let text = leading.text;
  const terms = [...leading.terms];
  for (const block of blocks) {
    let part: ReadText | null = null;
    if (block.type === "paragraph") part = readPhrasing(block.children, language);
    else if (block.type === "list") part = readListInto(block, text, language);
    else if (block.type === "blockquote") part = readBlocks(block.children, language);
    if (!part || !part.text) continue;
    text = text ? `${text} ${part.text}` : part.text;
    terms.push(...part.terms);
  }
  return { text: collapseSpaces(text), terms };
}

function readListItemBody(item: ListItem, language: Language): ReadText {
  const [first, ...others] = item.children;
  if (first?.type !== "paragraph") return readBlocks(item.children, language);
  const { label, rest } = splitLabel(first);
  const body = readPhrasing(rest, language);
  const leading = label ? { text: `${label}: ${body.text}`.trim(), terms: body.terms } : body;
  return readBlocks(others, language, leading);
}

export interface ReadListItem extends ReadText {
  label: string | null;
  /** The text after the label in the item's first paragraph (nested blocks left out). */
  inlineText: string;
  /** Whether there is text after the label on the item's own line(s). */
  hasInlineText: boolean;
  /** The items of the first nested list (a differences aspect's per-concept statements). */
  subItems: ListItem[];
  line: number;
  endLine: number;
}

export function lineOf(node: Nodes): number {
  return node.position?.start.line ?? 0;
}

export function endLineOf(node: Nodes): number {
  return node.position?.end.line ?? lineOf(node);
}

/** A list item as `label` + statement, nested lists folded into the statement. */
export function readListItem(item: ListItem, language: Language): ReadListItem {
  const [first, ...others] = item.children;
  const nested = item.children.find((child): child is List => child.type === "list");
  const base = { subItems: nested?.children ?? [], line: lineOf(item), endLine: endLineOf(item) };
  if (first?.type !== "paragraph") {
    const read = readBlocks(item.children, language);
    return { ...read, ...base, label: null, inlineText: "", hasInlineText: false };
  }
  const { label, rest } = splitLabel(first);
  const inline = readPhrasing(rest, language);
  const read = readBlocks(others, language, inline);
  return { ...read, ...base, label, inlineText: inline.text, hasInlineText: inline.text !== "" };
}
