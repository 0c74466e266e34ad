/** The MCP server's parts in process: the working-directory guard, the budget, and the corrected query. */
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Budget } from '../../src/mcp/budget.js';
import { BudgetExceededError, WorkdirError } from '../../src/mcp/errors.js';
import { validateQuery } from '../../src/mcp/validation.js';
import { Workdir } from '../../src/mcp/workdir.js';
import { ServiceSchema, parseSchemaFile } from '../../src/schema/index.js';
import { ZCAT_SCHEMA } from '../cli/fixtures.js';

describe('Workdir', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'adql-mcp-workdir-'));
  const outside = mkdtempSync(path.join(tmpdir(), 'adql-mcp-outside-'));
  writeFileSync(path.join(outside, 'secret.vot'), '<VOTABLE/>');
  symlinkSync(outside, path.join(root, 'link'));
  const workdir = new Workdir(root);

  it('resolves paths inside, creating folders for new files', () => {
    const file = workdir.newFile('a/b/result.vot', 'saveAs');
    expect(file).toBe(path.join(workdir.root, 'a/b/result.vot'));
    expect(workdir.relative(file)).toBe('a/b/result.vot');
  });

  it('refuses .., absolute paths and symbolic links that lead outside', () => {
    expect(() => workdir.resolve('../x.vot', 'saveAs')).toThrow(WorkdirError);
    expect(() => workdir.resolve('/etc/passwd', 'upload t')).toThrow(/upload t "\/etc\/passwd" is outside the working directory/);
    expect(() => workdir.existingFile('link/secret.vot', 'upload t')).toThrow(/is outside the working directory/);
    expect(() => workdir.newFile('link/new/result.vot', 'saveAs')).toThrow(WorkdirError);
    expect(() => workdir.existingFile('missing.vot', 'upload t')).toThrow(/upload t "missing.vot" does not exist in the working directory/);
  });

  it('refuses a working directory that does not exist', () => {
    expect(() => new Workdir(path.join(root, 'nope'))).toThrow(/working directory .* does not exist/);
  });
});

describe('Budget', () => {
  it('caps MAXREC by the call limit and what the session has left, and counts requests', () => {
    const budget = new Budget({ rowsPerCall: 100, sessionRows: 150, sessionRequests: 2 });
    expect(budget.maxrecFor(undefined)).toBe(100);
    expect(budget.maxrecFor(20)).toBe(20);
    budget.chargeRows(120);
    expect(budget.maxrecFor(undefined)).toBe(30);
    budget.chargeRows(30);
    expect(() => budget.maxrecFor(1)).toThrow(BudgetExceededError);
    budget.chargeRequest('a');
    budget.chargeRequest('b');
    expect(() => budget.chargeRequest('run_adql')).toThrow(/run_adql: the session's request budget \(2 calls to services\) is spent/);
    expect(budget.state()).toMatchObject({ rowsUsed: 150, requestsUsed: 2 });
  });
});

describe('validateQuery', () => {
  const schema = new ServiceSchema(parseSchemaFile(JSON.stringify(ZCAT_SCHEMA), 'zcat.json'));
  const req = { schema, schemaProblem: undefined };

  it('applies one fix per problem when that leaves no error', () => {
    const v = validateQuery('SELECT TOP 5 rra, decc FROM zcat.main WHERE zz > 0.1', req);
    expect(v.errors).toBe(3);
    expect(v.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['unknown-column', 1, 14],
      ['unknown-column', 1, 19],
      ['unknown-column', 1, 45],
    ]);
    expect(v.correctedQuery).toBe('SELECT TOP 5 ra, dec FROM zcat.main WHERE z > 0.1');
    expect(validateQuery(v.correctedQuery!, req)).toMatchObject({ valid: true, diagnostics: [] });
  });

  it('says why there is no corrected query', () => {
    const unfixable = validateQuery('SELECT TOP 5 ra FROM zcat.main WHERE', req);
    expect(unfixable.correctedQuery).toBeUndefined();
    expect(unfixable.correctionNote).toMatch(/no machine-applicable fix \(first: syntax-error\)/);
  });

  it('without a schema checks syntax only and says so', () => {
    const v = validateQuery('SELECT TOP 5 anything FROM anywhere', { schema: undefined, schemaProblem: 'the service did not answer' });
    expect(v).toMatchObject({ valid: true, schemaChecked: false, schemaProblem: 'names were not checked: the service did not answer' });
  });

  it('checks columns of an uploaded table against the columns declared for it', () => {
    const uploads = { mine: [{ name: 'gid', datatype: 'int' }] };
    expect(validateQuery('SELECT m.gid FROM TAP_UPLOAD.mine AS m', { ...req, uploads }).valid).toBe(true);
    const typo = validateQuery('SELECT m.gidd FROM TAP_UPLOAD.mine AS m', { ...req, uploads });
    expect(typo.correctedQuery).toBe('SELECT m.gid FROM TAP_UPLOAD.mine AS m');
  });
});
