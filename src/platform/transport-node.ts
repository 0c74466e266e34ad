/** The Node transport: undici's request, redirects left to the caller (see transport.ts). */
import type { Dispatcher } from 'undici';
import type { TransportRequest, TransportResponse, TransportSend } from './transport.js';

// undici (about 110 modules, ~60 ms of start-up) loads on the first request, so that importing
// adqlkit or running `adql lint` does not pay for it.
let undici: Promise<typeof import('undici')> | undefined;

export const send: TransportSend = async (url: string, req: TransportRequest): Promise<TransportResponse> => {
  const { request } = await (undici ??= import('undici'));
  const r = await request(url, {
    method: req.method as Dispatcher.HttpMethod,
    headers: req.headers,
    body: req.body,
    signal: req.signal,
    dispatcher: req.dispatcher as Dispatcher | undefined,
    headersTimeout: req.headersTimeoutMs,
    bodyTimeout: req.bodyTimeoutMs,
  });
  return { statusCode: r.statusCode, headers: r.headers, body: r.body };
};

export type { TransportBody, TransportHeaders, TransportRequest, TransportResponse, TransportSend } from './transport.js';
