/** Typed errors of the registry client; each names the registry or the resource concerned. */
import { TapError } from '../dal/index.js';

/** A search constraint the registry cannot express (unknown service type, empty keyword...). */
export class RegistryConstraintError extends TapError {}

/** A registry record does not offer the capability asked for (e.g. a TAP service from a cone search). */
export class RegistryCapabilityError extends TapError {
  readonly ivoid: string;
  /** The standard ids the record does offer. */
  readonly offered: string[];

  constructor(message: string, options: { ivoid: string; offered: string[]; url?: string }) {
    super(message, options.url === undefined ? {} : { url: options.url });
    this.ivoid = options.ivoid;
    this.offered = options.offered;
  }
}
