/**
 * The TAP client for bundles (`#tap-client` under the `browser` and `default` conditions): imported
 * statically, because a dynamic import inside a package declared free of side effects makes esbuild
 * wrap the modules in lazy initialisers that it then never calls (TapService came out undefined).
 */
import * as tapClient from '../tap/index.js';

export const loadTapClient = async (): Promise<typeof tapClient> => tapClient;
