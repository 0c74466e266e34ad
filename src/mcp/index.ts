/** `adql mcp`: adqlkit's tools for AI agents over the Model Context Protocol. */
export { serveMcp, createMcpServer, type McpServerInfo } from './server.js';
export { McpSession, type SessionOptions } from './session.js';
export { DEFAULT_BUDGET, type BudgetLimits } from './budget.js';
export { LOCAL_SERVICE, type ServiceSetup } from './services.js';
export { McpToolError, BudgetExceededError, WorkdirError, UnknownServiceError, UnknownJobError } from './errors.js';
