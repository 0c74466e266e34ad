/** URL helpers: joining service paths, comparing origins, and redacting secrets before display. */

const SECRET_PARAM = /token|key|secret|passw|pwd|sig|auth|session|cookie|credential/i;

/** A URL safe to print: no user:password, secret-looking query parameters masked. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//***@');
  }
  if (parsed.username !== '' || parsed.password !== '') {
    parsed.username = '***';
    parsed.password = '';
  }
  let masked = false;
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAM.test(name)) {
      parsed.searchParams.set(name, '***');
      masked = true;
    }
  }
  const out = parsed.toString();
  return masked ? out.replace(/%2A%2A%2A/g, '***') : out;
}

/** The service base URL without a trailing slash, checked to be http(s). */
export function normaliseServiceUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    throw new TypeError(`not a valid TAP service URL: ${JSON.stringify(String(url))} (expected e.g. http://127.0.0.1:8080/tap)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`TAP service URL must be http or https: ${redactUrl(parsed.toString())}`);
  }
  parsed.hash = '';
  return parsed.toString().replace(/\/+$/, '');
}

/** `base` + '/' + `path` (the TAP endpoints are children of the base URL). */
export function childUrl(base: string, path: string): string {
  const q = base.search(/[?#]/);
  const root = q < 0 ? base : base.slice(0, q);
  const rest = q < 0 ? '' : base.slice(q);
  return `${root.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}${rest}`;
}

/** Resolve a Location header or href against the URL it came from. */
export function resolveUrl(ref: string, from: string): string {
  return new URL(ref.trim(), from).toString();
}

export function originOf(url: string): string {
  return new URL(url).origin;
}
