/**
 * Test page for credentials in a browser: a TapService with a token on the service in `?tap=`, asked
 * for its availability (which the service redirects to another origin) and its capabilities.
 */
import { TapService } from 'adqlkit';

const g = globalThis as unknown as {
  location: { search: string };
  document: { body: { dataset: Record<string, string>; textContent: string } };
};

(async () => {
  const tap = new TapService(new URLSearchParams(g.location.search).get('tap')!, { token: 's3cret-token', retry: false });
  const availability = await tap.availability();
  const caps = await tap.capabilities();
  g.document.body.textContent = JSON.stringify({ available: availability.available, adqlVersions: caps.adqlVersions });
  g.document.body.dataset.state = 'done';
})().catch((err: unknown) => {
  g.document.body.textContent = String(err);
  g.document.body.dataset.state = 'failed';
});
