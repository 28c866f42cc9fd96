import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * "Every UI string is translated": walks web/src/**\/*.tsx with the TypeScript parser and flags JSX text with letters
 * and string literals in attributes people read (aria-label, title, placeholder, alt, aria-description,
 * aria-roledescription, aria-valuetext, label). Such text must come from `t()`. Brand names and symbols are allowed.
 */
/** Every component's source text, by path relative to src/ (Vite reads them; no node:fs in the browser package). */
const SOURCES = import.meta.glob<string>(["../**/*.tsx", "!../**/*.test.tsx", "!../testing/**"], {
  query: "?raw",
  import: "default",
  eager: true,
});
const ATTRS = new Set([
  "aria-label",
  "title",
  "placeholder",
  "alt",
  "aria-description",
  "aria-roledescription",
  "aria-valuetext",
  "label",
]);
/** Text that is the same in every language: brand names, units, symbols. */
const ALLOW = new Set(["Pregão", "TradingView", "ProfitDLL", "B3", "BRT", "BRL", "R$", "p50", "p90", "p99"]);

const COMPARISONS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.InKeyword,
]);
/** Letters left once brand names are taken out: text a person reads in some language. */
const allowed = (s: string) => {
  let rest = s;
  for (const word of ALLOW) rest = rest.split(word).join("");
  return !/\p{L}/u.test(rest);
};

/** `file:line  text` for each hard-coded user-visible string in one file. */
export function hardCodedText(fileName: string, source: string): string[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    found.push(`${fileName}:${line + 1}  ${JSON.stringify(text.trim())}`);
  };
  /** Strings inside an attribute's or a child's expression (ternaries, `??`), except arguments of calls (`t("key")`). */
  const strings = (node: ts.Node) => {
    if (ts.isCallExpression(node) || ts.isElementAccessExpression(node)) return;
    // Comparisons (`side === "bid"`) test values; they show nothing.
    if (ts.isBinaryExpression(node) && COMPARISONS.has(node.operatorToken.kind)) return;
    if (ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node) || ts.isJsxFragment(node))
      return visit(node);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (!allowed(node.text)) report(node, node.text);
      return;
    }
    if (ts.isTemplateExpression(node)) {
      const text = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(" ");
      if (!allowed(text)) report(node, node.getText(sf));
    }
    ts.forEachChild(node, strings);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && !allowed(node.text)) report(node, node.text);
    if (ts.isJsxAttribute(node)) {
      if (ATTRS.has(node.name.getText(sf)) && node.initializer) strings(node.initializer);
      return;
    }
    if (ts.isJsxExpression(node) && node.parent && !ts.isJsxAttribute(node.parent)) {
      if (node.expression) strings(node.expression);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe("no hard-coded UI text", () => {
  it("flags JSX text and labelled attributes, allows brands, symbols and t()", () => {
    const src = `const A = () => (
      <div title="Close" aria-label={t("x")} className="Big">
        Hello <b>{n}</b> · Pregão <i alt={"Chart"} />
        <p aria-label={on ? \`Restore \${x}\` : t("y")}>{ok ? "Loading…" : t("z", { a: "Words" })}</p>
        <Btn title={reason ?? "Add asset"} /> {" "} {"—"} {side === "bid" ? t("b") : t("a")} {m["key"]}
      </div>
    );`;
    expect(hardCodedText("a.tsx", src).map((s) => s.split("  ")[1])).toEqual([
      '"Close"',
      '"Hello"',
      '"Chart"',
      '"`Restore ${x}`"',
      '"Loading…"',
      '"Add asset"',
    ]);
  });

  it("every .tsx under web/src speaks through i18n", () => {
    const files = Object.entries(SOURCES);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap(([path, text]) => hardCodedText(path.replace(/^\.\.\//, ""), text));
    expect(offenders).toEqual([]);
  });
});
