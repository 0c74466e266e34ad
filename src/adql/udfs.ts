/**
 * Declared user-defined functions (parse option `udfs`). Without the option any
 * `regular_identifier(args)` is valid syntax (ADQL 2.1 section 4.3: a UDF is whatever the service
 * declares); with it, a call the declarations do not cover is an error, as a validator configured
 * with a service's TAPRegExt <languageFeatures> judges it.
 */
import type { QueryExpression, UserFunctionCall } from './ast.js';
import { AdqlUnknownFunctionError } from './errors.js';
import { walk } from './visitor.js';

/**
 * A declared UDF: its name (any number of arguments), a TAPRegExt signature
 * (`ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER`), or an object with a name and,
 * optionally, its parameters (a schema's `capabilities.udfs` entries fit).
 */
export type UdfDeclaration = string | { readonly name: string; readonly params?: readonly unknown[] };

interface Declared {
  name: string;
  /** Number of parameters; undefined when only the name was declared. */
  arity: number | undefined;
  form: string;
}

const SIGNATURE = /^\s*([A-Za-z][A-Za-z0-9_]*)\s*(?:\((.*)\))?/s;

function declared(d: UdfDeclaration): Declared | undefined {
  if (typeof d !== 'string') {
    return { name: d.name.toLowerCase(), arity: d.params?.length, form: d.params ? `${d.name}(${d.params.length} arguments)` : d.name };
  }
  const m = SIGNATURE.exec(d);
  if (m === null) return undefined;
  const params = m[2];
  const arity = params === undefined ? undefined : params.trim() === '' ? 0 : params.split(',').length;
  return { name: m[1]!.toLowerCase(), arity, form: d.trim() };
}

/** One error per call that no declaration covers (unknown name, or no signature with its arity). */
export function checkUdfs(ast: QueryExpression, udfs: readonly UdfDeclaration[]): AdqlUnknownFunctionError[] {
  const byName = new Map<string, Declared[]>();
  for (const d of udfs) {
    const decl = declared(d);
    if (decl !== undefined) byName.set(decl.name, [...(byName.get(decl.name) ?? []), decl]);
  }
  const errors: AdqlUnknownFunctionError[] = [];
  walk(ast, {
    UserFunctionCall(call: UserFunctionCall) {
      const problem = callProblem(call, byName.get(call.name.name.toLowerCase()));
      const range = call.name.range ?? call.range;
      if (problem !== undefined && range !== undefined) errors.push(new AdqlUnknownFunctionError(problem, range));
    },
  });
  return errors;
}

function callProblem(call: UserFunctionCall, candidates: Declared[] | undefined): string | undefined {
  const name = call.name.name;
  if (candidates === undefined) {
    return `unknown function ${name}: it is neither an ADQL function nor a declared user-defined function (UDF)`;
  }
  const n = call.args.length;
  if (candidates.some((c) => c.arity === undefined || c.arity === n)) return undefined;
  const arities = [...new Set(candidates.map((c) => c.arity!))].sort((a, b) => a - b);
  return `${name} takes ${arities.join(' or ')} argument${arities.length === 1 && arities[0] === 1 ? '' : 's'}, found ${n} (${candidates.map((c) => c.form).join('; ')})`;
}
