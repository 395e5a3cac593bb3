import type { Table } from "mdast";
import { resolveAspectKey } from "./aspect-keys";
import type { ConceptMatcher } from "./concept-matcher";
import { documentIssue, DocumentError, type DocumentIssue } from "./document-error";
import {
  cleanLabel,
  lineOf,
  readListItem,
  readPhrasing,
  type FoundTerm,
  type ReadListItem,
} from "./read-markdown-text";
import { selectTerms } from "./select-terms";
import type { AspectKey, Concept, Difference, Language } from "./types";

/** What the parser hands over for a section it recognized as the differences. */
export interface DifferenceSection {
  title: string;
  line: number;
  path: string[];
  items: ReadListItem[];
  table: Table | null;
}

interface Statement {
  text: string;
  terms: FoundTerm[];
  line: number;
  endLine: number;
}

interface AspectStatements {
  title: string;
  line: number;
  path: string[];
  byConcept: Map<string, Statement[]>;
}

interface SubItemPrefix {
  /** The concept the sub-item names up front, if any. */
  conceptKey: string | null;
  /** A name-like prefix that is not a concept («Виртуальная машина — …»). */
  unknownName: string | null;
  text: string;
}

const DASH_PREFIX = /^(.{1,60}?)\s+[—–-]\s+/;

function looksLikeName(phrase: string): boolean {
  const words = phrase.trim().split(/\s+/);
  return words.length <= 4 && !/[,.;:!?«»"()]/.test(phrase);
}

/** "Pod — …", «Под — это …» or "**Pod:** …" name the concept explicitly. */
function readPrefix(item: ReadListItem, matcher: ConceptMatcher): SubItemPrefix {
  if (item.label !== null) {
    const conceptKey = matcher.matchWholePhrase(item.label);
    const text = item.text ? `${item.label} — ${item.text}` : item.label;
    return {
      conceptKey,
      unknownName: conceptKey === null && looksLikeName(item.label) ? item.label : null,
      text,
    };
  }
  const head = DASH_PREFIX.exec(item.text)?.[1];
  if (head === undefined) return { conceptKey: null, unknownName: null, text: item.text };
  const conceptKey = matcher.matchWholePhrase(head);
  return {
    conceptKey,
    unknownName: conceptKey === null && looksLikeName(head) ? head.trim() : null,
    text: item.text,
  };
}

function conceptNames(concepts: readonly Concept[]): string {
  return concepts.map((concept) => `"${concept.name}"`).join(", ");
}

/**
 * Which concept each sub-item of an aspect speaks about: an explicit name prefix (any form or
 * alias) when present, otherwise position (the order of the concept sections) when there is
 * exactly one sub-item per concept.
 */
function attributeSubItems(
  aspectTitle: string,
  aspectLine: number,
  subItems: readonly ReadListItem[],
  concepts: readonly Concept[],
  matcher: ConceptMatcher,
): Map<string, Statement[]> {
  const prefixes = subItems.map((item) => readPrefix(item, matcher));
  const anyExplicit = prefixes.some((prefix) => prefix.conceptKey !== null);
  const countMatches = subItems.length === concepts.length;
  const unknown: DocumentIssue[] = [];
  prefixes.forEach((prefix, index) => {
    if (prefix.conceptKey === null && prefix.unknownName && (anyExplicit || !countMatches)) {
      unknown.push(
        documentIssue(
          "unknown-concept",
          { name: prefix.unknownName, aspect: aspectTitle, concepts: conceptNames(concepts) },
          subItems[index]?.line,
        ),
      );
    }
  });
  if (unknown.length > 0) throw new DocumentError("unknown-concept", unknown);

  const positional =
    countMatches &&
    prefixes.every(
      (prefix, index) => prefix.conceptKey === null || prefix.conceptKey === concepts[index]?.key,
    );
  const byConcept = new Map<string, Statement[]>();
  const unattributed: number[] = [];
  const issues: DocumentIssue[] = [];
  prefixes.forEach((prefix, index) => {
    const item = subItems[index];
    if (!item) return;
    const conceptKey = prefix.conceptKey ?? (positional ? concepts[index]?.key : undefined);
    if (conceptKey === undefined) {
      unattributed.push(item.line);
      return;
    }
    if (!prefix.text) {
      issues.push(documentIssue("empty-sub-item", { aspect: aspectTitle }, item.line));
      return;
    }
    const statements = byConcept.get(conceptKey) ?? [];
    statements.push({
      text: prefix.text,
      terms: item.terms,
      line: item.line,
      endLine: item.endLine,
    });
    byConcept.set(conceptKey, statements);
  });
  if (unattributed.length > 0) {
    issues.push(
      documentIssue(
        "unattributed-sub-items",
        {
          aspect: aspectTitle,
          lines: unattributed.join(", "),
          example: concepts[0]?.name ?? "Name",
          conceptCount: concepts.length,
          concepts: conceptNames(concepts),
          subItemCount: subItems.length,
        },
        aspectLine,
      ),
    );
  }
  if (subItems.length === 0) {
    issues.push(
      documentIssue(
        "no-sub-items",
        { aspect: aspectTitle, concepts: conceptNames(concepts) },
        aspectLine,
      ),
    );
  }
  if (issues.length > 0) throw new DocumentError("difference-attribution", issues);
  return byConcept;
}

function readListAspects(
  section: DifferenceSection,
  concepts: readonly Concept[],
  matcher: ConceptMatcher,
  language: Language,
): AspectStatements[] {
  return section.items.map((item) => {
    const title = cleanLabel(item.label ?? (item.inlineText || section.title));
    const subItems = item.subItems.map((sub) => readListItem(sub, language));
    return {
      title,
      line: item.line,
      path: [...section.path, title],
      byConcept: attributeSubItems(title, item.line, subItems, concepts, matcher),
    };
  });
}

/** A GFM table: first column the aspect, one column per concept (header names the concept). */
function readTableAspects(
  section: DifferenceSection,
  table: Table,
  concepts: readonly Concept[],
  matcher: ConceptMatcher,
  language: Language,
): AspectStatements[] {
  const [header, ...rows] = table.children;
  if (!header) return [];
  const columns = header.children.map((cell) => readPhrasing(cell.children, language).text);
  const columnConcepts: (string | null)[] = [null];
  const unknown: DocumentIssue[] = [];
  columns.slice(1).forEach((name) => {
    const conceptKey = matcher.matchWholePhrase(name);
    if (conceptKey === null && name.trim()) {
      unknown.push(
        documentIssue("unknown-column", { name, concepts: conceptNames(concepts) }, lineOf(header)),
      );
    }
    columnConcepts.push(conceptKey);
  });
  if (unknown.length > 0) throw new DocumentError("unknown-concept", unknown);
  return rows.map((row) => {
    const [first, ...cells] = row.children;
    const title = cleanLabel(first ? readPhrasing(first.children, language).text : "");
    const byConcept = new Map<string, Statement[]>();
    cells.forEach((cell, index) => {
      const conceptKey = columnConcepts[index + 1];
      const read = readPhrasing(cell.children, language);
      if (!conceptKey || !read.text) return;
      byConcept.set(conceptKey, [
        { text: read.text, terms: read.terms, line: lineOf(row), endLine: lineOf(row) },
      ]);
    });
    return { title, line: lineOf(row), path: [...section.path, title], byConcept };
  });
}

export function parseDifferences(input: {
  sections: readonly DifferenceSection[];
  concepts: readonly Concept[];
  matcher: ConceptMatcher;
  language: Language;
  /** Where the concept sections end: a missing differences section was expected after it. */
  conceptsEndLine: number;
}): Difference[] {
  const { sections, concepts, matcher, language } = input;
  const aspects = sections.flatMap((section) =>
    section.table && section.items.length === 0
      ? readTableAspects(section, section.table, concepts, matcher, language)
      : readListAspects(section, concepts, matcher, language),
  );
  if (aspects.length === 0) {
    const first = sections[0];
    throw new DocumentError("no-differences", [
      first
        ? documentIssue("empty-differences", { title: first.title }, first.line)
        : documentIssue("no-differences", { conceptsEnd: input.conceptsEndLine }),
    ]);
  }
  const seen = new Map<AspectKey, number>();
  const duplicates: DocumentIssue[] = [];
  const differences: Difference[] = [];
  for (const aspect of aspects) {
    const key = resolveAspectKey(aspect.title);
    const firstLine = seen.get(key);
    if (firstLine !== undefined) {
      duplicates.push(
        documentIssue("duplicate-difference", { aspect: aspect.title, firstLine }, aspect.line),
      );
      continue;
    }
    seen.set(key, aspect.line);
    for (const concept of concepts) {
      const statements = aspect.byConcept.get(concept.key);
      if (!statements || statements.length === 0) continue;
      const text = statements.map((statement) => statement.text).join(" ");
      differences.push({
        id: `diff:${key}:${concept.key}`,
        aspect: key,
        aspectTitle: aspect.title,
        conceptKey: concept.key,
        text,
        terms: selectTerms(
          statements.flatMap((statement) => statement.terms),
          matcher,
        ),
        provenance: {
          section: aspect.path,
          line: Math.min(...statements.map((statement) => statement.line)),
          endLine: Math.max(...statements.map((statement) => statement.endLine)),
        },
      });
    }
  }
  if (duplicates.length > 0) throw new DocumentError("duplicate-aspect", duplicates);
  return differences;
}
