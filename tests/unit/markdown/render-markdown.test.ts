import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/markdown/render-markdown";

describe("renderMarkdown", () => {
  it("renders headings, lists, bold and code", () => {
    const html = renderMarkdown("### Под (Pod):\n- **Изоляция:** через `localhost`.");
    expect(html).toContain("<h3>Под (Pod):</h3>");
    expect(html).toContain("<strong>Изоляция:</strong>");
    expect(html).toContain("<code>localhost</code>");
  });

  it("lets no script from a document run", () => {
    const html = renderMarkdown(
      [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(2)">',
        "[click](javascript:alert(3))",
        '<a href="#" onclick="alert(4)">x</a>',
        "<iframe src='https://example.com'></iframe>",
      ].join("\n\n"),
    );
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<iframe/i);
  });
});
