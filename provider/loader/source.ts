import * as fs from "node:fs";
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { defineField, setLocated, type ChildSpot } from "./located";
import type { Position, Problem } from "./problems";
import { substituteVariables } from "./variables";

/**
 * Where variables without a value were left unsubstituted (offline validation without vars):
 * the references, and the scalars holding them, whose own problems are not reported.
 */
export interface UnsetVariables {
  references: Array<Position & { name: string }>;
  scalars: Set<string>;
}

export const positionKey = (position: Position): string => `${position.file}:${position.line}:${position.col}`;

/** One desired-state file read into plain values (strings substituted), with every node's position. */
export interface SourceFile {
  /** The name used in problems: the path as the user gave it. */
  file: string;
  /** The absolute path it was read from. */
  path: string;
  /** Undefined when the file could not be read or parsed at all. */
  root: unknown;
  /** Position of the document start (1:1). */
  start: Position;
}

export function readSourceFile(
  file: string,
  absolutePath: string,
  vars: Readonly<Record<string, string>>,
  problems: Problem[],
  unset?: UnsetVariables,
): SourceFile {
  const start = { file, line: 1, col: 1 };
  let text: string;
  try {
    text = fs.readFileSync(absolutePath, "utf8");
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : (err as Error).message;
    problems.push({ ...start, message: `cannot read desired-state file: ${reason}` });
    return { file, path: absolutePath, root: undefined, start };
  }
  return { file, path: absolutePath, root: parseSource(file, text, vars, problems, unset), start };
}

export function parseSource(
  file: string,
  text: string,
  vars: Readonly<Record<string, string>>,
  problems: Problem[],
  unset?: UnsetVariables,
): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col };
  };
  // One misplaced line can make the parser repeat a message for each line after it: once, with the lines.
  const byMessage = new Map<string, Position[]>();
  for (const error of [...doc.errors, ...doc.warnings]) {
    const message = `YAML syntax: ${firstLine(error.message)}`;
    byMessage.set(message, [...(byMessage.get(message) ?? []), position(error.pos[0])]);
  }
  for (const [message, [first, ...more]] of byMessage) {
    const also = more.length === 0 ? "" : ` (also at line${more.length === 1 ? "" : "s"} ${more.map((p) => p.line).join(", ")})`;
    problems.push({ ...first!, message: message + also });
  }
  if (doc.errors.length > 0) return undefined;
  if (doc.contents === null) return null;
  return new Converter(text, doc, vars, position, problems, unset).convert(doc.contents as Node);
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

/** Values that aliases of one file may expand to in all: far above any real use of shared blocks. */
export const MAX_ALIAS_VALUES = 100_000;

class Converter {
  private aliasOrigin: Node | undefined;
  private aliasValues = 0;
  private aliasBudgetSpent = false;

  constructor(
    private readonly text: string,
    private readonly doc: Document,
    private readonly vars: Readonly<Record<string, string>>,
    private readonly position: (offset: number) => Position,
    private readonly problems: Problem[],
    private readonly unset: UnsetVariables | undefined,
  ) {}

  private startOf(node: Node): Position {
    return this.position(node.range?.[0] ?? 0);
  }

  convert(node: Node, depth = 0): unknown {
    if (depth > 64) {
      this.problems.push({ ...this.startOf(node), message: "YAML nesting too deep" });
      return null;
    }
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) return null;
      if (this.aliasBudgetSpent) return null;
      this.aliasOrigin ??= node;
      try {
        return this.convert(target as Node, depth + 1);
      } finally {
        if (this.aliasOrigin === node) this.aliasOrigin = undefined;
      }
    }
    if (this.aliasOrigin !== undefined && ++this.aliasValues > MAX_ALIAS_VALUES) {
      // Nested aliases grow exponentially ("billion laughs"): stop at once, at the alias that started it.
      if (!this.aliasBudgetSpent) {
        this.problems.push({
          ...this.startOf(this.aliasOrigin),
          message: `YAML aliases expand to more than ${MAX_ALIAS_VALUES} values; the file is refused (nested aliases?)`,
        });
      }
      this.aliasBudgetSpent = true;
      return null;
    }
    if (isScalar(node)) {
      if (typeof node.value !== "string") return node.value;
      const { value, problems, unset } = substituteVariables(node.value, this.vars, { leaveUnset: this.unset !== undefined });
      for (const problem of problems) {
        this.problems.push({ ...this.referencePosition(node, problem.reference), message: problem.message });
      }
      for (const reference of unset) {
        this.unset!.references.push({ ...this.referencePosition(node, reference.reference), name: reference.name });
        this.unset!.scalars.add(positionKey(this.startOf(node)));
      }
      return value;
    }
    if (isMap(node)) {
      const result: Record<string, unknown> = {};
      const children = new Map<string, ChildSpot>();
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === "object") {
          this.problems.push({ ...(keyNode ? this.startOf(keyNode) : this.startOf(node)), message: "map keys must be plain strings" });
          continue;
        }
        const key = String(keyNode.value);
        const valueNode = pair.value as Node | null;
        const keyPosition = this.startOf(keyNode);
        defineField(result, key, valueNode ? this.convert(valueNode, depth + 1) : null);
        children.set(key, { key: keyPosition, value: valueNode && valueNode.range ? this.startOf(valueNode) : keyPosition });
      }
      setLocated(result, { at: this.startOf(node), children });
      return result;
    }
    if (isSeq(node)) {
      const result: unknown[] = [];
      const children = new Map<number, ChildSpot>();
      node.items.forEach((item, index) => {
        const itemNode = item as Node | null;
        result.push(itemNode ? this.convert(itemNode, depth + 1) : null);
        children.set(index, { value: itemNode?.range ? this.startOf(itemNode) : this.startOf(node) });
      });
      setLocated(result, { at: this.startOf(node), children });
      return result;
    }
    this.problems.push({ ...this.startOf(node), message: "unsupported YAML node" });
    return null;
  }

  /** The exact column of `${...}` inside the scalar's source text, whatever its quoting. */
  private referencePosition(node: Node, reference: string): Position {
    const [start, end] = node.range ?? [0, 0];
    const index = this.text.slice(start, end).indexOf(reference);
    return this.position(index < 0 ? start : start + index);
  }
}
