/** adqlkit partition: large queries as partitioned, parallel, resumable runs that never truncate silently. */
export type { PartitionBy, Axis, Bound } from './bounds.js';
export { prepareQuery, chunkQuery, type PartitionableQuery, type OrderKey } from './rewrite.js';
export { planPartition, describePlan, DEFAULT_CONCURRENCY, type PlanOptions, type PartitionPlan, type PlannedChunk } from './plan.js';
export {
  runPartition,
  resumePartition,
  PartitionInterruptedError,
  type RunOptions,
  type RunSummary,
  type PartitionEvent,
} from './runner.js';
export { mergePartition, mergePartitionToFile, MergedResult, type MergeFormat } from './merge.js';
export { partitionQuery, type PartitionQueryOptions, type PartitionQueryResult } from './partition-query.js';
export { readManifest, type RunManifest, type ChunkRecord, type ChunkStatus } from './run-dir.js';
export { PartitionError, PartitionPlanError, PartitionRunError, PartitionRunDirError, PartitionMergeError } from './errors.js';
