#!/usr/bin/env node
/** `adql-language-server --stdio`: the ADQL language server over stdin/stdout. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createDefaultBackend } from './default-backend.js';
import { startLanguageServer } from './server.js';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(
    [
      'adql-language-server: ADQL diagnostics, completion, hover, formatting and quick fixes over LSP',
      '',
      'Usage: adql-language-server --stdio',
      '',
      'Reads .adqlrc.json next to the edited files (service, schema file, cache directory).',
      'Initialization options: { "debounceMs": 0, "schema": "path/to/schema.json", "service": "URL or alias" }',
      '',
    ].join('\n'),
  );
  process.exit(0);
}
if (!process.argv.some((a) => a === '--stdio' || a.startsWith('--node-ipc') || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.argv.push('--stdio');
}
const connection = createConnection(ProposedFeatures.all);
// A failed promise somewhere (a client that rejects a request, a network error) must not stop the server.
process.on('unhandledRejection', (reason) => {
  connection.console.error(`adql-language-server: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
});
startLanguageServer(connection, createDefaultBackend());
