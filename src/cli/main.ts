#!/usr/bin/env node
/** The `adql` binary: wires the real process (stdio, env, Ctrl-C) to the dispatcher. */
import { runCli } from './run.js';
import type { Output } from './command.js';

function output(stream: NodeJS.WriteStream): Output {
  return {
    write: (text: string) => void stream.write(text),
    get isTTY() {
      return stream.isTTY === true;
    },
    get columns() {
      return stream.isTTY ? stream.columns : undefined;
    },
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const controller = new AbortController();
let interrupts = 0;
process.on('SIGINT', () => {
  interrupts += 1;
  // The first Ctrl-C cancels remote work cleanly (aborting the job); a second one leaves at once.
  if (interrupts > 1) process.exit(130);
  process.stderr.write('\ninterrupted: cancelling (press Ctrl-C again to quit at once)\n');
  controller.abort(new Error('interrupted by Ctrl-C'));
});
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
});

const code = await runCli(process.argv.slice(2), {
  stdout: output(process.stdout),
  stderr: output(process.stderr),
  env: process.env,
  cwd: process.cwd(),
  readStdin,
  signal: controller.signal,
});
process.exitCode = controller.signal.aborted && code !== 0 ? 130 : code;
