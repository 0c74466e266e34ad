/**
 * The query against the service's declared capabilities (TAPRegExt): optional ADQL features,
 * geometry functions and UDFs must be declared; uploads need an upload method; limits.
 */
import { FEATURE_TYPES, featureTypeAsDeclared, isFeatureNewIn21 } from '../adql/index.js';
import type { ServiceCapabilities } from '../schema/index.js';
import type { ValidationContext, UploadDeclaration } from './context.js';

/** Is the feature declared? Exact type match, or (leniency) the same form declared under another
 * type: DaCHS 2.7 declares COALESCE under ivo://org.gavo.dc/std/exts#extra-adql-keywords. */
export function isDeclared(caps: ServiceCapabilities, type: string, name: string): boolean {
  const t = type.toLowerCase();
  const n = name.toUpperCase();
  if (caps.features[t]?.includes(n)) return true;
  return Object.values(caps.features).some((forms) => forms.includes(n));
}

export function checkCapabilities(ctx: ValidationContext): void {
  const caps = ctx.schema?.capabilities;
  if (caps === undefined || ctx.options.capabilities === false) return;
  const reported = new Map<string, number>();
  let needs21: { name: string; range: (typeof ctx.features)[number]['range'] } | undefined;
  for (const use of ctx.features) {
    if (needs21 === undefined && isFeatureNewIn21(use.type)) needs21 = { name: use.name, range: use.range };
    if (use.type === FEATURE_TYPES.udf) continue; // a UDF found in capabilities is declared by definition
    if (isDeclared(caps, use.type, use.name)) continue;
    const key = `${use.type}#${use.name}`;
    const prev = reported.get(key);
    if (prev !== undefined) {
      const d = ctx.diagnostics[prev]!;
      if (use.range !== undefined) (d.related ??= []).push({ range: use.range, message: `${use.name} is also used here` });
      continue;
    }
    reported.set(key, ctx.diagnostics.length);
    const typeName = featureTypeAsDeclared(use.type);
    ctx.report(
      'unsupported-feature',
      `${use.name} is an optional ADQL feature (${typeName}) that this service does not declare in its capabilities${ctx.options.strict ? '' : '; services often run features they do not declare, so it may work all the same'}`,
      use.range,
      // A warning by default: services often run undeclared features (DaCHS runs UPPER, declaring only LOWER).
      { feature: { type: typeName, name: use.name }, severity: ctx.options.strict ? 'error' : 'warning' },
    );
  }
  if (needs21 !== undefined && caps.adqlVersions.length > 0 && !caps.adqlVersions.some((v) => v.startsWith('2.1') || v > '2.1')) {
    ctx.report(
      'unsupported-adql-version',
      `${needs21.name} needs ADQL 2.1, but this service offers ADQL ${caps.adqlVersions.join(', ')}`,
      needs21.range,
    );
  }
  if (ctx.usesUpload !== null && caps.uploadMethods.length === 0) {
    ctx.report('uploads-not-supported', 'the query reads TAP_UPLOAD tables, but this service declares no upload method', ctx.usesUpload);
  }
  checkUploadLimits(ctx, caps);
}

function checkUploadLimits(ctx: ValidationContext, caps: ServiceCapabilities): void {
  const hard = caps.uploadLimit?.hard;
  const uploads = ctx.options.uploads;
  if (hard === undefined || uploads === undefined) return;
  for (const [name, decl] of Object.entries(uploads)) {
    if (Array.isArray(decl)) continue;
    const d = decl as UploadDeclaration;
    const size = hard.unit === 'row' ? d.rows : d.bytes;
    if (size !== undefined && size > hard.value) {
      ctx.report(
        'upload-over-limit',
        `upload ${name} has ${size} ${hard.unit}s, above this service's upload limit of ${hard.value} ${hard.unit}s`,
        undefined,
      );
    }
  }
}
