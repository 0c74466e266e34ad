import type { CommandSpec } from '../command.js';
import { EXIT_OK } from '../errors.js';
import { stringOption } from '../io.js';
import { SERVICE_OPTION, openService, requireService } from '../service.js';
import { tapFailure } from './query.js';
import type { TapLimit, TapLimits } from '../../tap/index.js';

function limitText(l: TapLimit | undefined): string {
  if (l === undefined) return '-';
  const unit = l.unit === 'row' ? ' rows' : l.unit === 'byte' ? ' bytes' : l.unit ? ` ${l.unit}` : ' s';
  return `${l.value}${unit}`;
}

function limitLines(mode: string, limits: TapLimits): string[] {
  const rows: Array<[string, keyof TapLimits]> = [
    ['output', 'outputLimit'],
    ['execution', 'executionDuration'],
    ['retention', 'retentionPeriod'],
    ['upload', 'uploadLimit'],
  ];
  return rows.map(
    ([label, key]) =>
      `  ${mode.padEnd(5)} ${label.padEnd(10)} default ${limitText(limits[key].default).padEnd(16)} hard ${limitText(limits[key].hard)}`,
  );
}

export const capabilitiesCommand: CommandSpec = {
  name: 'capabilities',
  summary: 'show what a service supports (ADQL versions, features, UDFs, limits)',
  usage: ['capabilities [--service URL|ALIAS] [--json]'],
  description:
    'Reads the VOSI capabilities (TAPRegExt): ADQL versions, optional language features, UDF signatures,\noutput formats, upload methods and the sync/async limits to know before planning a big query.',
  options: {
    ...SERVICE_OPTION,
    json: { type: 'boolean', description: 'print JSON' },
  },
  examples: [
    ['adql capabilities -s http://127.0.0.1:8080/tap', 'what the local DaCHS offers'],
    ['adql capabilities -s gaia --json | jq .udfs', 'UDF signatures as JSON'],
  ],
  async run(ctx, values) {
    const service = openService(requireService(ctx, stringOption(values, 'service'), 'capabilities'));
    try {
      const caps = await service.capabilities({ signal: ctx.signal });
      const summary = {
        service: service.url,
        adqlVersions: caps.adqlVersions,
        features: caps.features
          .filter((f) => !f.type.endsWith('#features-udf'))
          .map((f) => ({ type: f.type.replace(/^.*#features-/, ''), form: f.form })),
        udfs: caps.udfs.map((u) => ({ form: u.form, ...(u.description ? { description: u.description } : {}) })),
        outputFormats: caps.outputFormats.map((f) => ({ mime: f.mime, aliases: f.aliases })),
        uploadMethods: caps.uploadMethodsFor(),
        limits: { sync: caps.limitsFor('sync'), async: caps.limitsFor('async') },
      };
      if (values.json) {
        ctx.stdout.write(JSON.stringify(summary, null, 2) + '\n');
        return EXIT_OK;
      }
      const b = ctx.style.bold;
      const out: string[] = [
        `${b('service')}        ${service.url}`,
        `${b('ADQL versions')}  ${summary.adqlVersions.join(', ') || '(none declared)'}`,
        '',
        b('Language features:'),
      ];
      const byType = new Map<string, string[]>();
      for (const f of summary.features) byType.set(f.type, [...(byType.get(f.type) ?? []), f.form]);
      for (const [type, forms] of byType) out.push(`  ${type.padEnd(14)} ${forms.join(', ')}`);
      if (byType.size === 0) out.push('  (none declared)');
      out.push('', b(`User-defined functions (${summary.udfs.length}):`));
      for (const u of summary.udfs) out.push(`  ${u.form}${u.description ? ctx.style.dim(`  ${u.description.split('\n')[0]}`) : ''}`);
      out.push('', b('Output formats:'));
      for (const f of summary.outputFormats) out.push(`  ${f.mime}${f.aliases.length ? ` (${f.aliases.join(', ')})` : ''}`);
      out.push('', `${b('Upload methods:')} ${summary.uploadMethods.join(', ') || '(none)'}`, '', b('Limits:'));
      out.push(...limitLines('sync', summary.limits.sync), ...limitLines('async', summary.limits.async));
      ctx.stdout.write(out.join('\n') + '\n');
      return EXIT_OK;
    } catch (err) {
      tapFailure(err, ctx.signal);
    }
  },
};
