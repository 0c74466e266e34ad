/**
 * Errors a tool answers with. The MCP server turns a thrown error into a tool result marked as an
 * error whose text is the message, so each message says what went wrong, where, and what to do.
 */
export class McpToolError extends Error {
  override readonly name: string = 'McpToolError';
}

/** A row or request budget of the session (or the call) is spent. */
export class BudgetExceededError extends McpToolError {
  override readonly name = 'BudgetExceededError';
}

/** A path outside the working directory, or one that cannot be used there. */
export class WorkdirError extends McpToolError {
  override readonly name = 'WorkdirError';
}

/** A service name the session does not know, or a service that cannot be reached. */
export class UnknownServiceError extends McpToolError {
  override readonly name = 'UnknownServiceError';
}

/** A job id this session did not create (or has already fetched or cancelled). */
export class UnknownJobError extends McpToolError {
  override readonly name = 'UnknownJobError';
}
