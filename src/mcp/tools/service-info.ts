/** What a service offers: capabilities (with this session's budget and services) and service_examples. */
import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { TapLimit, TapLimits } from '../../tap/index.js';
import type { McpSession } from '../session.js';
import { serviceCall, toolResult } from '../tool-result.js';
import { RESULT_FORMATS } from '../results.js';
import { serviceArg } from './discovery.js';

const limitText = (l: TapLimit | undefined): string | undefined =>
  l === undefined ? undefined : `${l.value} ${l.unit === 'row' ? 'rows' : l.unit === 'byte' ? 'bytes' : l.unit || 's'}`;

function limitsOut(l: TapLimits) {
  const pair = (p: { default?: TapLimit; hard?: TapLimit }) => ({
    ...(limitText(p.default) ? { default: limitText(p.default)! } : {}),
    ...(limitText(p.hard) ? { hard: limitText(p.hard)! } : {}),
  });
  return {
    output: pair(l.outputLimit),
    executionDuration: pair(l.executionDuration),
    retention: pair(l.retentionPeriod),
    upload: pair(l.uploadLimit),
  };
}

const limitPair = z.object({ default: z.string().optional(), hard: z.string().optional() });
const limitsSchema = z.object({ output: limitPair, executionDuration: limitPair, retention: limitPair, upload: limitPair });

export function registerServiceInfoTools(server: McpServer, session: McpSession): void {
  server.registerTool(
    'capabilities',
    {
      title: 'Service capabilities and session limits',
      description:
        'What a TAP service supports (ADQL versions, optional features such as geometry functions, user-defined functions, output formats, upload methods, ' +
        "row and time limits), plus this server's services, working directory, and row/request budgets with what is left.",
      inputSchema: { service: serviceArg },
      outputSchema: {
        service: z.string(),
        url: z.string(),
        adqlVersions: z.array(z.string()),
        features: z.array(z.object({ type: z.string(), form: z.string() })),
        udfs: z.array(z.string()),
        outputFormats: z.array(z.string()),
        uploadMethods: z.array(z.string()),
        limits: z.object({ sync: limitsSchema, async: limitsSchema }),
        session: z.object({
          services: z.array(z.string()),
          defaultService: z.string(),
          registry: z.string().optional(),
          workdir: z.string(),
          resultFormats: z.array(z.string()),
          budget: z.object({
            rowsPerCall: z.number(),
            sessionRows: z.number(),
            sessionRequests: z.number(),
            rowsUsed: z.number(),
            requestsUsed: z.number(),
          }),
        }),
      },
      annotations: { readOnlyHint: true },
    },
    async (args) => {
      session.budget.chargeRequest('capabilities');
      const service = await session.services.get(args.service);
      const caps = await serviceCall(service.name, 'reading capabilities', () => service.tap.capabilities());
      return toolResult({
        service: service.name,
        url: service.url,
        adqlVersions: caps.adqlVersions,
        features: caps.features
          .filter((f) => !f.type.endsWith('#features-udf'))
          .map((f) => ({ type: f.type.replace(/^.*#features-/, ''), form: f.form })),
        udfs: caps.udfs.map((u) => u.form),
        outputFormats: caps.outputFormats.map((f) => f.mime),
        uploadMethods: caps.uploadMethodsFor(),
        limits: { sync: limitsOut(caps.limitsFor('sync')), async: limitsOut(caps.limitsFor('async')) },
        session: {
          services: session.services.names(),
          defaultService: session.services.defaultName,
          ...(session.registry !== undefined ? { registry: session.registry } : {}),
          workdir: session.workdir.root,
          resultFormats: [...RESULT_FORMATS],
          budget: session.budget.state(),
        },
      });
    },
  );

  server.registerTool(
    'service_examples',
    {
      title: 'Example queries',
      description:
        'The example ADQL queries a TAP service publishes (DALI examples): good starting points that use its tables and functions correctly.',
      inputSchema: {
        service: serviceArg,
        limit: z.number().int().min(1).max(500).default(50).describe('At most this many examples'),
      },
      outputSchema: {
        service: z.string(),
        total: z.number(),
        examples: z.array(z.object({ name: z.string(), query: z.string(), tables: z.array(z.string()) })),
      },
      annotations: { readOnlyHint: true },
    },
    async (args) => {
      session.budget.chargeRequest('service_examples');
      const service = await session.services.get(args.service);
      const examples = await serviceCall(service.name, 'reading examples', () => service.tap.examples());
      return toolResult({
        service: service.name,
        total: examples.length,
        examples: examples.slice(0, args.limit).map((e) => ({ name: e.name, query: e.query, tables: e.tables })),
      });
    },
  );
}
