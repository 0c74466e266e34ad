/** Bytes on Node: Node's Buffer (see bytes-web.ts for the other platforms). */
export { Buffer } from 'node:buffer';
