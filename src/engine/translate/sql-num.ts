/**
 * Symbolic scalars for generating SQL: a value is either a JavaScript number (a constant, folded at
 * translation time) or a SQL expression string. Geometry is written once against these helpers and
 * yields compact SQL when the shapes are constant (the usual cone or polygon query) and correct SQL
 * when they come from columns (crossmatches).
 */
export type Num = number | string;

const isConst = (a: Num): a is number => typeof a === 'number';

/** SQL text for a scalar; constants are printed with full precision. */
export function sql(a: Num): string {
  if (!isConst(a)) return a;
  if (!Number.isFinite(a)) throw new Error(`non-finite constant ${a} in geometry`);
  const text = String(a);
  return a < 0 || Object.is(a, -0) ? `(${text})` : text;
}

const wrap = (a: Num): string => (isConst(a) ? sql(a) : `(${a})`);

export function add(a: Num, b: Num): Num {
  if (isConst(a) && isConst(b)) return a + b;
  if (a === 0) return b;
  if (b === 0) return a;
  return `${wrap(a)} + ${wrap(b)}`;
}

export function sub(a: Num, b: Num): Num {
  if (isConst(a) && isConst(b)) return a - b;
  if (b === 0) return a;
  return `${wrap(a)} - ${wrap(b)}`;
}

export function mul(a: Num, b: Num): Num {
  if (isConst(a) && isConst(b)) return a * b;
  if (a === 0 || b === 0) return 0;
  if (a === 1) return b;
  if (b === 1) return a;
  return `${wrap(a)} * ${wrap(b)}`;
}

export function div(a: Num, b: Num): Num {
  if (isConst(a) && isConst(b)) return a / b;
  if (b === 1) return a;
  return `${wrap(a)} / ${wrap(b)}`;
}

export const neg = (a: Num): Num => (isConst(a) ? -a : `-${wrap(a)}`);

function fn(name: string, f: (x: number) => number) {
  return (a: Num): Num => (isConst(a) ? f(a) : `${name}(${a})`);
}

export const sin = fn('sin', Math.sin);
export const cos = fn('cos', Math.cos);
export const asin = fn('asin', Math.asin);
export const sqrt = fn('sqrt', Math.sqrt);
export const radians = fn('radians', (x) => (x * Math.PI) / 180);
export const degrees = fn('degrees', (x) => (x * 180) / Math.PI);
export const abs = fn('abs', Math.abs);

export function atan2(y: Num, x: Num): Num {
  return isConst(y) && isConst(x) ? Math.atan2(y, x) : `atan2(${sql(y)}, ${sql(x)})`;
}

export function least(a: Num, b: Num): Num {
  return isConst(a) && isConst(b) ? Math.min(a, b) : `least(${sql(a)}, ${sql(b)})`;
}

export function sum(terms: Num[]): Num {
  return terms.reduce<Num>((acc, t) => add(acc, t), 0);
}

/** A boolean SQL condition, or a constant truth value folded at translation time. */
export type Cond = boolean | string;

export function cmp(a: Num, op: '<' | '<=' | '>' | '>=' | '=', b: Num): Cond {
  if (isConst(a) && isConst(b)) {
    switch (op) {
      case '<':
        return a < b;
      case '<=':
        return a <= b;
      case '>':
        return a > b;
      case '>=':
        return a >= b;
      case '=':
        return a === b;
    }
  }
  return `${wrap(a)} ${op} ${wrap(b)}`;
}

export function and(conds: Cond[]): Cond {
  const rest: string[] = [];
  for (const c of conds) {
    if (c === false) return false;
    if (c !== true) rest.push(c);
  }
  if (rest.length === 0) return true;
  return rest.length === 1 ? rest[0]! : rest.map((c) => `(${c})`).join(' AND ');
}

export function or(conds: Cond[]): Cond {
  const rest: string[] = [];
  for (const c of conds) {
    if (c === true) return true;
    if (c !== false) rest.push(c);
  }
  if (rest.length === 0) return false;
  return rest.length === 1 ? rest[0]! : rest.map((c) => `(${c})`).join(' OR ');
}

export const not = (c: Cond): Cond => (typeof c === 'boolean' ? !c : `NOT (${c})`);

export const condSql = (c: Cond): string => (c === true ? 'TRUE' : c === false ? 'FALSE' : c);

export const isConstant = isConst;
