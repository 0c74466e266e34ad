/**
 * The TAP client for bundles (`#tap-client` under the `browser` and `default` conditions): imported
 * statically. A page's bundle holds it anyway, and a dynamic import makes esbuild wrap the modules it
 * reaches in lazy initialisers (see package.json's sideEffects for what that requires).
 */
import * as tapClient from '../tap/index.js';

export const loadTapClient = async (): Promise<typeof tapClient> => tapClient;
