import type { Nodes, Root } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";

type Point = NonNullable<Root["position"]>["start"];

const commonMarkProcessor = unified().use(remarkParse).freeze();
const gfmProcessor = unified().use(remarkParse).use(remarkGfm).freeze();

/**
 * GFM doubles the parse time (its autolink scan looks at every character) and only changes the
 * tree for tables, strikethrough, footnotes and task lists, so it is used when those can occur.
 */
function mayUseGfm(markdown: string): boolean {
  return /[|~]|\[\^|\[[ xX]\]/.test(markdown);
}

/** The whole document in one parse: the reference the sectioned parse must equal. */
export function parseWholeMarkdown(markdown: string): Root {
  return (mayUseGfm(markdown) ? gfmProcessor : commonMarkProcessor).parse(markdown);
}

/**
 * What can reach across a heading: HTML blocks (`<`), fenced code (``` ~~~), link and footnote
 * definitions (`]:`) and `\r` line endings (kept out so that only `\n` ends a line here).
 */
const CROSS_SECTION = /[<\r]|```|~~~|\]:/;
/** A line opening an ATX heading at column 0: it closes every open block (lists, quotes, paragraphs). */
const HEADING_LINE = /\n(?=#{1,6}(?:[ \t\n]|$))/g;

/** Sections are parsed in runs of at least this many characters: every parse has a setup cost. */
const CHUNK_LENGTH = 16_384;

/**
 * Where each run of heading sections starts (at a heading, `chunkLength` characters or more
 * after the previous start), or null when the document must be parsed in one piece.
 */
export function sectionStarts(markdown: string, chunkLength = CHUNK_LENGTH): number[] | null {
  if (mayUseGfm(markdown) || CROSS_SECTION.test(markdown)) return null;
  const starts = [0];
  for (const match of markdown.matchAll(HEADING_LINE)) {
    const start = match.index + 1;
    if (start - (starts[starts.length - 1] ?? 0) >= chunkLength) starts.push(start);
  }
  return starts.length < 2 ? null : starts;
}

function shiftPoint(point: Point, lines: number, offset: number): Point {
  return {
    line: point.line + lines,
    column: point.column,
    ...(point.offset === undefined ? {} : { offset: point.offset + offset }),
  };
}

function shiftPositions(node: Nodes, lines: number, offset: number): void {
  if (node.position) {
    node.position = {
      start: shiftPoint(node.position.start, lines, offset),
      end: shiftPoint(node.position.end, lines, offset),
    };
  }
  if ("children" in node) {
    for (const child of node.children) shiftPositions(child, lines, offset);
  }
}

/**
 * The mdast tree of a document. micromark rewrites the whole event list each time a container
 * (list, quote) closes, so one parse grows quadratically with a long document of lists; a
 * long document that nothing can carry across a heading is parsed in runs of heading sections
 * instead, positions shifted to the whole document's (the same tree: see
 * tests/unit/deck/parse-markdown.test.ts, which cuts at every heading).
 */
export function parseMarkdown(markdown: string, chunkLength = CHUNK_LENGTH): Root {
  const starts = sectionStarts(markdown, chunkLength);
  if (starts === null) return parseWholeMarkdown(markdown);
  const root: Root = { type: "root", children: [] };
  let line = 0;
  starts.forEach((start, index) => {
    const text = markdown.slice(start, starts[index + 1] ?? markdown.length);
    const section = commonMarkProcessor.parse(text);
    for (const child of section.children) {
      shiftPositions(child, line, start);
      root.children.push(child);
    }
    if (section.position) {
      const shifted = {
        start: shiftPoint(section.position.start, line, start),
        end: shiftPoint(section.position.end, line, start),
      };
      root.position = { start: root.position?.start ?? shifted.start, end: shifted.end };
    }
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) line += 1;
  });
  return root;
}
