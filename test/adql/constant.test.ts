import { describe, expect, it } from 'vitest';
import { constantValue, parse, type ValueExpression } from '../../src/adql/index.js';

/** The first select item of `SELECT <expr> FROM t`. */
function expr(text: string): ValueExpression {
  const { ast, errors } = parse(`SELECT ${text} FROM t`);
  if (errors.length > 0 || ast?.kind !== 'Select') throw new Error(`test expression does not parse: ${text}`);
  const item = ast.columns[0]!;
  if (item.kind !== 'SelectColumn') throw new Error(`not a value: ${text}`);
  return item.expr;
}

describe('constantValue: constant arithmetic as services evaluate it', () => {
  it.each([
    ['3/2', 1, true],
    ['-7/2', -3, true],
    ['3 - 3/2', 2, true],
    ['2*3/4', 1, true],
    ['7.0/2', 3.5, false],
    ['1e1/4', 2.5, false],
    ['1./3600', 1 / 3600, false],
    ['(2 + 3) * -(4)', -20, true],
  ])('%s = %d', (text, value, integral) => {
    expect(constantValue(expr(text))).toEqual({ value, integral });
  });

  it('is undefined for columns, functions, strings, division by zero', () => {
    for (const text of ['ra / 2', 'PI()', "'a' || 'b'", '1/0', '1.5/(2-2)']) expect(constantValue(expr(text)), text).toBeUndefined();
  });

  it('takes a generated chain of 100,000 terms without deep recursion', () => {
    const text = Array.from({ length: 100_000 }, () => '1').join(' + ');
    expect(constantValue(expr(text))).toEqual({ value: 100_000, integral: true });
  });
});
