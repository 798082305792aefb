/**
 * One catalogue of the client's error codes (provider/client/error-codes.ts): every code the
 * client raises, and every answer code the client or the provider acts on, is declared there
 * with its meaning and way out, and no other file under provider/ writes one as a string
 * literal: each raises or checks it through the catalogue's constants.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import {
  ANSWER_ERROR_CATALOGUE,
  AnswerCode,
  CLIENT_ERROR_CATALOGUE,
  ErrorCode,
  failureCode,
  httpStatusCode,
} from "../../../provider/client/error-codes";
import { repoRoot } from "../../support/repo-root";

const CATALOGUE = path.join("provider", "client", "error-codes.ts");

function sourcesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sourcesUnder(full));
    else if (/\.(ts|mts|cts)$/.test(entry.name)) found.push(full);
  }
  return found;
}

/** Places that write an error code inline: a catalogued code as a literal, a `code:` / `.code ===` literal, an `HTTP_` code. */
export function inlineCodes(file: string, text: string, codes: ReadonlySet<string>): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push(`${file}:${line}: ${node.getText(source)}`);
  };
  const isText = (node: ts.Node): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral =>
    ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);
  const visit = (node: ts.Node): void => {
    if (isText(node) && codes.has(node.text)) report(node);
    // { code: "X" } (Zod's issue code "custom" is not an error code of the client).
    if (ts.isPropertyAssignment(node) && node.name.getText(source) === "code" && isText(node.initializer)) {
      if (node.initializer.text !== "custom") report(node);
    }
    // error.code === "X" (Node's errno codes, `(err as NodeJS.ErrnoException).code`, are not the client's).
    if (ts.isBinaryExpression(node) && EQUALITY.has(node.operatorToken.kind)) {
      const sides = [node.left, node.right];
      const checksCode = sides.some((side) => ts.isPropertyAccessExpression(side) && side.name.text === "code" && !side.expression.getText(source).includes("ErrnoException"));
      if (checksCode && sides.some(isText)) report(node);
    }
    if (ts.isTemplateExpression(node) && node.head.text.endsWith("HTTP_")) report(node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const EQUALITY = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
]);

const codes = new Set([...Object.keys(CLIENT_ERROR_CATALOGUE), ...Object.keys(ANSWER_ERROR_CATALOGUE)]);

describe("one catalogue of the client's error codes", () => {
  it("declares each code once, with its meaning and way out, under its own name", () => {
    expect(Object.keys(CLIENT_ERROR_CATALOGUE).length + Object.keys(ANSWER_ERROR_CATALOGUE).length).toBe(codes.size);
    for (const entry of [...Object.values(CLIENT_ERROR_CATALOGUE), ...Object.values(ANSWER_ERROR_CATALOGUE)]) {
      expect(entry.meaning.length).toBeGreaterThan(10);
      expect(entry.wayOut.length).toBeGreaterThan(10);
    }
    for (const [name, code] of Object.entries({ ...ErrorCode, ...AnswerCode })) expect(code).toBe(name);
    expect(httpStatusCode(502)).toBe("HTTP_502");
    expect(failureCode("timeout")).toBe(ErrorCode.TIMEOUT);
    expect(failureCode("dropped")).toBe(ErrorCode.CONNECTION_FAILED);
  });

  it("no file under provider/ but the catalogue writes an error code inline", () => {
    const files = sourcesUnder(path.join(repoRoot, "provider"));
    expect(files.length).toBeGreaterThan(50);
    const found = files
      .filter((file) => path.relative(repoRoot, file) !== CATALOGUE)
      .flatMap((file) => inlineCodes(path.relative(repoRoot, file), fs.readFileSync(file, "utf8"), codes));
    expect(found).toEqual([]);
  });

  it("would see each way of writing one inline", () => {
    const sample = [
      'throw new LineWorksApiError({ status: 0, code: "SOMETHING_NEW", description: "x" });',
      'if (error.code === "invalid_scope") return;',
      "const code = `HTTP_${status}`;",
      "const which = 'CURSOR_LOOP';",
      "// a comment naming CURSOR_LOOP or `invalid_scope` is no code",
      'ctx.addIssue({ code: "custom", message: "fine" });',
      'const reason = (err as NodeJS.ErrnoException).code === "ENOENT" ? "missing" : "other";',
      'const pattern = /["\']?code["\']?/;',
    ].join("\n");
    expect(inlineCodes("sample.ts", sample, codes)).toEqual([
      'sample.ts:1: code: "SOMETHING_NEW"',
      'sample.ts:2: error.code === "invalid_scope"',
      'sample.ts:2: "invalid_scope"',
      "sample.ts:3: `HTTP_${status}`",
      "sample.ts:4: 'CURSOR_LOOP'",
    ]);
  });
});
