import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { EmbeddingRequestError, openAiEncoder } from './openai-encoder.ts';
import { backoffMs, retryAfterMs } from './retry.ts';

const KEY = 'sk-test-SECRET-0123456789';
const ENV = 'SCBENCH_TEST_EMBEDDINGS_KEY';
const DIM = 3;
const vec = (t: string): number[] => [t.length, t.charCodeAt(0) || 0, 1];

type Reply = (req: IncomingMessage, res: ServerResponse, body: { model: string; input: string[] }) => void;
const ok: Reply = (_req, res, body) => {
  // rows in reverse order, each with its index: the client must order by index
  const data = body.input.map((t, index) => ({ object: 'embedding', index, embedding: vec(t) })).reverse();
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data, model: body.model }));
};
const status =
  (code: number, headers: Record<string, string> = {}, message = 'busy'): Reply =>
  (_req, res) =>
    res.writeHead(code, { 'content-type': 'application/json', ...headers }).end(JSON.stringify({ error: { message } }));

let script: Reply[] = [];
const seen: { auth?: string; url?: string; body: { model: string; input: string[] } }[] = [];
const server = createServer((req, res) => {
  let raw = '';
  req.on('data', (c: Buffer) => (raw += c.toString()));
  req.on('end', () => {
    const body = JSON.parse(raw) as { model: string; input: string[] };
    seen.push({ auth: req.headers.authorization, url: req.url, body });
    (script.shift() ?? ok)(req, res, body);
  });
});
let base = '';

beforeAll(async () => {
  process.env[ENV] = KEY;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  delete process.env[ENV];
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  script = [];
  seen.length = 0;
});

const client = (extra: Parameters<typeof openAiEncoder>[0] = {}) =>
  openAiEncoder({ baseUrl: base, model: 'test-embed', dim: DIM, apiKeyEnv: ENV, retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 200 }, timeoutMs: 5000, ...extra });

describe('openAiEncoder against a loopback server', () => {
  it('posts batches to /v1/embeddings with the bearer key and keeps text order', async () => {
    const enc = client({ batchSize: 3 });
    expect(enc.id).toBe(`openai@127.0.0.1:${base.split(':')[2]}/test-embed`);
    const texts = ['a', 'bb', 'ccc', 'dddd', '', 'f', 'gg'];
    const progress: number[] = [];
    const m = await enc.embed(texts, { onProgress: (d) => progress.push(d) });
    expect(seen.map((s) => s.body.input)).toEqual([['a', 'bb', 'ccc'], ['dddd', ' ', 'f'], ['gg']]);
    expect(seen.every((s) => s.url === '/v1/embeddings' && s.auth === `Bearer ${KEY}` && s.body.model === 'test-embed')).toBe(true);
    expect(progress).toEqual([3, 6, 7]);
    expect(Array.from(m.data.subarray(3 * DIM, 4 * DIM))).toEqual(vec('dddd'));
    expect(Array.from(m.data.subarray(6 * DIM, 7 * DIM))).toEqual(vec('gg'));
  });

  it('retries 503 and 429 (honouring retry-after-ms), then succeeds', async () => {
    script = [status(503), status(429, { 'retry-after-ms': '60' })];
    const t = Date.now();
    const m = await client().embed(['x']);
    expect(Array.from(m.data)).toEqual(vec('x'));
    expect(seen.length).toBe(3);
    expect(Date.now() - t).toBeGreaterThanOrEqual(55);
  });

  it('gives up after maxAttempts with the last status, never looping forever', async () => {
    script = Array.from({ length: 10 }, () => status(500, {}, 'overloaded'));
    await expect(client({ retry: { maxAttempts: 3, baseDelayMs: 1 } }).embed(['x'])).rejects.toThrow(/failed 3 times; last: 500 overloaded/);
    expect(seen.length).toBe(3);
  });

  it('fails at once on 401 with a message that names the variable but never contains the key', async () => {
    script = [status(401, {}, `Incorrect API key provided: ${KEY}`)];
    const err = (await client().embed(['x']).catch((e: unknown) => e)) as EmbeddingRequestError;
    expect(err).toBeInstanceOf(EmbeddingRequestError);
    expect(err.status).toBe(401);
    expect(err.message).toMatch(new RegExp(`401.*check the key in \\$${ENV}`));
    expect(err.message).not.toContain(KEY);
    expect(String(err.stack)).not.toContain(KEY);
    expect(seen.length).toBe(1);
    script = [status(400, {}, 'bad input')];
    await expect(client().embed(['x'])).rejects.toThrow(/400: bad input/);
  });

  it('retries network errors and reports an unreachable server clearly', async () => {
    const dead = openAiEncoder({ baseUrl: 'http://127.0.0.1:9', model: 'm', dim: 2, retry: { maxAttempts: 2, baseDelayMs: 1 } });
    await expect(dead.embed(['x'])).rejects.toThrow(/failed 2 times; last: network error.*reachable/);
  });

  it('checks widths and configuration before and after the network', async () => {
    script = [(_q, res) => res.writeHead(200).end(JSON.stringify({ data: [{ index: 0, embedding: [1, 2] }] }))];
    await expect(client().embed(['x'])).rejects.toThrow(/2 values, expected dim 3/);
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      expect(() => openAiEncoder()).toThrow(/set the environment variable OPENAI_API_KEY/);
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved;
    }
    expect(() => openAiEncoder({ baseUrl: base, model: 'mystery' })).toThrow(/pass dim/);
    expect(openAiEncoder({ apiKeyEnv: ENV }).id).toBe('openai/text-embedding-3-small');
    expect(openAiEncoder({ apiKeyEnv: ENV }).dim).toBe(1536);
  });
});

describe('retry policy', () => {
  it('reads Retry-After as seconds, a date, or retry-after-ms; backoff is jittered, exponential and capped', () => {
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterMs(new Headers({ 'retry-after': new Date(10_000).toUTCString() }), 4000)).toBe(6000);
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '15', 'retry-after': '9' }))).toBe(15);
    expect(retryAfterMs(new Headers())).toBeNull();
    const p = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffMs(p, 0, null, () => 0)).toBe(50);
    expect(backoffMs(p, 2, null, () => 1)).toBe(400);
    expect(backoffMs(p, 10, null, () => 1)).toBe(1000);
    expect(backoffMs(p, 0, 5000)).toBe(1000);
  });
});
