import type { List, Paragraph, Root, RootContent, Table } from "mdast";
import { toString } from "mdast-util-to-string";
import { resolveAspectKey } from "./aspect-keys";
import {
  findFormsEntry,
  resolveConceptForms,
  type ConceptFormsEntry,
  type ConceptFormsTable,
} from "./concept-forms";
import { ConceptMatcher } from "./concept-matcher";
import { detectLanguage } from "./detect-language";
import { documentIssue, DocumentError, type DocumentIssue } from "./document-error";
import { containsWords, isSameWordForm, normalizeText, splitWords } from "./normalize-text";
import { parseDifferences, type DifferenceSection } from "./parse-differences";
import { parseMarkdown } from "./parse-markdown";
import {
  cleanLabel,
  collapseSpaces,
  endLineOf,
  lineOf,
  readBlocks,
  readListItem,
  readPhrasing,
  splitLabel,
  type ReadListItem,
} from "./read-markdown-text";
import { selectTerms } from "./select-terms";
import { slugifyText } from "./slugify-text";
import { splitSentences } from "./split-sentences";
import type {
  AspectKey,
  ComparisonDocument,
  Concept,
  Example,
  Fact,
  Language,
  Provenance,
  SetAsideNote,
} from "./types";

export const MAX_DOCUMENT_BYTES = 1024 * 1024;

export interface ParseDocumentOptions {
  documentId: string;
  language?: Language;
  forms?: ConceptFormsTable;
  setAside?: SetAsideNote[];
}

/** A heading (or a bold-only paragraph standing in for one) and the blocks up to the next. */
interface Section {
  title: string;
  line: number;
  depth: number;
  path: string[];
  blocks: RootContent[];
}

type SectionShape = "aspect-list" | "label-sublist" | "plain-list" | "table" | "prose" | "empty";

interface DescribedSection extends Section {
  shape: SectionShape;
  ordered: boolean;
  items: ReadListItem[];
  table: Table | null;
}

const PSEUDO_HEADING_DEPTH = 7;

function toPhrases(phrases: readonly string[]): string[][] {
  return phrases.map(splitWords);
}

// prettier-ignore
const CONCLUSION_WORDS = toPhrases([
  "итог", "итоги", "вывод", "выводы", "заключение", "резюме", "conclusion", "conclusions",
  "summary", "takeaway", "takeaways", "bottom line", "wrap up",
]);
// prettier-ignore
const EXAMPLE_WORDS = toPhrases([
  "пример", "примеры", "сценарии использования", "когда использовать", "use case", "use cases",
  "usage", "example", "examples", "when to use",
]);
// prettier-ignore
const DIFFERENCE_WORDS = toPhrases([
  "различия", "отличия", "разница", "сравнение", "difference", "differences", "comparison",
  "compared", "vs", "versus", "contrast",
]);

function mentionsAny(title: string, phrases: readonly string[][]): boolean {
  const words = splitWords(title);
  return phrases.some((phrase) => containsWords(words, phrase));
}

/** UTF-8 size without allocating a copy (a 5 MB string is measured in a few milliseconds). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      index += 1;
    } else bytes += 3;
  }
  return bytes;
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MB`
    : `${Math.ceil(bytes / 1024)} KB`;
}

function checkInput(markdown: unknown): string {
  if (typeof markdown !== "string") {
    throw new DocumentError("not-text", [documentIssue("not-a-string", {})]);
  }
  const bytes = utf8Length(markdown);
  if (bytes > MAX_DOCUMENT_BYTES) {
    throw new DocumentError("too-large", [
      documentIssue("too-large", {
        size: formatSize(bytes),
        limit: formatSize(MAX_DOCUMENT_BYTES),
      }),
    ]);
  }
  if (markdown.includes("\u0000")) {
    throw new DocumentError("not-text", [documentIssue("nul-bytes", {})]);
  }
  if (markdown.trim() === "") {
    throw new DocumentError("empty", [documentIssue("empty", {})]);
  }
  return markdown.replace(/^\uFEFF/, "");
}

function isPseudoHeading(paragraph: Paragraph): boolean {
  const meaningful = paragraph.children.filter(
    (child) => !(child.type === "text" && child.value.trim() === "") && child.type !== "break",
  );
  return meaningful.length === 1 && meaningful[0]?.type === "strong";
}

function cleanHeading(text: string): string {
  return cleanLabel(text.replace(/^\d+[.)]\s+/, ""));
}

function buildSections(root: Root, language: Language): Section[] {
  const preamble: Section = { title: "", line: 1, depth: 0, path: [], blocks: [] };
  const sections: Section[] = [preamble];
  const stack: Section[] = [];
  const open = (title: string, depth: number, line: number) => {
    while (stack.length > 0 && (stack[stack.length - 1]?.depth ?? 0) >= depth) stack.pop();
    const section: Section = {
      title,
      line,
      depth,
      path: [...stack.map((parent) => parent.title), title],
      blocks: [],
    };
    stack.push(section);
    sections.push(section);
  };
  for (const node of root.children) {
    if (node.type === "heading") {
      open(cleanHeading(readPhrasing(node.children, language).text), node.depth, lineOf(node));
    } else if (node.type === "paragraph" && isPseudoHeading(node)) {
      open(cleanHeading(toString(node)), PSEUDO_HEADING_DEPTH, lineOf(node));
    } else {
      (sections[sections.length - 1] ?? preamble).blocks.push(node);
    }
  }
  return sections;
}

/**
 * The items of a section's lists. A bullet list right after a numbered item that has only a
 * label is that item's sub-list: "10. **Aspect:**" needs four spaces of indent for nesting, and
 * authors often give three.
 */
function readSectionItems(lists: readonly List[], language: Language): ReadListItem[] {
  const items: ReadListItem[] = [];
  let previous: List | undefined;
  for (const list of lists) {
    const last = items[items.length - 1];
    const isOrphanSubList =
      previous?.ordered === true &&
      list.ordered !== true &&
      last !== undefined &&
      last.label !== null &&
      !last.hasInlineText &&
      last.subItems.length === 0;
    if (isOrphanSubList) {
      items[items.length - 1] = { ...last, subItems: list.children, endLine: endLineOf(list) };
    } else {
      items.push(...list.children.map((item) => readListItem(item, language)));
    }
    previous = list;
  }
  return items;
}

function describeSection(section: Section, language: Language): DescribedSection {
  const lists = section.blocks.filter((block): block is List => block.type === "list");
  const table =
    section.blocks.find(
      (block): block is Table =>
        block.type === "table" && (block.children[0]?.children.length ?? 0) >= 3,
    ) ?? null;
  const items = readSectionItems(lists, language);
  const ordered = lists.some((list) => list.ordered === true);
  const described = { ...section, items, table, ordered };
  if (items.length > 0) {
    const labelSublist = items.filter(
      (item) => item.label !== null && !item.hasInlineText && item.subItems.length > 0,
    ).length;
    const labeled = items.filter(
      (item) => item.label !== null && (item.hasInlineText || item.subItems.length > 0),
    ).length;
    if (labelSublist * 2 > items.length) return { ...described, shape: "label-sublist" };
    if (labeled * 2 > items.length) return { ...described, shape: "aspect-list" };
    return { ...described, shape: "plain-list" };
  }
  if (table) return { ...described, shape: "table" };
  const hasProse = section.blocks.some((block) => block.type === "paragraph");
  return { ...described, shape: hasProse ? "prose" : "empty" };
}

interface SectionRoles {
  concepts: DescribedSection[];
  differences: DifferenceSection[];
  examples: DescribedSection[];
  summary: { text: string; provenance: Provenance } | undefined;
  conclusion: { text: string; provenance: Provenance } | undefined;
}

function paragraphText(paragraph: Paragraph, language: Language): string {
  const { label, rest } = splitLabel(paragraph);
  return readPhrasing(label === null ? paragraph.children : rest, language).text;
}

function provenanceOf(section: Section, blocks: readonly RootContent[]): Provenance {
  const first = blocks[0];
  const last = blocks[blocks.length - 1];
  return {
    section: section.path,
    line: first ? lineOf(first) : section.line,
    endLine: last?.position?.end.line ?? section.line,
  };
}

/** Finds each section's role: structure first (list shapes, position), heading wording second. */
function assignRoles(sections: readonly DescribedSection[], language: Language): SectionRoles {
  const roles: SectionRoles = {
    concepts: [],
    differences: [],
    examples: [],
    summary: undefined,
    conclusion: undefined,
  };
  for (const section of sections) {
    const conceptSeen = roles.concepts.length > 0;
    const differencesSeen = roles.differences.length > 0;
    const hasList = section.items.length > 0;
    const differenceWording = mentionsAny(section.title, DIFFERENCE_WORDS);
    if (conceptSeen && mentionsAny(section.title, CONCLUSION_WORDS)) {
      const read = readBlocks(section.blocks, language);
      if (read.text && !roles.conclusion) {
        roles.conclusion = { text: read.text, provenance: provenanceOf(section, section.blocks) };
      }
    } else if (hasList && mentionsAny(section.title, EXAMPLE_WORDS)) {
      roles.examples.push(section);
    } else if (
      (section.shape === "label-sublist" && (section.ordered || differenceWording)) ||
      (section.shape === "table" && (differenceWording || conceptSeen)) ||
      (differenceWording && (hasList || section.table !== null))
    ) {
      roles.differences.push(section);
    } else if (section.shape === "aspect-list" || section.shape === "label-sublist") {
      if (differencesSeen) roles.examples.push(section);
      else roles.concepts.push(section);
    } else if (section.shape === "prose") {
      const read = readBlocks(section.blocks, language);
      if (!conceptSeen && !roles.summary) {
        findSummary(section, language, roles);
      } else if (differencesSeen && !roles.conclusion && read.text) {
        roles.conclusion = { text: read.text, provenance: provenanceOf(section, section.blocks) };
      }
    }
    if (conceptSeen) findLabeledConclusion(section, language, roles);
  }
  return roles;
}

function findSummary(section: Section, language: Language, roles: SectionRoles): void {
  for (const block of section.blocks) {
    if (block.type !== "paragraph") continue;
    const text = paragraphText(block, language);
    if (!text) continue;
    roles.summary = { text, provenance: provenanceOf(section, [block]) };
    return;
  }
}

/** A `**Итог:** …` paragraph after the concepts is a conclusion even without a heading. */
function findLabeledConclusion(section: Section, language: Language, roles: SectionRoles): void {
  if (roles.conclusion) return;
  for (const block of section.blocks) {
    if (block.type !== "paragraph") continue;
    const { label } = splitLabel(block);
    if (label === null || !mentionsAny(label, CONCLUSION_WORDS)) continue;
    const text = paragraphText(block, language);
    if (text) roles.conclusion = { text, provenance: provenanceOf(section, [block]) };
    return;
  }
}

interface ConceptHeading {
  name: string;
  aliases: string[];
}

/** «Под (Pod)» → name «Под», alias «Pod». */
function splitConceptHeading(title: string): ConceptHeading {
  const match = /^(.*?)\s*\(([^()]+)\)\s*$/.exec(title);
  if (!match) return { name: title, aliases: [] };
  const aliases = (match[2] ?? "")
    .split(/\s*[,/;]\s*|\s+(?:или|or)\s+/)
    .map((alias) => alias.trim())
    .filter(Boolean);
  const name = (match[1] ?? "").trim();
  return name ? { name, aliases } : { name: aliases[0] ?? title, aliases: aliases.slice(1) };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Whether the document writes the name with a lower-case initial somewhere («контейнер»,
 * "pods"): then it is a common noun and lower-cased mid-sentence; "Kubernetes" is not.
 */
function isWrittenLowerCase(name: string, documentText: string): boolean {
  // "ConfigMap", "StatefulSet", "VM": a capital inside the word marks a name.
  if (/^\p{L}\S*\p{Lu}/u.test(name.trim())) return false;
  const first = splitWords(name)[0];
  if (!first) return false;
  // Mid-sentence spellings decide: "a pod", "pods" make a common noun; "a Deployment" written
  // so more often than "deployment" stays a name.
  let lower = 0;
  let upper = 0;
  const capitalised = first.charAt(0).toUpperCase() + first.slice(1, 3);
  for (const prefix of [first.slice(0, 3), capitalised]) {
    for (
      let index = documentText.indexOf(prefix);
      index >= 0;
      index = documentText.indexOf(prefix, index + 1)
    ) {
      if (WORD_CHAR.test(documentText.charAt(index - 1))) continue;
      let end = index;
      while (end < documentText.length && WORD_CHAR.test(documentText.charAt(end))) end += 1;
      if (!isSameWordForm(normalizeText(documentText.slice(index, end)), first)) continue;
      const midSentence = /[\p{Ll},]\s+$/u.test(documentText.slice(Math.max(0, index - 3), index));
      if (prefix === capitalised && midSentence) upper += 1;
      else if (prefix !== capitalised) lower += 1;
    }
  }
  return lower > 0 && lower >= upper;
}

function isLowerCaseEntry(entry: ConceptFormsEntry | undefined): boolean {
  const sample = entry?.genitive ?? entry?.plural;
  return sample !== undefined && /^\p{Ll}/u.test(sample);
}

function conceptKeyFor(heading: ConceptHeading, entry: ConceptFormsEntry | undefined): string {
  if (entry?.key) return slugifyText(entry.key) || "concept";
  const latinAlias = heading.aliases.find((alias) => /^[\p{Script=Latin}\d\s-]+$/u.test(alias));
  return slugifyText(latinAlias ?? heading.name) || "concept";
}

function buildConcepts(
  sections: readonly DescribedSection[],
  language: Language,
  forms: ConceptFormsTable | undefined,
  documentText: string,
): Concept[] {
  const usedKeys = new Set<string>();
  const seenNames = new Map<string, number>();
  const issues: DocumentIssue[] = [];
  const concepts: Concept[] = [];
  for (const section of sections) {
    const heading = splitConceptHeading(section.title);
    const normalizedName = normalizeText(heading.name);
    const firstLine = seenNames.get(normalizedName);
    if (firstLine !== undefined) {
      issues.push(
        documentIssue("duplicate-concept", { concept: heading.name, firstLine }, section.line),
      );
      continue;
    }
    seenNames.set(normalizedName, section.line);
    const entry = findFormsEntry(forms, [heading.name, section.title, ...heading.aliases]);
    const isCommonNoun = isLowerCaseEntry(entry) || isWrittenLowerCase(heading.name, documentText);
    const resolved = resolveConceptForms({ name: heading.name, language, entry, isCommonNoun });
    let key = conceptKeyFor(heading, entry);
    for (let suffix = 2; usedKeys.has(key); suffix += 1)
      key = `${conceptKeyFor(heading, entry)}-${suffix}`;
    usedKeys.add(key);
    concepts.push({
      key,
      name: heading.name,
      aliases: heading.aliases,
      forms: resolved.forms,
      hasCaseForms: resolved.hasCaseForms,
      provenance: { section: section.path, line: section.line, endLine: lastLineOf(section) },
    });
  }
  if (issues.length > 0) throw new DocumentError("duplicate-concept", issues);
  return concepts;
}

function lastLineOf(section: Section): number {
  const last = section.blocks[section.blocks.length - 1];
  return last?.position?.end.line ?? section.line;
}

function buildFacts(
  sections: readonly DescribedSection[],
  concepts: readonly Concept[],
  matcher: ConceptMatcher,
): Fact[] {
  const facts: Fact[] = [];
  const duplicates: DocumentIssue[] = [];
  const empty: DocumentIssue[] = [];
  sections.forEach((section, index) => {
    const concept = concepts[index];
    if (!concept) return;
    const seen = new Map<AspectKey, number>();
    for (const item of section.items) {
      if (item.label === null) continue;
      const aspect = resolveAspectKey(item.label);
      const firstLine = seen.get(aspect);
      if (firstLine !== undefined) {
        duplicates.push(
          documentIssue(
            "duplicate-aspect",
            { aspect: item.label, concept: concept.name, firstLine },
            item.line,
          ),
        );
        continue;
      }
      seen.set(aspect, item.line);
      if (!item.text) {
        empty.push(
          documentIssue("empty-aspect", { aspect: item.label, concept: concept.name }, item.line),
        );
        continue;
      }
      facts.push({
        id: `fact:${concept.key}:${aspect}`,
        conceptKey: concept.key,
        aspect,
        aspectTitle: item.label,
        text: item.text,
        sentences: splitSentences(item.text),
        terms: selectTerms(item.terms, matcher),
        provenance: {
          section: [...section.path, item.label],
          line: item.line,
          endLine: item.endLine,
        },
      });
    }
  });
  if (duplicates.length > 0) throw new DocumentError("duplicate-aspect", duplicates);
  if (empty.length > 0) throw new DocumentError("empty-statement", empty);
  return facts;
}

function buildExamples(sections: readonly DescribedSection[], matcher: ConceptMatcher): Example[] {
  const examples: Example[] = [];
  const usedIds = new Set<string>();
  for (const section of sections) {
    for (const item of section.items) {
      if (!item.text && !item.label) continue;
      const title = item.label ?? splitSentences(item.text)[0] ?? item.text;
      const base = `example:${slugifyText(title) || "item"}`;
      let id = base;
      for (let suffix = 2; usedIds.has(id); suffix += 1) id = `${base}-${suffix}`;
      usedIds.add(id);
      examples.push({
        id,
        title,
        text: item.text,
        conceptKeys: matcher.findConceptKeys(`${title} ${item.text}`),
        terms: selectTerms(item.terms, matcher),
        provenance: { section: section.path, line: item.line, endLine: item.endLine },
      });
    }
  }
  return examples;
}

function defaultTitle(concepts: readonly Concept[]): string {
  return concepts.map((concept) => concept.name).join(" vs ");
}

function parseOrThrow(input: unknown, options: ParseDocumentOptions): ComparisonDocument {
  const markdown = checkInput(input);
  const language = options.language ?? detectLanguage(markdown);
  const root = parseMarkdown(markdown);
  const sections = buildSections(root, language).map((section) =>
    describeSection(section, language),
  );
  const roles = assignRoles(sections, language);
  if (roles.concepts.length === 0) {
    throw new DocumentError("no-concepts", [documentIssue("no-concepts", {})]);
  }
  if (roles.concepts.length === 1) {
    const only = roles.concepts[0];
    throw new DocumentError("single-concept", [
      documentIssue("single-concept", { title: only?.title ?? "" }, only?.line),
    ]);
  }
  const concepts = buildConcepts(roles.concepts, language, options.forms, toString(root));
  const matcher = new ConceptMatcher(concepts);
  const facts = buildFacts(roles.concepts, concepts, matcher);
  const differences = parseDifferences({
    sections: roles.differences,
    concepts,
    matcher,
    language,
    conceptsEndLine: Math.max(...roles.concepts.map(lastLineOf)),
  });
  const title = sections.find((section) => section.depth === 1)?.title ?? defaultTitle(concepts);
  return {
    id: options.documentId,
    language,
    title: collapseSpaces(title) || defaultTitle(concepts),
    ...(roles.summary ? { summary: roles.summary } : {}),
    concepts,
    facts,
    differences,
    examples: buildExamples(roles.examples, matcher),
    ...(roles.conclusion ? { conclusion: roles.conclusion } : {}),
    ...(options.setAside ? { setAside: checkSetAside(options.setAside, markdown) } : {}),
  };
}

/** A note must quote the document as it stands: a stale one is an error, not a silent no-op. */
function checkSetAside(notes: readonly SetAsideNote[], markdown: string): SetAsideNote[] {
  const text = collapseSpaces(markdown.replace(/[*_`]/g, "")).toLowerCase();
  const stale = notes.filter((note) => !text.includes(collapseSpaces(note.quote).toLowerCase()));
  if (stale.length > 0) {
    throw new DocumentError(
      "stale-note",
      stale.map((note) => documentIssue("stale-note", { quote: note.quote })),
    );
  }
  return [...notes];
}

/**
 * Reads a comparison document (markdown) into concepts, facts, differences, examples, summary
 * and conclusion. Throws only DocumentError, whatever the input.
 */
export function parseComparisonDocument(
  markdown: string,
  options: ParseDocumentOptions,
): ComparisonDocument {
  try {
    return parseOrThrow(markdown, options);
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new DocumentError("internal", [documentIssue("parser-failure", { reason })]);
  }
}
