/** How tools answer: structured content (checked against the tool's output schema) plus text for the model. */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { TapError, TapServiceError } from '../tap/index.js';
import { McpToolError } from './errors.js';

export function toolResult(structured: Record<string, unknown>, text?: string): CallToolResult {
  return { content: [{ type: 'text', text: text ?? JSON.stringify(structured, null, 2) }], structuredContent: structured };
}

/** A refusal the model should read and act on (an invalid query, a failed job), with its details. */
export function toolRefusal(text: string, structured?: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true, ...(structured ? { structuredContent: structured } : {}) };
}

/**
 * A service call's failure as an McpToolError naming the service and what to try. Credentials never
 * appear: the TAP client redacts URLs and masks secrets in its messages.
 */
export function serviceError(service: string, what: string, err: unknown): unknown {
  if (err instanceof McpToolError) return err;
  if (err instanceof TapServiceError && (err.status === 401 || err.status === 403)) {
    return new McpToolError(
      `${what} on ${service}: ${err.message}; the service wants credentials, which come only from .adqlrc.json ("tokenEnv" of the service entry) where the server was started`,
    );
  }
  if (err instanceof TapError) return new McpToolError(`${what} on ${service}: ${err.message}`);
  return err;
}

/** Runs a service call; a failure becomes an McpToolError (see serviceError). */
export async function serviceCall<T>(service: string, what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw serviceError(service, what, err);
  }
}
