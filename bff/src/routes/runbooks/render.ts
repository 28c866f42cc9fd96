import { Marked, type Tokens } from "marked";

/** GitHub-style heading id: lower case, punctuation dropped, spaces → dashes (so `#verify-recovery` works). */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .trim()
    .replace(/<[^>]*>/g, "")
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .replace(/\s+/g, "-");
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * marked with heading ids (deduplicated per page) and raw HTML escaped: a runbook is text and links, and the strict
 * CSP would refuse inline script or style anyway.
 */
function renderer(): Marked {
  const seen = new Map<string, number>();
  return new Marked({
    gfm: true,
    renderer: {
      heading({ tokens, depth, text }: Tokens.Heading) {
        const base = slugify(text) || "section";
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        const id = n === 0 ? base : `${base}-${n}`;
        return `<h${depth} id="${id}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
      html({ text }: Tokens.HTML | Tokens.Tag) {
        return escapeHtml(text);
      },
    },
  });
}

/** A runbook page: title from the first heading, the Markdown rendered, no inline script or style. */
export function renderRunbook(name: string, markdown: string): string {
  const title = /^#\s+(.+)$/m.exec(markdown)?.[1]?.trim() ?? name;
  const body = renderer().parse(markdown, { async: false });
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)} · Pregão runbooks</title>`,
    "</head>",
    "<body>",
    `<main id="runbook" data-runbook="${escapeHtml(name)}">`,
    body,
    "</main>",
    "</body>",
    "</html>",
  ].join("\n");
}
