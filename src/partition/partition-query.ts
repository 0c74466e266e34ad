/** The tutorial's whole workflow as one call: plan, run (resumable), merge. */
import type { TapService } from '../tap/index.js';
import { mergePartition, mergePartitionToFile, type MergedResult, type MergeFormat } from './merge.js';
import { planPartition, type PartitionPlan, type PlanOptions } from './plan.js';
import { runPartition, type RunOptions, type RunSummary } from './runner.js';

export interface PartitionQueryOptions extends PlanOptions, Omit<RunOptions, 'signal'> {
  /** Called with the plan before any chunk runs (e.g. to print describePlan(plan)). */
  onPlan?: (plan: PartitionPlan) => void;
  /** Stream the merged result to this file instead of returning it in memory. */
  out?: { file: string; format: MergeFormat };
}

export interface PartitionQueryResult {
  plan: PartitionPlan;
  summary: RunSummary;
  /** The merged result (when no `out` file was asked for). */
  result: MergedResult | undefined;
  /** The merged file (when `out` was given). */
  file: { path: string; rows: number } | undefined;
}

export async function partitionQuery(service: TapService, adql: string, options: PartitionQueryOptions): Promise<PartitionQueryResult> {
  const plan = await planPartition(service, adql, options);
  options.onPlan?.(plan);
  const summary = await runPartition(service, plan, options);
  if (options.out !== undefined) {
    return { plan, summary, result: undefined, file: await mergePartitionToFile(options.dir, options.out.file, options.out.format) };
  }
  return { plan, summary, result: await mergePartition(options.dir), file: undefined };
}
