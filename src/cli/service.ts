/** Opening the TAP service a command names (--service URL|ALIAS, else .adqlrc.json's default). */
import { TapService } from '../tap/index.js';
import type { CliContext } from './command.js';
import { resolveService, type ResolvedService } from '../config/index.js';
import { UsageError } from './errors.js';
import { packageVersion } from './version.js';

export const SERVICE_OPTION = {
  service: {
    type: 'string' as const,
    short: 's',
    valueName: 'URL|ALIAS',
    description: 'TAP service (default: "service" in .adqlrc.json or $ADQLKIT_SERVICE)',
  },
};

export function requireService(ctx: CliContext, value: string | undefined, command: string): ResolvedService {
  const resolved = resolveService(ctx.config(), value, ctx.env);
  if (resolved === undefined) {
    throw new UsageError(
      'no TAP service given',
      `pass --service URL (or an alias), or set "service" in .adqlrc.json (see "adql ${command} --help")`,
    );
  }
  if (resolved.missingTokenEnv !== undefined) {
    ctx.stderr.write(
      `${ctx.errStyle.yellow('warning:')} $${resolved.missingTokenEnv} is not set: requests to ${resolved.alias ?? resolved.url} go without a token ` +
        `(if the service needs one it answers 401/403; export ${resolved.missingTokenEnv}=...)\n`,
    );
  }
  return resolved;
}

export function openService(resolved: ResolvedService): TapService {
  return new TapService(resolved.url, {
    ...(resolved.token ? { token: resolved.token } : {}),
    ...(resolved.headers ? { headers: resolved.headers } : {}),
    userAgent: `adqlkit-cli/${packageVersion()}`,
  });
}
