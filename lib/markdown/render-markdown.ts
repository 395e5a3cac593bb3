import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

/** The few fields of a hast node this file reads or writes. */
interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

/**
 * Replaces every image by a link to it: a document (anyone's, once decks can be shared) must not
 * make a reader's browser fetch a remote address without the reader asking for it.
 */
function imagesAsLinks(options: { label: (alt: string) => string }) {
  const visit = (node: HastNode) => {
    for (const [index, child] of (node.children ?? []).entries()) {
      if (child.type === "element" && child.tagName === "img") {
        const src = typeof child.properties?.src === "string" ? child.properties.src : "";
        const alt = typeof child.properties?.alt === "string" ? child.properties.alt : "";
        const text: HastNode = { type: "text", value: options.label(alt || src) };
        node.children![index] = src
          ? {
              type: "element",
              tagName: "a",
              properties: { href: src, rel: ["nofollow", "noopener", "noreferrer"] },
              children: [text],
            }
          : text;
      } else {
        visit(child);
      }
    }
  };
  return () => (tree: HastNode) => visit(tree);
}

export interface RenderOptions {
  /** The text of the link that stands for an image, given its alt text (or address). */
  imageLabel?: (alt: string) => string;
}

/**
 * Markdown → HTML that is safe to inject: raw HTML in a document is dropped, and rehype-sanitize
 * (GitHub's schema) strips anything executable that markdown itself could produce (javascript:
 * links, event handlers); images become links, so nothing remote loads unasked.
 */
export function renderMarkdown(markdown: string, options: RenderOptions = {}): string {
  const label = options.imageLabel ?? ((alt: string) => `[${alt}]`);
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype, { allowDangerousHtml: false })
    .use(rehypeSanitize)
    .use(imagesAsLinks({ label }))
    .use(rehypeStringify);
  return String(processor.processSync(markdown));
}
