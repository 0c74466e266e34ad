/** What the workbench's server and page agree on (no Node or DOM types: both sides import it). */

/** The header that carries the launch key on every API and proxy request. */
export const KEY_HEADER = 'x-adqlkit-key';

/** The embedded engine's name in the service picker and the URL. */
export const EMBEDDED_SERVICE = 'embedded';

/** A service as the page knows it: never its credentials. */
export interface ServiceDescription {
  id: string;
  /** An alias, `embedded`, or the URL. */
  name: string;
  /** The service's own URL (shown, and used by "copy as curl"). */
  url: string;
  /** The proxy path the page sends TAP requests to. */
  base: string;
}

export interface ConnectAnswer {
  service: ServiceDescription;
  /** `.adqlrc.json` aliases, for the picker. */
  aliases: string[];
}

/** A registry search hit: a resource and the TAP service that serves it. */
export interface RegistryFound {
  title: string;
  ivoid: string;
  url: string;
}
