// No user-visible text is written into app/**/*.tsx: JSX text, string literals shown in JSX
// ({'…'}, {x ? '…' : '…'}), the attributes people read (aria-label, placeholder, title, alt, and
// our components' label, hint, done, submitLabel …) and a page's `metadata` must come from
// messages/*.json. A failure lists every offender as file:line: "text".
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';

const ROOT = path.join(process.cwd(), 'app');
const READ_ATTRIBUTE = /^(aria-label|placeholder|title|alt|label|hint|done)$|Label$/;

/**
 * Text that is not a translation's business: symbols, numbers, brand marks and formats. Anything
 * with a letter (Latin or Chinese) outside this list is an offender.
 */
const ALLOWED = new Set(['¥', '茶', '68.00', '404', '403', '#', '×', '—', '−', '+', '/', '·', '✓', '…']);

const LETTER = /[\p{L}]/u;

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(full);
    return entry.name.endsWith('.tsx') ? [full] : [];
  });
}

function offenders(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const value = text.replace(/\s+/g, ' ').trim();
    if (!value || ALLOWED.has(value) || !LETTER.test(value)) return;
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push(`${path.relative(process.cwd(), file)}:${line + 1}: ${JSON.stringify(value)}`);
  };
  // A string shown as is: directly in {…}, or a branch of a conditional or ?? / || inside it.
  const shownStrings = (expr: ts.Expression | undefined): void => {
    if (!expr) return;
    if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) report(expr, expr.text);
    else if (ts.isTemplateExpression(expr)) report(expr, [expr.head.text, ...expr.templateSpans.map((s) => s.literal.text)].join(' '));
    else if (ts.isParenthesizedExpression(expr)) shownStrings(expr.expression);
    else if (ts.isConditionalExpression(expr)) [expr.whenTrue, expr.whenFalse].forEach(shownStrings);
    else if (
      ts.isBinaryExpression(expr) &&
      [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(expr.operatorToken.kind)
    )
      shownStrings(expr.right);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, node.text);
    else if (ts.isJsxExpression(node) && !ts.isJsxAttribute(node.parent)) shownStrings(node.expression);
    else if (ts.isJsxAttribute(node) && READ_ATTRIBUTE.test(node.name.getText(source)) && node.initializer) {
      if (ts.isStringLiteral(node.initializer)) report(node, node.initializer.text);
      else if (ts.isJsxExpression(node.initializer)) shownStrings(node.initializer.expression);
    } else if (ts.isVariableDeclaration(node) && node.name.getText(source) === 'metadata' && node.initializer) {
      const strings = (n: ts.Node): void => {
        if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) report(n, n.text);
        ts.forEachChild(n, strings);
      };
      strings(node.initializer);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

it('app/**/*.tsx shows no text outside the message catalogues', () => {
  const all = tsxFiles(ROOT).sort().flatMap(offenders);
  if (all.length > 0) console.error(`Hard-coded user-visible text (move it to messages/zh-CN.json and messages/en.json):\n${all.join('\n')}`);
  expect(all).toEqual([]);
});
