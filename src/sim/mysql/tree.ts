/**
 * A statement's tokens grouped by parentheses, so clauses, argument lists and subqueries can be
 * found by looking at one level at a time.
 */
import { isOp, isWord, type Token } from './lexer';

export type Node = { kind: 'token'; token: Token } | { kind: 'group'; open: Token; close: Token; children: Node[] };

export type TreeResult = { ok: true; nodes: Node[] } | { ok: false; at: number };

/** Groups tokens by parentheses; `ok: false` at an unbalanced one. */
export function buildTree(tokens: readonly Token[]): TreeResult {
  const stack: { open: Token | null; children: Node[] }[] = [{ open: null, children: [] }];
  for (const token of tokens) {
    if (isOp(token, '(')) stack.push({ open: token, children: [] });
    else if (isOp(token, ')')) {
      if (stack.length === 1) return { ok: false, at: token.start };
      const frame = stack.pop()!;
      stack[stack.length - 1]!.children.push({ kind: 'group', open: frame.open!, close: token, children: frame.children });
    } else stack[stack.length - 1]!.children.push({ kind: 'token', token });
  }
  if (stack.length > 1) return { ok: false, at: Number.POSITIVE_INFINITY };
  return { ok: true, nodes: stack[0]!.children };
}

export function tokenOf(node: Node | undefined): Token | undefined {
  return node?.kind === 'token' ? node.token : undefined;
}

export function nodeIsWord(node: Node | undefined, ...words: string[]): boolean {
  return isWord(tokenOf(node), ...words);
}

export function nodeIsOp(node: Node | undefined, ...ops: string[]): boolean {
  return isOp(tokenOf(node), ...ops);
}

/** Where a node starts in the statement. */
export function startOf(node: Node): number {
  return node.kind === 'token' ? node.token.start : node.open.start;
}

export function endOf(node: Node): number {
  return node.kind === 'token' ? node.token.end : node.close.end;
}

/** Splits a node list at top-level commas. */
export function splitCommas(nodes: readonly Node[]): Node[][] {
  const parts: Node[][] = [[]];
  for (const node of nodes) {
    if (nodeIsOp(node, ',')) parts.push([]);
    else parts[parts.length - 1]!.push(node);
  }
  return parts;
}

/** The index of the first top-level word among `words` at or after `from`, or -1. */
export function findWord(nodes: readonly Node[], words: readonly string[], from = 0): number {
  for (let i = from; i < nodes.length; i += 1) if (nodeIsWord(nodes[i], ...words)) return i;
  return -1;
}

/** The source text a node list covers. */
export function textOf(sql: string, nodes: readonly Node[]): string {
  if (nodes.length === 0) return '';
  return sql.slice(startOf(nodes[0]!), endOf(nodes[nodes.length - 1]!));
}

/** Every token of a node list, in order (groups' parentheses included). */
export function flatten(nodes: readonly Node[]): Token[] {
  const out: Token[] = [];
  const walk = (list: readonly Node[]) => {
    for (const node of list) {
      if (node.kind === 'token') out.push(node.token);
      else {
        out.push(node.open);
        walk(node.children);
        out.push(node.close);
      }
    }
  };
  walk(nodes);
  return out;
}
