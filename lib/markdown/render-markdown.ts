import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  // Raw HTML in a document is dropped, and rehype-sanitize (GitHub's schema) strips anything
  // executable that markdown itself could produce (javascript: links, event handlers).
  .use(remarkRehype, { allowDangerousHtml: false })
  .use(rehypeSanitize)
  .use(rehypeStringify);

/** Markdown → HTML that is safe to inject: no script from a document can run. */
export function renderMarkdown(markdown: string): string {
  return String(processor.processSync(markdown));
}
