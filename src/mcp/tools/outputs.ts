/** Output schemas shared by run_adql and fetch_job. */
import { z } from 'zod';
import { RESULT_FORMATS } from '../results.js';

export const resultSchema = z.object({
  columns: z.array(
    z.object({
      name: z.string(),
      datatype: z.string(),
      arraysize: z.string().optional(),
      unit: z.string().optional(),
      ucd: z.string().optional(),
      description: z.string().optional(),
    }),
  ),
  rowCount: z.number().describe('Rows returned and saved'),
  complete: z.boolean().describe('True when every row the query selects was returned'),
  verdictCertain: z.boolean(),
  verdict: z.string().describe('The overflow verdict in plain words'),
  preview: z.string().describe('The first rows: a header line, then one line per row, cells separated by " | "'),
  previewRows: z.number(),
  maxrec: z.number().describe('The row cap of this call'),
  file: z.string().describe('Absolute path of the saved full result'),
  resourceUri: z.string(),
  format: z.enum(RESULT_FORMATS),
  warnings: z.array(z.string()),
});

const diagnosticSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  line: z.number().optional(),
  column: z.number().optional(),
  endLine: z.number().optional(),
  endColumn: z.number().optional(),
  fixes: z.array(
    z.object({
      title: z.string(),
      preferred: z.boolean(),
      edits: z.array(z.object({ line: z.number(), column: z.number(), endLine: z.number(), endColumn: z.number(), newText: z.string() })),
    }),
  ),
});

export const validationSchema = {
  valid: z.boolean(),
  errors: z.number(),
  warnings: z.number(),
  diagnostics: z.array(diagnosticSchema),
  correctedQuery: z.string().optional().describe('The query with one fix per problem applied; it validates without errors'),
  correctionNote: z.string().optional(),
  schemaChecked: z.boolean(),
  schemaProblem: z.string().optional(),
};

export const runOutputSchema = {
  status: z
    .enum(['completed', 'pending', 'refused'])
    .describe(
      '"pending": the async job had not finished when answering, use fetch_job with jobId; "refused": the query has errors and was not sent (see validation)',
    ),
  service: z.string(),
  message: z.string(),
  jobId: z.string().optional(),
  phase: z.string().optional(),
  validationWarnings: z.array(z.string()).optional(),
  result: resultSchema.optional(),
  validation: z.object(validationSchema).optional(),
};

export const fileArgs = {
  format: z
    .enum(RESULT_FORMATS)
    .default('votable')
    .describe(
      'Format of the saved full result: votable, csv or parquet (VOParquet: the VOTable metadata and QUERY_STATUS inside the Parquet file)',
    ),
  saveAs: z
    .string()
    .min(1)
    .optional()
    .describe('File name for the full result, relative to the working directory (default: adql-results/result-<time>.vot)'),
  previewRows: z.number().int().min(0).max(200).default(10).describe('How many rows to show in the answer'),
};

export const waitArg = z
  .number()
  .int()
  .min(0)
  .max(600)
  .default(30)
  .describe('How long to wait for the job to finish before answering "pending" with its jobId (seconds; 0: do not wait)');
