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
        "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==)",
        "[vb](vbscript:msgbox(6))",
        "<svg onload=alert(7)></svg>",
        '<style>body{background:url("https://tracker.example/x")}</style>',
        "[ref][r]\n\n[r]: javascript:alert(8)",
        '<details open ontoggle="alert(9)">x</details>',
      ].join("\n\n"),
    );
    expect(html).not.toMatch(
      /<script|<style|<svg|<iframe|<details|\son\w+=|javascript:|vbscript:|data:text/i,
    );
  });

  it("loads no remote image: an image becomes a link to it", () => {
    const html = renderMarkdown(
      "Look: ![a diagram](https://tracker.example/pixel.png)\n\n![](http://x.example/i.gif)",
      { imageLabel: (alt) => `Image: ${alt}` },
    );
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('<a href="https://tracker.example/pixel.png"');
    expect(html).toContain(">Image: a diagram</a>");
    expect(html).toContain(">Image: http://x.example/i.gif</a>");
  });

  it("drops an image whose address is not allowed, keeping its text", () => {
    const html = renderMarkdown("![evil](javascript:alert(1))");
    expect(html).not.toMatch(/<img|javascript:/i);
  });
});
