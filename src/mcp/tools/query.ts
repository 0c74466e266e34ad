/** validate_adql and run_adql: a query is checked before it reaches a shared service. */
import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { probeMaxrec, summariseResult, summaryText } from '../results.js';
import type { McpSession } from '../session.js';
import { serviceCall, toolRefusal, toolResult } from '../tool-result.js';
import { prepareUploads } from '../uploads.js';
import { validateQuery, type DiagnosticOut, type ValidationOut } from '../validation.js';
import { serviceArg } from './discovery.js';
import { finishJob } from './jobs.js';
import { fileArgs, runOutputSchema, validationSchema, waitArg } from './outputs.js';

const queryArg = z.string().min(1).describe('ADQL 2.1 text, e.g. "SELECT TOP 10 ra, dec FROM zcat.main WHERE z > 0.1"');

const uploadsArg = z
  .record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'an upload name is a regular ADQL identifier (letters, digits, _)'),
    z.string().min(1),
  )
  .optional()
  .describe('Tables to upload, queried as TAP_UPLOAD.<name>: name -> a VOTable file, relative to the working directory');

const where = (d: DiagnosticOut) => (d.line !== undefined ? `line ${d.line}, column ${d.column}` : 'the query');

function validationText(v: ValidationOut, refused: boolean): string {
  const lines = [
    refused ? `The query was NOT sent: ${v.errors} error(s).` : v.valid ? 'The query is valid.' : `The query has ${v.errors} error(s).`,
  ];
  for (const d of v.diagnostics) {
    const fix = d.fixes[0] ? ` Fix: ${d.fixes[0].title}.` : '';
    lines.push(`- ${d.severity} [${d.code}] at ${where(d)}: ${d.message}.${fix}`);
  }
  if (v.correctedQuery !== undefined) lines.push(`Corrected query (every fix applied, it validates):\n${v.correctedQuery}`);
  else if (v.correctionNote !== undefined) lines.push(`No corrected query: ${v.correctionNote}.`);
  if (v.schemaProblem !== undefined) lines.push(`Note: ${v.schemaProblem}.`);
  return lines.join('\n');
}

export function registerQueryTools(server: McpServer, session: McpSession): void {
  server.registerTool(
    'validate_adql',
    {
      title: 'Validate ADQL',
      description:
        "Check an ADQL query against a service's tables, columns, functions and capabilities without running it. " +
        'Returns each problem with its position (1-based line and column), a stable code, machine-applicable fixes, ' +
        'and correctedQuery when applying one fix per problem gives a valid query. Catches LIMIT (ADQL uses TOP), misspelled columns, wrong CIRCLE/POINT arguments and more.',
      inputSchema: {
        query: queryArg,
        service: serviceArg,
        uploads: uploadsArg,
      },
      outputSchema: { service: z.string(), ...validationSchema },
      annotations: { readOnlyHint: true },
    },
    async (args) => {
      const service = await session.services.get(args.service);
      const { schema, problem } = await session.services.schemaOf(service.name);
      const uploads = await prepareUploads(session.workdir, args.uploads);
      const v = validateQuery(args.query, { schema, schemaProblem: problem, uploads: uploads.columns });
      return toolResult({ service: service.name, ...v }, validationText(v, false));
    },
  );

  server.registerTool(
    'run_adql',
    {
      title: 'Run ADQL',
      description:
        'Validate an ADQL query, then run it on a TAP service (an invalid query is refused with the diagnostics and, when possible, a corrected query). ' +
        'mode "sync" runs it at once; "async" starts a job for long queries and waits up to waitSeconds (then use fetch_job). ' +
        'Returns the columns with units, the first rows, the row count, whether the result is complete or was truncated by the row cap (in plain words), ' +
        'and the path and resource URI of the full result saved in the working directory. Rows are capped per call and per session.',
      inputSchema: {
        query: queryArg,
        service: serviceArg,
        mode: z.enum(['sync', 'async']).default('sync').describe('"async" for queries that may take long (big tables, joins)'),
        maxRows: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe("The most rows to return (MAXREC); capped by the server's per-call and session budgets"),
        uploads: uploadsArg,
        waitSeconds: waitArg,
        ...fileArgs,
      },
      outputSchema: runOutputSchema,
      annotations: { readOnlyHint: false, openWorldHint: true },
    },
    async (args, extra) => {
      const format = args.format;
      const service = await session.services.get(args.service);
      const uploads = await prepareUploads(session.workdir, args.uploads);
      const { schema, problem } = await session.services.schemaOf(service.name);
      const validation = validateQuery(args.query, { schema, schemaProblem: problem, uploads: uploads.columns });
      if (!validation.valid) {
        return toolRefusal(validationText(validation, true), {
          status: 'refused',
          service: service.name,
          message: 'the query was not sent: it has errors',
          validation,
        });
      }
      const validationWarnings = validation.diagnostics
        .filter((d) => d.severity === 'warning')
        .map((d) => `[${d.code}] at ${where(d)}: ${d.message}`);
      session.budget.chargeRequest('run_adql');
      const maxrec = session.budget.maxrecFor(args.maxRows);
      const options = { maxrec: probeMaxrec(maxrec), uploads: uploads.sources, signal: extra.signal };
      if (args.mode === 'async') {
        const job = await serviceCall(service.name, 'creating the async job', () => service.tap.submit(args.query, options));
        session.addJob({ job, service, maxrec });
        await serviceCall(service.name, `starting job ${job.url}`, () => job.run());
        return finishJob(session, { job, service, maxrec }, { ...args, format, signal: extra.signal, validationWarnings });
      }
      const result = await serviceCall(service.name, 'running the query', () => service.tap.query(args.query, options));
      const summary = await summariseResult(result, {
        workdir: session.workdir,
        format,
        saveAs: args.saveAs,
        previewRows: args.previewRows,
        maxrec,
      });
      session.budget.chargeRows(summary.rowCount);
      return toolResult(
        {
          status: 'completed',
          service: service.name,
          message: summary.verdict,
          ...(validationWarnings.length > 0 ? { validationWarnings } : {}),
          result: summary,
        },
        [summaryText(summary), ...validationWarnings.map((w) => `Validation warning: ${w}`)].join('\n'),
      );
    },
  );
}
