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
  maxrec: z.number().describe('The row cap (MAXREC) this call used'),
  file: z.string().describe('Absolute path of the saved full result'),
  resourceUri: z.string(),
  format: z.enum(['votable', 'csv']),
  warnings: z.array(z.string()),
});

export const runOutputSchema = {
  status: z.enum(['completed', 'running']).describe('"running": an async job still runs; use job_status / fetch_job with jobId'),
  service: z.string(),
  message: z.string(),
  jobId: z.string().optional(),
  phase: z.string().optional(),
  validationWarnings: z.array(z.string()).optional(),
  result: resultSchema.optional(),
};

export const fileArgs = {
  format: z.enum(RESULT_FORMATS).default('votable').describe('Format of the saved full result: votable or csv (parquet is not available yet)'),
  saveAs: z.string().min(1).optional().describe('File name for the full result, relative to the working directory (default: adql-results/result-<time>.vot)'),
  previewRows: z.number().int().min(0).max(200).default(10).describe('How many rows to show in the answer'),
};

export const waitArg = z
  .number()
  .int()
  .min(0)
  .max(600)
  .default(30)
  .describe('How long to wait for the job to finish before answering "running" (seconds)');
