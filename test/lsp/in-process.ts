/**
 * The language server started in the test process on in-memory streams, with a backend the test
 * controls (a fixed schema, a count of the queries it checks): fast, and no build needed.
 */
import { PassThrough } from 'node:stream';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection } from 'vscode-languageserver/node';
import { startLanguageServer } from '../../src/lsp/server.js';
import type { LanguageBackend } from '../../src/tooling/index.js';
import type { PublishedDiagnostics } from './client.js';

export interface Position {
  line: number;
  character: number;
}

export class InProcessServer {
  private readonly client: MessageConnection;
  private readonly waiters = new Map<string, (d: PublishedDiagnostics) => void>();
  private readonly published = new Map<string, PublishedDiagnostics>();

  constructor(backend: LanguageBackend) {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    startLanguageServer(createConnection(toServer, toClient), backend);
    this.client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    this.client.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      const key = `${p.uri}#${p.version}`;
      this.published.set(key, p);
      this.waiters.get(key)?.(p);
    });
    this.client.listen();
  }

  async initialize(options: Record<string, unknown> = {}): Promise<void> {
    await this.client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: options });
    await this.client.sendNotification('initialized', {});
  }

  /** The diagnostics published for `uri` at `version` (waits for them). */
  diagnostics(uri: string, version: number, timeoutMs = 10_000): Promise<PublishedDiagnostics> {
    const key = `${uri}#${version}`;
    const existing = this.published.get(key);
    if (existing !== undefined) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${key} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.set(key, (d) => {
        clearTimeout(timer);
        this.waiters.delete(key);
        resolve(d);
      });
    });
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, changes: Array<{ range: { start: Position; end: Position }; text: string }>): Promise<void> {
    return this.client.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): Promise<void> {
    return this.client.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  dispose(): void {
    // No "exit" notification: the server would end the test process.
    this.client.dispose();
  }
}

/** The line and character of an offset in `text` (LSP positions count UTF-16 code units, as JS strings do). */
export function positionOf(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}
