/**
 * Removes configured secrets (token, cookie values, credential headers) from error messages,
 * their `cause` chains and log events: a service that echoes the Authorization header or a cookie
 * back in an error body must not get it printed.
 */
import { Buffer } from '#bytes';

/** Secrets shorter than this are not searched for (they would mask ordinary words and digits). */
const MIN_SECRET_LENGTH = 4;
const MASK = '***';
/** Cause chains are walked this deep (they are short; a cycle must not loop). */
const MAX_DEPTH = 8;

export class SecretRedactor {
  private readonly secrets: string[];

  constructor(values: Iterable<string>) {
    const all = new Set<string>();
    for (const v of values) {
      for (const form of [v, encodeURIComponent(v), Buffer.from(v).toString('base64')]) {
        if (form.length >= MIN_SECRET_LENGTH) all.add(form);
      }
    }
    // Longest first, so that a secret containing another is masked whole.
    this.secrets = [...all].sort((a, b) => b.length - a.length);
  }

  get empty(): boolean {
    return this.secrets.length === 0;
  }

  text(s: string): string {
    let out = s;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(MASK);
    return out;
  }

  /** Masks the secrets in `err` and every error of its cause chain, in place; returns `err`. */
  error<T>(err: T): T {
    if (this.empty) return err;
    const seen = new Set<unknown>();
    for (let e: unknown = err, depth = 0; e instanceof Error && depth < MAX_DEPTH && !seen.has(e); e = e.cause, depth++) {
      seen.add(e);
      const record = e as unknown as Record<string, unknown>;
      for (const key of [...Object.keys(record), 'message', 'stack']) {
        const v = record[key];
        if (typeof v === 'string') {
          const masked = this.text(v);
          if (masked !== v)
            Object.defineProperty(e, key, {
              value: masked,
              writable: true,
              configurable: true,
              enumerable: key !== 'message' && key !== 'stack',
            });
        }
      }
    }
    return err;
  }
}

/** The secret values of a set of credentials: token, each cookie value and the whole cookie header, header values. */
export function credentialSecrets(auth: {
  token?: string | undefined;
  cookies?: string | Record<string, string> | undefined;
  headers?: Record<string, string> | undefined;
}): string[] {
  const out: string[] = [];
  if (auth.token !== undefined) out.push(auth.token);
  if (typeof auth.cookies === 'string') {
    out.push(auth.cookies);
    for (const pair of auth.cookies.split(';')) {
      const eq = pair.indexOf('=');
      if (eq >= 0) out.push(pair.slice(eq + 1).trim());
    }
  } else if (auth.cookies !== undefined) {
    out.push(...Object.values(auth.cookies));
  }
  if (auth.headers !== undefined) out.push(...Object.values(auth.headers));
  return out;
}
