/**
 * print(): AST to ADQL text.
 *
 * Canonical mode (default) prints one line with single spaces and upper-case keywords; comments
 * are dropped (a `--` comment cannot sit inside one line). Pretty mode prints one clause per line,
 * indents subqueries, and puts the root's comments back before the clause they preceded.
 * Parentheses come from Paren/ParenCondition nodes, plus those that precedence requires for
 * synthesised trees, so parse(print(ast)) equals ast (ignoring positions) for parsed trees.
 */
import type * as A from './ast.js';
import { hasRegularForm, isRegularIdentifier, quoteIdentifier } from './names.js';

export interface PrintOptions {
  /** One clause per line with indentation, keeping comments. Default false. */
  pretty?: boolean;
  /** Case of keywords and built-in function names. Default 'upper'. */
  keywordCase?: 'upper' | 'lower';
  /** Indentation unit in pretty mode. Default two spaces. */
  indent?: string;
}

interface Line {
  depth: number;
  text: string;
  /** Source offset of what the line prints, used to put comments back. */
  anchor?: number;
  /** Source line where what the line prints ends: a comment there is kept at the end of the line. */
  endLine?: number;
}

const VALUE_PRECEDENCE: Record<string, number> = { '||': 1, '+': 2, '-': 2, '*': 3, '/': 3 };

export function print(node: A.AdqlNode, options: PrintOptions = {}): string {
  return new Printer(options).printNode(node);
}

class Printer {
  private readonly pretty: boolean;
  private readonly upper: boolean;
  private readonly unit: string;

  constructor(options: PrintOptions) {
    this.pretty = options.pretty ?? false;
    this.upper = (options.keywordCase ?? 'upper') === 'upper';
    this.unit = options.indent ?? '  ';
  }

  printNode(node: A.AdqlNode): string {
    if (node.kind === 'Select' || node.kind === 'SetOperation') {
      if (!this.pretty) return this.queryInline(node);
      const lines = this.queryLines(node, 0);
      return this.render(lines, node.comments ?? []);
    }
    return this.any(node);
  }

  // ------------------------------------------------------------------------------- layout

  private render(lines: Line[], comments: A.Comment[]): string {
    const out: string[] = [];
    const pending = [...comments].sort((a, b) => (a.range?.start.offset ?? -1) - (b.range?.start.offset ?? -1));
    const offsetOf = (c: A.Comment) => c.range?.start.offset ?? -1;
    // The next line's anchor, for every line, computed once (a search per line would be quadratic).
    const nextAnchors: number[] = new Array<number>(lines.length);
    let next = Infinity;
    for (let i = lines.length - 1; i >= 0; i--) {
      nextAnchors[i] = next;
      if (lines[i]!.anchor !== undefined) next = lines[i]!.anchor!;
    }
    let c = 0;
    lines.forEach((line, i) => {
      const indent = this.unit.repeat(line.depth);
      // Comments written before this line's content come on their own lines first.
      while (c < pending.length && line.anchor !== undefined && offsetOf(pending[c]!) < line.anchor) {
        out.push(indent + pending[c]!.text);
        c++;
      }
      let text = indent + line.text;
      // A comment on the source line where this content ended stays at the end of the line.
      const nextAnchor = nextAnchors[i]!;
      while (
        c < pending.length &&
        line.endLine !== undefined &&
        pending[c]!.range?.start.line === line.endLine &&
        offsetOf(pending[c]!) < nextAnchor
      ) {
        text += ' ' + pending[c]!.text;
        c++;
      }
      out.push(text);
    });
    for (; c < pending.length; c++) out.push(pending[c]!.text);
    return out.join('\n');
  }

  private k(word: string): string {
    return this.upper ? word : word.toLowerCase();
  }

  // ------------------------------------------------------------------------------- queries

  private queryInline(q: A.QueryExpression): string {
    return this.queryLines(q, 0, true)
      .map((l) => l.text)
      .join(' ');
  }

  /** A query as lines. `flat` forces canonical single-line pieces (used inside expressions). */
  private queryLines(q: A.QueryExpression, depth: number, flat = !this.pretty): Line[] {
    const lines: Line[] = [];
    if (q.with && q.with.length > 0) {
      q.with.forEach((cte, i) => {
        const head = `${i === 0 ? this.k('WITH') + ' ' : ''}${this.identifier(cte.name)} ${this.k('AS')} (`;
        if (flat) {
          lines.push({ depth, text: `${head}${this.queryInline(cte.query)})${i < q.with!.length - 1 ? ',' : ''}`, anchor: start(cte) });
        } else {
          lines.push({ depth, text: head, anchor: start(cte) });
          append(lines, this.queryLines(cte.query, depth + 1));
          lines.push({ depth, text: `)${i < q.with!.length - 1 ? ',' : ''}` });
        }
      });
    }
    append(lines, q.kind === 'Select' ? this.selectLines(q, depth, flat) : this.setOperationLines(q, depth, flat));
    if (q.orderBy && q.orderBy.length > 0) {
      lines.push({
        depth,
        text: `${this.k('ORDER BY')} ${q.orderBy.map((o) => this.orderItem(o)).join(', ')}`,
        ...anchorOf(q.orderBy[0]!, q.orderBy[q.orderBy.length - 1]),
      });
    }
    if (q.offset !== undefined) lines.push({ depth, text: `${this.k('OFFSET')} ${q.offset}` });
    return lines;
  }

  /**
   * A set operation's lines. Chains (`a UNION b UNION c ...`, nested on the left) are unrolled with
   * an explicit stack, so 100,000 operands neither overflow the call stack nor copy lines per level.
   */
  private setOperationLines(q: A.SetOperation, depth: number, flat: boolean): Line[] {
    const prec = (x: A.QueryExpression) => (x.kind === 'SetOperation' ? (x.op === 'INTERSECT' ? 2 : 1) : 3);
    const decorated = (x: A.QueryExpression) => (x.with?.length ?? 0) > 0 || (x.orderBy?.length ?? 0) > 0 || x.offset !== undefined;
    const lines: Line[] = [];
    // Work items: a line to emit, or an operand with the precedence of the operation around it.
    type Work = Line | { operand: A.QueryExpression; parent: number; right: boolean };
    const work: Work[] = [{ operand: q, parent: 0, right: false }];
    while (work.length > 0) {
      const item = work.pop()!;
      if (!('operand' in item)) {
        lines.push(item);
        continue;
      }
      const x = item.operand;
      const needsParens = x !== q && (decorated(x) || (item.right ? prec(x) <= item.parent : prec(x) < item.parent));
      if (needsParens) {
        if (flat) lines.push({ depth, text: `(${this.queryInline(x)})`, anchor: start(x) });
        else {
          lines.push({ depth, text: '(', anchor: start(x) });
          append(lines, this.queryLines(x, depth + 1, flat));
          lines.push({ depth, text: ')' });
        }
      } else if (x.kind === 'SetOperation') {
        const mine = prec(x);
        work.push({ operand: x.right, parent: mine, right: true });
        work.push({ depth, text: this.k(x.op) + (x.all ? ' ' + this.k('ALL') : ''), anchor: end(x.left) });
        work.push({ operand: x.left, parent: mine, right: false });
      } else {
        append(lines, this.queryLines(x, depth, flat));
      }
    }
    return lines;
  }

  private selectLines(q: A.SelectQuery, depth: number, flat: boolean): Line[] {
    const lines: Line[] = [];
    let head = this.k('SELECT');
    if (q.quantifier) head += ' ' + this.k(q.quantifier);
    if (q.top !== undefined) head += ` ${this.k('TOP')} ${q.top}`;
    lines.push({
      depth,
      text: `${head} ${q.columns.map((c) => this.selectItem(c)).join(', ')}`,
      ...anchorOf(q, q.columns[q.columns.length - 1]),
    });
    append(lines, this.fromLines(q.from, depth, flat));
    if (q.where) append(lines, this.conditionLines('WHERE', q.where, depth, flat));
    if (q.groupBy && q.groupBy.length > 0) {
      lines.push({
        depth,
        text: `${this.k('GROUP BY')} ${q.groupBy.map((g) => this.value(g)).join(', ')}`,
        ...anchorOf(q.groupBy[0]!, q.groupBy[q.groupBy.length - 1]),
      });
    }
    if (q.having) append(lines, this.conditionLines('HAVING', q.having, depth, flat));
    return lines;
  }

  /**
   * WHERE/HAVING. In pretty mode a long AND (or OR) chain puts each operand on its own line:
   *   WHERE a = 1
   *     AND b = 2
   */
  private conditionLines(keyword: string, c: A.Condition, depth: number, flat: boolean): Line[] {
    const head = this.k(keyword) + ' ';
    const whole = this.condition(c);
    if (flat || c.kind !== 'Logical' || whole.length <= 60) return [{ depth, text: head + whole, ...anchorOf(c) }];
    const terms: A.Condition[] = [];
    let node: A.Condition = c;
    while (node.kind === 'Logical' && node.op === c.op) {
      terms.push(node.right);
      node = node.left;
    }
    terms.push(node);
    terms.reverse();
    const prec = c.op === 'AND' ? 2 : 1;
    const text = (x: A.Condition, first: boolean) => {
      const p = x.kind === 'Logical' ? (x.op === 'AND' ? 2 : 1) : 3;
      const printed = this.condition(x);
      return (first ? p < prec : p <= prec) ? `(${printed})` : printed;
    };
    return terms.map((t, i) =>
      i === 0
        ? { depth, text: head + text(t, true), ...anchorOf(t) }
        : { depth: depth + 1, text: `${this.k(c.op)} ${text(t, false)}`, ...anchorOf(t) },
    );
  }

  /** The FROM clause; in pretty mode each derived table's query is a nested block of lines. */
  private fromLines(from: A.TableReference[], depth: number, flat: boolean): Line[] {
    const lines: Line[] = [];
    let current = this.k('FROM') + ' ';
    let anchor = start(from[0]);
    from.forEach((t, i) => {
      if (i > 0) current += ', ';
      for (const piece of this.tablePieces(t, depth, flat)) {
        if (typeof piece === 'string') {
          current += piece;
          continue;
        }
        lines.push({ depth, text: current, ...(anchor !== undefined ? { anchor } : {}) });
        append(lines, piece);
        current = '';
        anchor = undefined;
      }
    });
    const lastEnd = from[from.length - 1]?.range?.end.line;
    lines.push({
      depth,
      text: current,
      ...(anchor !== undefined ? { anchor } : {}),
      ...(lastEnd !== undefined ? { endLine: lastEnd } : {}),
    });
    return lines;
  }

  /** A table reference as inline text pieces and, in pretty mode, blocks of lines (derived tables). */
  private tablePieces(t: A.TableReference, depth: number, flat: boolean): Array<string | Line[]> {
    if (t.kind === 'DerivedTable' && !flat) {
      return ['(', this.queryLines(t.query, depth + 1, false), `) ${this.k('AS')} ${this.identifier(t.alias)}`];
    }
    if (t.kind !== 'Join') return [this.tableReference(t)];
    const pieces: Array<string | Line[]> = [...this.tablePieces(t.left, depth, flat), ' '];
    let head = '';
    if (t.natural) head += this.k('NATURAL') + ' ';
    if (t.joinType) head += this.k(t.joinType) + ' ' + (t.outer ? this.k('OUTER') + ' ' : '');
    pieces.push(head + this.k('JOIN') + ' ');
    if (t.right.kind === 'Join') pieces.push('(', ...this.tablePieces(t.right, depth, flat), ')');
    else pieces.push(...this.tablePieces(t.right, depth, flat));
    if (t.condition) pieces.push(' ' + this.joinCondition(t.condition));
    return pieces;
  }

  private joinCondition(c: A.JoinCondition): string {
    return c.kind === 'JoinOn'
      ? `${this.k('ON')} ${this.condition(c.condition)}`
      : `${this.k('USING')} (${c.columns.map((x) => this.identifier(x)).join(', ')})`;
  }

  private selectItem(item: A.SelectItem): string {
    if (item.kind === 'AllColumns') return item.qualifier ? `${this.tableName(item.qualifier)}.*` : '*';
    const expr = this.value(item.expr);
    return item.alias ? `${expr} ${this.k('AS')} ${this.identifier(item.alias)}` : expr;
  }

  private orderItem(o: A.OrderItem): string {
    return o.direction ? `${this.value(o.expr)} ${this.k(o.direction)}` : this.value(o.expr);
  }

  // ---------------------------------------------------------------------------------- FROM

  private tableReference(t: A.TableReference): string {
    switch (t.kind) {
      case 'TableRef':
        return t.alias ? `${this.tableName(t.name)} ${this.k('AS')} ${this.identifier(t.alias)}` : this.tableName(t.name);
      case 'DerivedTable':
        return `(${this.queryInline(t.query)}) ${this.k('AS')} ${this.identifier(t.alias)}`;
      case 'Join': {
        let s = this.tableReference(t.left) + ' ';
        if (t.natural) s += this.k('NATURAL') + ' ';
        if (t.joinType) s += this.k(t.joinType) + ' ' + (t.outer ? this.k('OUTER') + ' ' : '');
        s += this.k('JOIN') + ' ';
        const right = this.tableReference(t.right);
        s += t.right.kind === 'Join' ? `(${right})` : right;
        if (t.condition) s += ' ' + this.joinCondition(t.condition);
        return s;
      }
    }
  }

  /** `qualified`: a column name follows, so every part stands before a "." (see identifier()). */
  private tableName(n: A.TableName, qualified = false): string {
    const parts = [n.catalog, n.schema, n.table].filter((p): p is A.Identifier => p !== undefined);
    return parts.map((p, i) => this.identifier(p, qualified || i < parts.length - 1)).join('.');
  }

  /**
   * Delimited identifiers keep their quotes; a synthesised name that is not a valid regular identifier
   * (or is reserved) is quoted. A plain SQL reserved word before "." stays bare (`public.zcat`): the
   * parser accepts it there, so quoting it would change the tree (and make the name case-sensitive).
   */
  private identifier(id: A.Identifier, qualifier = false): string {
    // A parsed bare name was accepted by the parser where it stands, keyword or not.
    const bare = !id.delimited && (id.range !== undefined ? hasRegularForm(id.name) : isRegularIdentifier(id.name, { qualifier }));
    return bare ? id.name : quoteIdentifier(id.name);
  }

  // ----------------------------------------------------------------------------- conditions

  /** A condition. AND/OR trees are printed with an explicit stack: chains of any length are safe. */
  private condition(c: A.Condition): string {
    if (c.kind !== 'Logical') return this.predicate(c);
    const out: string[] = [];
    const work: Array<string | A.Condition> = [c];
    while (work.length > 0) {
      const item = work.pop()!;
      if (typeof item === 'string') out.push(item);
      else if (item.kind !== 'Logical') out.push(this.predicate(item));
      else {
        const prec = item.op === 'AND' ? 2 : 1;
        const side = (x: A.Condition, right: boolean) => {
          const p = x.kind === 'Logical' ? (x.op === 'AND' ? 2 : 1) : 3;
          // pushed in reverse: the stack pops them in reading order
          if (right ? p <= prec : p < prec) work.push(')', x, '(');
          else work.push(x);
        };
        side(item.right, true);
        work.push(` ${this.k(item.op)} `);
        side(item.left, false);
      }
    }
    return out.join('');
  }

  private predicate(c: Exclude<A.Condition, A.Logical>): string {
    switch (c.kind) {
      case 'Not': {
        const s = this.condition(c.operand);
        return `${this.k('NOT')} ${c.operand.kind === 'Logical' ? `(${s})` : s}`;
      }
      case 'ParenCondition':
        return `(${this.condition(c.condition)})`;
      case 'Comparison':
        return `${this.value(c.left)} ${c.op} ${this.value(c.right)}`;
      case 'Between':
        return `${this.value(c.expr)} ${c.not ? this.k('NOT') + ' ' : ''}${this.k('BETWEEN')} ${this.value(c.low)} ${this.k('AND')} ${this.value(c.high)}`;
      case 'Like':
        return `${this.value(c.expr)} ${c.not ? this.k('NOT') + ' ' : ''}${this.k(c.caseInsensitive ? 'ILIKE' : 'LIKE')} ${this.value(c.pattern)}`;
      case 'InList':
        return `${this.value(c.expr)} ${c.not ? this.k('NOT') + ' ' : ''}${this.k('IN')} (${c.values.map((v) => this.value(v)).join(', ')})`;
      case 'InSubquery':
        return `${this.value(c.expr)} ${c.not ? this.k('NOT') + ' ' : ''}${this.k('IN')} (${this.queryInline(c.query)})`;
      case 'Exists':
        return `${this.k('EXISTS')} (${this.queryInline(c.query)})`;
      case 'IsNull':
        return `${this.value(c.expr)} ${this.k('IS')} ${c.not ? this.k('NOT') + ' ' : ''}${this.k('NULL')}`;
    }
  }

  // --------------------------------------------------------------------------------- values

  /** A value. Operator trees are printed with an explicit stack: chains of any length are safe. */
  private value(v: A.ValueExpression): string {
    if (v.kind !== 'Binary') return this.term(v);
    const out: string[] = [];
    const work: Array<string | A.ValueExpression> = [v];
    while (work.length > 0) {
      const item = work.pop()!;
      if (typeof item === 'string') out.push(item);
      else if (item.kind !== 'Binary') out.push(this.term(item));
      else {
        const prec = VALUE_PRECEDENCE[item.op]!;
        const side = (x: A.ValueExpression, right: boolean) => {
          const p = x.kind === 'Binary' ? VALUE_PRECEDENCE[x.op]! : Infinity;
          // pushed in reverse: the stack pops them in reading order
          if (right ? p <= prec : p < prec) work.push(')', x, '(');
          else work.push(x);
        };
        side(item.right, true);
        work.push(` ${item.op} `);
        side(item.left, false);
      }
    }
    return out.join('');
  }

  private term(v: Exclude<A.ValueExpression, A.Binary>): string {
    switch (v.kind) {
      case 'NumericLiteral':
        return v.text !== undefined && v.text !== '' ? v.text : String(v.value);
      case 'StringLiteral':
        return `'${v.value.replace(/'/g, "''")}'`;
      case 'Null':
        return this.k('NULL');
      case 'ColumnRef':
        return v.table ? `${this.tableName(v.table, true)}.${this.identifier(v.column)}` : this.identifier(v.column);
      case 'Unary': {
        const operand = this.value(v.operand);
        const wrapped = v.operand.kind === 'Binary' ? `(${operand})` : operand;
        // "- -x" must not become the comment "--x".
        return /^[-+]/.test(wrapped) ? `${v.op} ${wrapped}` : `${v.op}${wrapped}`;
      }
      case 'Paren':
        return `(${this.any(v.expr)})`;
      case 'Aggregate': {
        const arg = v.arg.kind === 'Star' ? '*' : this.value(v.arg);
        return `${this.k(v.name)}(${v.quantifier ? this.k(v.quantifier) + ' ' : ''}${arg})`;
      }
      case 'FunctionCall':
        return `${this.k(v.name)}(${v.args.map((a) => this.value(a)).join(', ')})`;
      case 'GeometryCall': {
        const args = v.coordSys ? [v.coordSys, ...v.args] : v.args;
        return `${this.k(v.name)}(${args.map((a) => this.value(a)).join(', ')})`;
      }
      case 'UserFunctionCall':
        return `${this.identifier(v.name)}(${v.args.map((a) => this.value(a)).join(', ')})`;
      case 'Cast': {
        const t = v.type;
        const type = this.k(t.name) + (t.length !== undefined ? `(${t.length})` : '');
        return `${this.k('CAST')}(${this.value(v.expr)} ${this.k('AS')} ${type})`;
      }
    }
  }

  /** Any node, for printing fragments (a condition, a value, a table reference...). */
  private any(node: A.AdqlNode): string {
    switch (node.kind) {
      case 'Select':
      case 'SetOperation':
        return this.queryInline(node);
      case 'Comparison':
      case 'Between':
      case 'Like':
      case 'InList':
      case 'InSubquery':
      case 'Exists':
      case 'IsNull':
      case 'Not':
      case 'Logical':
      case 'ParenCondition':
        return this.condition(node);
      case 'NumericLiteral':
      case 'StringLiteral':
      case 'Null':
      case 'ColumnRef':
      case 'Unary':
      case 'Binary':
      case 'Paren':
      case 'Aggregate':
      case 'FunctionCall':
      case 'GeometryCall':
      case 'UserFunctionCall':
      case 'Cast':
        return this.value(node);
      case 'TableRef':
      case 'DerivedTable':
      case 'Join':
        return this.tableReference(node);
      case 'AllColumns':
      case 'SelectColumn':
        return this.selectItem(node);
      case 'OrderItem':
        return this.orderItem(node);
      case 'Identifier':
        return this.identifier(node);
      case 'TableName':
        return this.tableName(node);
      case 'Star':
        return '*';
      case 'CastType':
        return this.k(node.name) + (node.length !== undefined ? `(${node.length})` : '');
      case 'Comment':
        return node.text;
      case 'JoinOn':
      case 'JoinUsing':
        return this.joinCondition(node);
      case 'CommonTableExpression':
        return `${this.identifier(node.name)} ${this.k('AS')} (${this.queryInline(node.query)})`;
    }
  }
}

/** Appends in place (a spread of a long array would overflow the call stack). */
function append<T>(to: T[], more: readonly T[]): void {
  for (const item of more) to.push(item);
}

/** Where a line's content starts and ends in the source (from its first and last node). */
function anchorOf(first: A.AdqlNode, last: A.AdqlNode | undefined = first): { anchor?: number; endLine?: number } {
  const a = first.range?.start.offset;
  const e = last?.range?.end.line;
  return { ...(a !== undefined ? { anchor: a } : {}), ...(e !== undefined ? { endLine: e } : {}) };
}

function start(node: A.AdqlNode | undefined): number | undefined {
  return node?.range?.start.offset;
}

function end(node: A.AdqlNode | undefined): number | undefined {
  return node?.range?.end.offset;
}
