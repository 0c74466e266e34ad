/**
 * The one import rule between capability folders of src/ (ESLint rule for the repository's own code).
 *
 * - A folder imports only folders of a lower layer (the table below, lowest first): the arrows run
 *   downwards, so no cycle between folders can form.
 * - It imports another folder only through that folder's index.ts (`../tap/index.js`), so each
 *   folder's public surface is its index.
 * src/index.ts (the package's public surface) may import any folder's index.
 */
import path from 'node:path';

/** Capability folders of src/, by layer, lowest first. Folders in one row do not import each other. */
export const LAYERS = [
  ['config', 'adql'],
  ['votable'],
  ['columnar'],
  ['dal'],
  ['plot'],
  ['tap'],
  ['schema'],
  ['validate'],
  ['builder'],
  ['scs'],
  ['registry'],
  ['hats'],
  ['engine', 'codegen', 'partition'],
  ['tooling'],
  ['mcp'],
  ['lsp', 'eslint'],
  ['ui'],
  ['cli'],
];

const RANK = new Map(LAYERS.flatMap((row, rank) => row.map((folder) => [folder, rank])));

/** The capability folder of a file under src/, '' for src/index.ts, undefined outside src/. */
function folderOf(file, srcRoot) {
  const rel = path.relative(srcRoot, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const parts = rel.split(path.sep);
  return parts.length === 1 ? '' : parts[0];
}

export const importLayers = {
  meta: {
    type: 'problem',
    docs: { description: 'Capability folders import lower layers only, through their index.ts' },
    schema: [],
    messages: {
      upward: "'{{from}}' may not import '{{to}}': {{to}} is not in a lower layer (scripts/lint/import-layers.js lists the layers)",
      unknown: "'{{folder}}' is not a known capability folder: add it to LAYERS in scripts/lint/import-layers.js",
      bypass: "import '{{to}}' through its index: '{{expected}}'",
    },
  },
  create(context) {
    const file = context.filename;
    const srcRoot = path.join(context.cwd, 'src');
    const from = folderOf(file, srcRoot);
    if (from === undefined) return {};
    const check = (node, source) => {
      const spec = source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), spec);
      const to = folderOf(target, srcRoot);
      if (to === undefined || to === '' || to === from) return;
      if (!RANK.has(to)) return context.report({ node, messageId: 'unknown', data: { folder: to } });
      if (from !== '' && !RANK.has(from)) return context.report({ node, messageId: 'unknown', data: { folder: from } });
      if (from !== '' && RANK.get(to) >= RANK.get(from)) return context.report({ node, messageId: 'upward', data: { from, to } });
      const index = path.join(srcRoot, to, 'index.js');
      if (target !== index) {
        const expected = path.relative(path.dirname(file), index).split(path.sep).join('/');
        context.report({ node, messageId: 'bypass', data: { to, expected } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};
