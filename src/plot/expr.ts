/**
 * Axis expressions: arithmetic over columns, evaluated column-wise into a Float64Array.
 * Grammar: sum := product (('+'|'-') product)*; product := unary (('*'|'/') unary)*;
 * unary := '-' unary | power; power := atom ('^' unary)?; atom := number | column | name '(' args ')' | '(' sum ')'.
 * A column is a bare name (letters, digits, _ and .) or a "quoted name". A whole expression that is
 * itself a column name (`g-r` as a column) is that column.
 */
import { PlotExpressionError } from './errors.js';
import type { PlotTable } from './table.js';

type Node =
  | { kind: 'number'; value: number }
  | { kind: 'column'; name: string }
  | { kind: 'unary'; arg: Node }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/' | '^'; left: Node; right: Node }
  | { kind: 'call'; fn: string; args: Node[] };

const FUNCTIONS: Record<string, { arity: number; apply: (...a: number[]) => number }> = {
  log10: { arity: 1, apply: Math.log10 },
  ln: { arity: 1, apply: Math.log },
  log: { arity: 1, apply: Math.log },
  exp: { arity: 1, apply: Math.exp },
  sqrt: { arity: 1, apply: Math.sqrt },
  abs: { arity: 1, apply: Math.abs },
  pow: { arity: 2, apply: Math.pow },
};

/** The values of an expression for every row (NaN where a column is null or the arithmetic is undefined). */
export function evaluate(table: PlotTable, expression: string): Float64Array {
  const trimmed = expression.trim();
  if (table.field(trimmed) !== undefined) return table.numbers(trimmed);
  const node = parseExpression(trimmed, table);
  return evalNode(node, table);
}

/** The single column an expression is, or undefined when it computes something. */
export function soleColumn(table: PlotTable, expression: string): string | undefined {
  const trimmed = expression.trim();
  if (table.field(trimmed) !== undefined) return trimmed;
  const node = parseExpression(trimmed, table);
  return node.kind === 'column' ? node.name : undefined;
}

function evalNode(node: Node, table: PlotTable): Float64Array {
  const n = table.rowCount;
  switch (node.kind) {
    case 'number':
      return new Float64Array(n).fill(node.value);
    case 'column':
      return table.numbers(node.name);
    case 'unary':
      return evalNode(node.arg, table).map((v) => -v);
    case 'call': {
      const args = node.args.map((a) => evalNode(a, table));
      const f = FUNCTIONS[node.fn]!.apply;
      const out = new Float64Array(n);
      if (args.length === 1) {
        const a = args[0]!;
        for (let i = 0; i < n; i++) out[i] = f(a[i]!);
      } else {
        const [a, b] = args as [Float64Array, Float64Array];
        for (let i = 0; i < n; i++) out[i] = f(a[i]!, b[i]!);
      }
      return out;
    }
    case 'binary': {
      const a = evalNode(node.left, table);
      const b = evalNode(node.right, table);
      const out = new Float64Array(n);
      switch (node.op) {
        case '+':
          for (let i = 0; i < n; i++) out[i] = a[i]! + b[i]!;
          break;
        case '-':
          for (let i = 0; i < n; i++) out[i] = a[i]! - b[i]!;
          break;
        case '*':
          for (let i = 0; i < n; i++) out[i] = a[i]! * b[i]!;
          break;
        case '/':
          for (let i = 0; i < n; i++) out[i] = a[i]! / b[i]!;
          break;
        case '^':
          for (let i = 0; i < n; i++) out[i] = a[i]! ** b[i]!;
          break;
      }
      return out;
    }
  }
}

interface Token {
  type: 'num' | 'name' | 'quoted' | 'op';
  text: string;
  pos: number;
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      tokens.push({ type: 'num', text: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i));
    if (name) {
      tokens.push({ type: 'name', text: name[0], pos: i });
      i += name[0].length;
      continue;
    }
    if (c === '"') {
      const end = src.indexOf('"', i + 1);
      if (end < 0) throw new PlotExpressionError(src, i, 'unterminated quoted name', 'close it with "');
      tokens.push({ type: 'quoted', text: src.slice(i + 1, end), pos: i });
      i = end + 1;
      continue;
    }
    if ('+-*/^(),'.includes(c)) {
      tokens.push({ type: 'op', text: c, pos: i });
      i++;
      continue;
    }
    throw new PlotExpressionError(
      src,
      i,
      `unexpected character ${JSON.stringify(c)}`,
      'use column names, numbers, + - * / ^, parentheses and log10 ln exp sqrt abs pow',
    );
  }
  return tokens;
}

function parseExpression(src: string, table: PlotTable): Node {
  if (src === '') throw new PlotExpressionError(src, 0, 'empty expression', 'name a column');
  const tokens = tokenize(src);
  let k = 0;
  const peek = (): Token | undefined => tokens[k];
  const isOp = (t: Token | undefined, ops: string): t is Token => t !== undefined && t.type === 'op' && ops.includes(t.text);
  const expect = (text: string): void => {
    const t = peek();
    if (!isOp(t, text)) throw new PlotExpressionError(src, tokens[k]?.pos ?? src.length, `expected '${text}'`);
    k++;
  };
  const column = (name: string, pos: number): Node => {
    if (table.field(name) === undefined) {
      throw new PlotExpressionError(src, pos, `no column ${JSON.stringify(name)}`, `columns are ${table.columnNames.join(', ')}`);
    }
    return { kind: 'column', name };
  };
  const sum = (): Node => {
    let left = product();
    while (isOp(peek(), '+-')) {
      const op = tokens[k++]!.text as '+' | '-';
      left = { kind: 'binary', op, left, right: product() };
    }
    return left;
  };
  const product = (): Node => {
    let left = unary();
    while (isOp(peek(), '*/')) {
      const op = tokens[k++]!.text as '*' | '/';
      left = { kind: 'binary', op, left, right: unary() };
    }
    return left;
  };
  const unary = (): Node => {
    if (isOp(peek(), '-')) {
      k++;
      return { kind: 'unary', arg: unary() };
    }
    if (isOp(peek(), '+')) {
      k++;
      return unary();
    }
    const base = atom();
    if (isOp(peek(), '^')) {
      k++;
      return { kind: 'binary', op: '^', left: base, right: unary() };
    }
    return base;
  };
  const atom = (): Node => {
    const t = peek();
    if (t === undefined) throw new PlotExpressionError(src, src.length, 'the expression ends too early');
    k++;
    if (t.type === 'num') return { kind: 'number', value: Number(t.text) };
    if (t.type === 'quoted') return column(t.text, t.pos);
    if (t.type === 'name') {
      if (!isOp(peek(), '(')) return column(t.text, t.pos);
      const fn = FUNCTIONS[t.text.toLowerCase()];
      if (!fn) throw new PlotExpressionError(src, t.pos, `unknown function ${t.text}`, `use one of ${Object.keys(FUNCTIONS).join(', ')}`);
      k++;
      const args: Node[] = [sum()];
      while (isOp(peek(), ',')) {
        k++;
        args.push(sum());
      }
      expect(')');
      if (args.length !== fn.arity)
        throw new PlotExpressionError(src, t.pos, `${t.text} takes ${fn.arity} argument(s), not ${args.length}`);
      return { kind: 'call', fn: t.text.toLowerCase(), args };
    }
    if (t.text === '(') {
      const inner = sum();
      expect(')');
      return inner;
    }
    throw new PlotExpressionError(src, t.pos, `unexpected '${t.text}'`);
  };
  const node = sum();
  const rest = peek();
  if (rest !== undefined) throw new PlotExpressionError(src, rest.pos, `unexpected '${rest.text}' after the expression`);
  return node;
}
