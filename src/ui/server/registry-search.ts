/**
 * The service picker's registry search: TAP services (and tables served by one) whose title,
 * description or subjects hold the words, from a RegTAP registry, asked from this side (the
 * registry is another origin, which the page's proxy does not reach).
 */
import { RegistryService } from '../../registry/index.js';
import type { RegistryFound } from '../protocol.js';

const MAX_FOUND = 50;

export async function searchRegistry(registryUrl: string, words: string, userAgent: string): Promise<RegistryFound[]> {
  const registry = new RegistryService(registryUrl, { userAgent });
  const keywords = words.split(/\s+/).filter(Boolean);
  const records = await registry.search({ keywords, serviceType: 'tap', includeAux: true }, { maxrec: 1000 });
  const found: RegistryFound[] = [];
  for (const record of records) {
    const url = record.accessUrl('tap');
    if (url === undefined) continue;
    found.push({ title: record.title, ivoid: record.ivoid, url });
    if (found.length === MAX_FOUND) break;
  }
  return found;
}
