/**
 * The TAP client, loaded when a schema really needs the service (on Node, `#tap-client`): a cache
 * hit, the language server and the ESLint rule then never load it.
 */
export const loadTapClient = (): Promise<typeof import('../tap/index.js')> => import('../tap/index.js');
