/// <reference lib="dom" />
/**
 * The page's URL: `service`, `q` (the query) and `plots` (the plot settings, JSON) are kept in it, so a copied URL opens the same
 * service and query and a reload restores them. The launch key arrives as `key` on the first load;
 * it is moved to session storage and taken out of the address bar, so a shared URL never carries it.
 */
const KEY_STORAGE = 'adqlkit-ui-key';

export function launchKey(): string | undefined {
  const url = new URL(location.href);
  const given = url.searchParams.get('key');
  if (given) {
    sessionStorage.setItem(KEY_STORAGE, given);
    url.searchParams.delete('key');
    history.replaceState(null, '', url);
  }
  return sessionStorage.getItem(KEY_STORAGE) ?? undefined;
}

export interface UrlState {
  service?: string | undefined;
  query?: string | undefined;
  /** The plot settings as JSON (LinkedPlots.state()). */
  plots?: string | undefined;
}

export function readUrlState(): UrlState {
  const params = new URL(location.href).searchParams;
  return { service: params.get('service') ?? undefined, query: params.get('q') ?? undefined, plots: params.get('plots') ?? undefined };
}

let pending = 0;

let current: UrlState = readUrlState();

/** Updates the parts given in the URL (debounced: typing does not flood the history API). */
export function writeUrlState(state: UrlState): void {
  current = { ...current, ...state };
  clearTimeout(pending);
  pending = window.setTimeout(() => {
    const url = new URL(location.href);
    for (const [param, value] of [
      ['service', current.service],
      ['q', current.query],
      ['plots', current.plots],
    ] as const) {
      if (value) url.searchParams.set(param, value);
      else url.searchParams.delete(param);
    }
    history.replaceState(null, '', url);
  }, 200);
}
