import type { CliContext, CommandSpec } from '../command.js';
import { resolveService, type ResolvedService } from '../../config/index.js';
import { EXIT_OK, EXIT_PROBLEMS, UsageError } from '../errors.js';
import { formatTable } from '../format/table.js';
import { intOption, stringOption } from '../io.js';
import { openService } from '../service.js';
import { tapFailure } from './query.js';
import {
  RegistryConstraintError,
  RegistryService,
  SERVICE_TYPES,
  auxiliaryIdOf,
  registryAdql,
  type RegistryRecord,
  type RegistrySearch,
} from '../../registry/index.js';

/** Short names of the standard ids worth showing (VOSI and DALI examples capabilities are left out). */
const SHORT_NAMES = new Map<string, string>(
  (['scs', 'tap', 'sia', 'sia2', 'ssa', 'slap'] as const).flatMap((name): Array<[string, string]> => [
    [SERVICE_TYPES[name], name],
    [auxiliaryIdOf(SERVICE_TYPES[name]), `${name}(aux)`],
  ]),
);

function services(record: RegistryRecord): string {
  return record.standardIds.flatMap((id) => SHORT_NAMES.get(id) ?? []).join(' ');
}

function asJson(record: RegistryRecord) {
  return {
    ivoid: record.ivoid,
    shortName: record.shortName ?? null,
    title: record.title,
    resourceType: record.resourceType ?? null,
    description: record.description ?? null,
    wavebands: record.wavebands,
    interfaces: record.interfaces,
  };
}

/** The registry endpoint: --registry (URL or a service alias from .adqlrc.json), else $ADQLKIT_REGISTRY. */
function registryEndpoint(ctx: CliContext, value: string | undefined): ResolvedService {
  const wanted = value ?? (ctx.env.ADQLKIT_REGISTRY || undefined);
  if (wanted === undefined) {
    throw new UsageError(
      'no registry given',
      'pass --registry URL (a RegTAP service, e.g. https://reg.g-vo.org/tap) or set ADQLKIT_REGISTRY',
    );
  }
  return resolveService(ctx.config(), wanted, ctx.env)!;
}

export const registryCommand: CommandSpec = {
  name: 'registry',
  summary: 'search a VO registry (RegTAP) for services and tables',
  usage: ['registry search [KEYWORD...] [--type TYPE]... [--aux] [--waveband BAND] [--ivoid IVOID] --registry URL'],
  description:
    'Searches a RegTAP 1.1 registry (a TAP service with the rr schema) for resources whose title,\n' +
    'description or subjects contain every KEYWORD (an argument of several words needs all of them)\n' +
    'and that offer any of the --type services. --aux also finds tables published with an auxiliary\n' +
    'TAP capability, i.e. served by a TAP service. Prints ivoid, short name, title and services;\n' +
    '--verbose adds descriptions and access URLs. Exits 1 when nothing matches.',
  options: {
    registry: { type: 'string', short: 'r', valueName: 'URL|ALIAS', description: 'the RegTAP endpoint (default: $ADQLKIT_REGISTRY)' },
    type: {
      type: 'string',
      short: 't',
      multiple: true,
      valueName: 'TYPE',
      description: 'service type: scs, tap (or table), sia, sia2, ssa, slap, or a standard id',
    },
    aux: { type: 'boolean', description: 'include auxiliary capabilities (tables served by a TAP service)' },
    waveband: { type: 'string', multiple: true, valueName: 'BAND', description: 'waveband (optical, radio, x-ray, ...)' },
    ivoid: { type: 'string', multiple: true, valueName: 'IVOID', description: 'only this resource' },
    maxrec: { type: 'string', short: 'm', valueName: 'N', description: 'MAXREC for the search (rows are interfaces)' },
    verbose: { type: 'boolean', short: 'v', description: 'print descriptions and access URLs' },
    'show-query': { type: 'boolean', description: 'print the ADQL sent to the registry on stderr' },
    json: { type: 'boolean', description: 'print the records as JSON' },
  },
  examples: [
    ['adql registry search zcat --type scs -r http://127.0.0.1:8080/tap', 'cone search services about zcat'],
    [
      "adql registry search 'cfa redshift' --type tap --aux -r https://reg.g-vo.org/tap",
      'tables about CfA redshifts, with the TAP services serving them',
    ],
    ['adql registry search --ivoid ivo://adqlkit.test/tap -v -r http://127.0.0.1:8080/tap', 'one resource with its access URLs'],
  ],
  async run(ctx, values, positionals) {
    const [action, ...keywords] = positionals;
    if (action !== 'search') {
      throw new UsageError(
        action === undefined ? 'no action given' : `unknown action "${action}"`,
        'use "adql registry search [KEYWORD...] --type TYPE"',
      );
    }
    const search: RegistrySearch = {
      keywords,
      serviceType: (values.type as string[] | undefined) ?? [],
      includeAux: values.aux === true,
      waveband: (values.waveband as string[] | undefined) ?? [],
      ivoid: (values.ivoid as string[] | undefined) ?? [],
    };
    let adql: string;
    try {
      adql = registryAdql(search);
    } catch (err) {
      if (err instanceof RegistryConstraintError) throw new UsageError(err.message);
      throw err;
    }
    const registry = new RegistryService(openService(registryEndpoint(ctx, stringOption(values, 'registry'))));
    if (values['show-query']) ctx.stderr.write(`${adql}\n`);
    const maxrec = intOption(values, 'maxrec');
    let records: RegistryRecord[];
    try {
      records = await registry.search(search, { signal: ctx.signal, ...(maxrec !== undefined ? { maxrec } : {}) });
    } catch (err) {
      tapFailure(err, ctx.signal);
    }
    if (values.json) {
      ctx.stdout.write(JSON.stringify(records.map(asJson), null, 2) + '\n');
    } else if (records.length === 0) {
      ctx.stdout.write(`no resource in ${registry.tap.url} matches\n`);
    } else if (values.verbose) {
      for (const r of records) {
        ctx.stdout.write(`${ctx.style.bold(r.ivoid)}  ${r.shortName ?? ''}\n  ${r.title}\n`);
        if (r.description) ctx.stdout.write(`  ${r.description.replace(/\s+/g, ' ')}\n`);
        for (const i of r.interfaces) ctx.stdout.write(`  ${(i.standardId ?? i.interfaceType ?? '').padEnd(40)} ${i.accessUrl}\n`);
        ctx.stdout.write('\n');
      }
    } else {
      const width = ctx.stdout.columns ? { maxWidth: ctx.stdout.columns } : {};
      ctx.stdout.write(
        formatTable(
          ['ivoid', 'short_name', 'title', 'services'],
          records.map((r) => [r.ivoid, r.shortName ?? '', r.title, services(r)]),
          { ...width, header: ctx.style.bold },
        ),
      );
    }
    return records.length > 0 ? EXIT_OK : EXIT_PROBLEMS;
  },
};
