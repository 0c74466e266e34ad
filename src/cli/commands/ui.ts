import type { CommandSpec } from '../command.js';
import { EXIT_OK, InputError } from '../errors.js';
import { intOption, stringOption } from '../io.js';
import { packageVersion } from '../version.js';
import { resolveService } from '../../config/index.js';
import { startWorkbench, WorkbenchError } from '../../ui/index.js';

export const uiCommand: CommandSpec = {
  name: 'ui',
  summary: 'open the browser workbench (editor with live validation, results grid, plots, jobs)',
  usage: ['ui [--service URL|ALIAS] [--registry URL|ALIAS] [--port N] [--open]'],
  description:
    "Serves the workbench on 127.0.0.1 and prints its URL (with this launch's key: open that URL).\n" +
    'Without --service it uses "service" from .adqlrc.json, else the embedded engine on the bundled sample\n' +
    'catalogue. TAP requests go through the workbench, which adds the credentials from .adqlrc.json\n' +
    '(the page never sees them) and forwards only to the chosen service. Ctrl-C stops it.',
  options: {
    service: {
      type: 'string',
      short: 's',
      valueName: 'URL|ALIAS',
      description: 'TAP service: a URL, an alias, or "embedded" (default: the configured one, else embedded)',
    },
    registry: {
      type: 'string',
      short: 'r',
      valueName: 'URL|ALIAS',
      description: "RegTAP endpoint for the page's service search (default: $ADQLKIT_REGISTRY)",
    },
    port: { type: 'string', short: 'p', valueName: 'N', description: 'port (default: a free one)' },
    open: { type: 'boolean', description: 'open the page in the default browser' },
  },
  examples: [
    ['adql ui', 'the embedded engine on the sample catalogue'],
    ['adql ui -s http://127.0.0.1:8080/tap --open', 'a TAP service, opened in the browser'],
  ],
  async run(ctx, values) {
    const port = intOption(values, 'port');
    const service = stringOption(values, 'service');
    const registryName = stringOption(values, 'registry') ?? (ctx.env.ADQLKIT_REGISTRY || undefined);
    const registry = registryName === undefined ? undefined : resolveService(ctx.config(), registryName, ctx.env)?.url;
    let workbench;
    try {
      workbench = await startWorkbench({
        config: ctx.config(),
        env: ctx.env,
        ...(service !== undefined ? { service } : {}),
        ...(port !== undefined ? { port } : {}),
        ...(registry !== undefined ? { registry } : {}),
        userAgent: `adqlkit-ui/${packageVersion()}`,
        log: (line) => ctx.stderr.write(`${line}\n`),
      });
    } catch (err) {
      if (err instanceof WorkbenchError) throw new InputError(err.message, err.hint ?? 'see adql ui --help');
      throw err;
    }
    ctx.stdout.write(`${workbench.url}\n`);
    ctx.stderr.write("open the URL above (it carries this launch's key); press Ctrl-C to stop\n");
    if (values.open === true) await openInBrowser(workbench.url);
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) resolve();
      else ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await workbench.close();
    return EXIT_OK;
  },
};

/** The platform's "open this URL" command; a failure only means the user opens it by hand. */
async function openInBrowser(url: string): Promise<void> {
  const { spawn } = await import('node:child_process');
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  spawn(command, [url], { stdio: 'ignore', detached: true })
    .on('error', () => undefined)
    .unref();
}
