/** Signature help: the innermost unclosed call at the cursor and which argument is being typed. */
import type { SignatureHelp, SignatureInformation } from 'vscode-languageserver';
import { BUILTIN_BY_NAME } from './builtins.js';
import type { EditorSchema } from '../tooling/index.js';
import type { QueryModel } from './model.js';
import { tokenBefore } from './tokens.js';

export function signatureAt(model: QueryModel, offset: number, schema: EditorSchema | undefined): SignatureHelp | undefined {
  const { tokens } = model;
  let depth = 0;
  let commas = 0;
  for (let i = tokenBefore(tokens, offset); i >= 0; i--) {
    const t = tokens[i]!;
    if (t.text === ')') depth++;
    else if (t.text === ',' && depth === 0) commas++;
    else if (t.text === '(') {
      if (depth > 0) {
        depth--;
        continue;
      }
      const name = tokens[i - 1];
      if (name?.type !== 'word') return undefined;
      let info: SignatureInformation | undefined;
      const builtin = BUILTIN_BY_NAME.get(name.upper);
      if (builtin) {
        info = {
          label: `${builtin.name}(${builtin.params.join(', ')}) → ${builtin.returns}`,
          documentation: builtin.doc,
          parameters: builtin.params.map((p) => ({ label: p })),
        };
      } else {
        const udf = schema?.udfs().find((u) => u.name.toLowerCase() === name.text.toLowerCase());
        if (udf) {
          info = {
            label: `${udf.name}(${udf.params.map((p) => `${p.name} ${p.type}`).join(', ')}) → ${udf.returns}`,
            parameters: udf.params.map((p) => ({ label: `${p.name} ${p.type}` })),
            ...(udf.description ? { documentation: udf.description } : {}),
          };
        }
      }
      if (info === undefined) return undefined;
      const params = info.parameters?.length ?? 0;
      // Variadic signatures (`...`) keep the last parameter active.
      const active = params === 0 ? 0 : Math.min(commas, params - 1);
      return { signatures: [info], activeSignature: 0, activeParameter: active };
    }
  }
  return undefined;
}
