/**
 * Runs the compiler over the builder's type tests (types.typecheck.ts): the file must compile
 * without diagnostics, and, to prove the checks bite, a copy with every `@ts-expect-error`
 * removed and one expected row type altered must fail exactly at those places.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const typeTests = path.join(here, 'types.typecheck.ts');

function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(path.join(repo, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, repo);
  return { ...parsed.options, noEmit: true, incremental: false };
}

function diagnostics(text: string | undefined, oldProgram?: ts.Program) {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  if (text !== undefined) {
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (file, lang, onError, create) =>
      path.resolve(file) === typeTests ? ts.createSourceFile(file, text, lang) : read(file, lang, onError, create);
  }
  const program = ts.createProgram({ rootNames: [typeTests], options, host, ...(oldProgram ? { oldProgram } : {}) });
  const sf = program.getSourceFile(typeTests)!;
  const diags = [...program.getSemanticDiagnostics(sf), ...program.getSyntacticDiagnostics(sf)].map((d) => ({
    line: d.start === undefined ? -1 : sf.getLineAndCharacterOfPosition(d.start).line + 1,
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
  return { diags, program };
}

describe('builder type tests', { timeout: 120_000 }, () => {
  let first: ts.Program | undefined;

  test('types.typecheck.ts compiles without diagnostics', () => {
    const { diags, program } = diagnostics(undefined);
    first = program;
    expect(diags).toEqual([]);
  });

  test('they fail when broken: each @ts-expect-error line and an altered row type are errors', () => {
    const original = ts.sys.readFile(typeTests)!;
    const lines = original.split('\n');
    const expectedErrorLines: number[] = [];
    const mutated: string[] = [];
    for (const line of lines) {
      if (line.trim().startsWith('// @ts-expect-error')) {
        mutated.push('// (directive removed)');
        expectedErrorLines.push(mutated.length + 1);
      } else mutated.push(line);
    }
    // Alter one expected result type (LEFT JOIN nullability) and one operand type.
    const rowLine = mutated.findIndex((l) => l.includes('toEqualTypeOf<{ id: number; zcat_id: number | null }>'));
    expect(rowLine).toBeGreaterThan(0);
    mutated[rowLine] = mutated[rowLine]!.replace('zcat_id: number | null', 'zcat_id: number');
    expectedErrorLines.push(rowLine + 1);
    expect(expectedErrorLines.length).toBeGreaterThanOrEqual(25);

    const { diags } = diagnostics(mutated.join('\n'), first);
    const errorLines = new Set(diags.map((d) => d.line));
    const missing = expectedErrorLines.filter((l) => !errorLines.has(l));
    expect(missing, `lines that should fail to compile but do not:\n${missing.map((l) => `${l}: ${mutated[l - 1]}`).join('\n')}`).toEqual(
      [],
    );
    const unexpected = diags.filter((d) => !expectedErrorLines.includes(d.line));
    expect(unexpected).toEqual([]);
  });
});
