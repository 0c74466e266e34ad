/**
 * Service types as users name them (pyvo's regsearch names) and the IVOA standard identifiers
 * RegTAP stores in rr.capability.standard_id (lower case). Auxiliary capabilities (RegTAP 1.1,
 * "discovering dependent services") carry the same id with an "aux" fragment: a table published
 * on its own points at the TAP service that serves it through `ivo://ivoa.net/std/tap#aux`.
 */
import { RegistryConstraintError } from './errors.js';

export const SERVICE_TYPES = {
  scs: 'ivo://ivoa.net/std/conesearch',
  conesearch: 'ivo://ivoa.net/std/conesearch',
  tap: 'ivo://ivoa.net/std/tap',
  table: 'ivo://ivoa.net/std/tap',
  sia: 'ivo://ivoa.net/std/sia',
  image: 'ivo://ivoa.net/std/sia',
  sia2: 'ivo://ivoa.net/std/sia#query-2.0',
  ssa: 'ivo://ivoa.net/std/ssa',
  ssap: 'ivo://ivoa.net/std/ssa',
  spectrum: 'ivo://ivoa.net/std/ssa',
  slap: 'ivo://ivoa.net/std/slap',
  line: 'ivo://ivoa.net/std/slap',
} as const;

export type ServiceType = keyof typeof SERVICE_TYPES;

/** The standard id of a service type (or a standard id given as such, lower-cased). */
export function standardIdOf(type: string): string {
  const key = type.toLowerCase();
  if (key.startsWith('ivo://')) return key;
  const id = (SERVICE_TYPES as Record<string, string>)[key];
  if (id === undefined) {
    throw new RegistryConstraintError(
      `unknown service type "${type}": use one of ${Object.keys(SERVICE_TYPES).join(', ')}, or a standard id (ivo://...)`,
    );
  }
  return id;
}

/** The auxiliary form of a standard id (SIAv2 names its own: sia#query-aux-2.0). */
export function auxiliaryIdOf(standardId: string): string {
  if (standardId === SERVICE_TYPES.sia2) return 'ivo://ivoa.net/std/sia#query-aux-2.0';
  return `${standardId.replace(/#.*$/, '')}#aux`;
}

/** Whether a capability's standard id provides a service type, directly or (when `aux`) as auxiliary. */
export function provides(capabilityId: string | undefined, standardId: string, aux: boolean): boolean {
  if (capabilityId === undefined) return false;
  const id = capabilityId.toLowerCase();
  return id === standardId || (aux && id === auxiliaryIdOf(standardId));
}
