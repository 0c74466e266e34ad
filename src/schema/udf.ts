/**
 * TAPRegExt UDF signatures (TAPRegExt 1.0 §2.3: `form` is "the signature of the function in ADQL
 * syntax", in practice `name(arg TYPE, ...) -> TYPE`).
 *
 * Leniency: DaCHS 2.7 publishes `gavo_specconv(expr NUMERIC, expr_unit TEXT dest_unit TEXT)`
 * (a comma missing), so parameters are read as (name, type) pairs whether or not commas separate them.
 */
import type { UdfSignature } from './model.js';

const MULTI_WORD_TYPES: Record<string, string[]> = {
  DOUBLE: ['PRECISION'],
  CHARACTER: ['VARYING'],
};

/** Parses one signature; undefined when it is not of the form `name(...) -> TYPE`. */
export function parseUdfSignature(form: string, description?: string): UdfSignature | undefined {
  const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(([^)]*(?:\([^)]*\)[^)]*)*)\)\s*(?:->|returns)\s*(.+?)\s*$/is.exec(form);
  if (m === null) return undefined;
  const [, name, paramText, returns] = m as unknown as [string, string, string, string];
  const tokens = tokenize(paramText);
  const params: { name: string; type: string }[] = [];
  let i = 0;
  while (i < tokens.length) {
    const pname = tokens[i++]!;
    if (pname === ',') continue;
    const typeWords: string[] = [];
    const first = tokens[i];
    if (first === undefined || first === ',') {
      // a bare type with no parameter name, e.g. "f(DOUBLE) -> DOUBLE"
      params.push({ name: `arg${params.length + 1}`, type: pname.toUpperCase() });
      continue;
    }
    typeWords.push(first.toUpperCase());
    i++;
    const follow = MULTI_WORD_TYPES[first.toUpperCase()];
    if (follow !== undefined && tokens[i]?.toUpperCase() === follow[0]) {
      typeWords.push(follow[0]!);
      i++;
    }
    while (tokens[i] !== undefined && /^(\(|\[)/.test(tokens[i]!)) typeWords.push(tokens[i++]!);
    params.push({ name: pname, type: typeWords.join(' ').replace(/ (\(|\[)/g, '$1') });
  }
  const sig: UdfSignature = { name, params, returns: returns.toUpperCase().replace(/\s+/g, ' '), form: form.trim() };
  if (description !== undefined) sig.description = description.trim();
  return sig;
}

function tokenize(text: string): string[] {
  const out: string[] = [];
  const re = /\s*(,|\([^)]*\)|\[[^\]]*\]|[^\s,(\[]+)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[1] === undefined || m[1] === '') break;
    out.push(m[1]);
  }
  return out;
}
