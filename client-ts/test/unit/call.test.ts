import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByonApiError, ByonClient, ByonTransportError } from '../../src/index.js';
import { FakeSocket, fakeFetch, json } from './fakes.js';

const SESSION = { racmSessionId: 'rs-1', deviceId: '8d2c6a8e-5b1f-4c3e-9a7d-2f4e6b8c0a11', channelId: 'ch-1',
  phoneNumber: '+447700900001', status: 'Registered', expiresAt: '2030-01-01T00:00:00Z' };
const CALL = { voiceSessionId: 'vs-1', racmSessionId: 'rs-1', direction: 'Outgoing', originatorAddress: 'tel:+447700900001',
  receiverAddress: 'tel:+447700900002', callType: 'REGULAR' };

function client(routes: Parameters<typeof fakeFetch>[0], tokens: string[] = ['tok-1']) {
  const f = fakeFetch(routes);
  const asked: Array<string | undefined> = [];
  const c = new ByonClient({
    apiRoot: 'http://gw.test', fetch: f.fetch, WebSocket: FakeSocket as unknown as typeof WebSocket,
    tokenSource: ({ stale }) => {
      asked.push(stale);
      return tokens[Math.min(asked.length - 1, tokens.length - 1)]!;
    },
  });
  return { c, requests: f.requests, asked };
}

test('a POST response read after its events does not move the call back', async () => {
  const { c } = client([
    (r) => r.url.endsWith('/racm/sessions') ? json(201, SESSION) : undefined,
    (r) => r.url.endsWith('/voice/sessions') ? json(201, { ...CALL, status: 'Ringing' }) : undefined,
  ]);
  const reg = await c.register({ channelId: 'ch-1' });
  const call = await reg.call('+447700900002', 'v=0');
  const seen: string[] = [call.status];
  call.onStatus((s) => seen.push(s));
  call.apply({ status: 'InProgress', sequence: 5 });
  call.apply({ status: 'Ringing', sequence: 6 });
  call.apply({ status: 'Connected', sequence: 7, answerSdp: 'v=0 answer' });
  call.apply({ status: 'Ringing', sequence: 6 });
  assert.deepEqual(seen, ['Ringing', 'Connected']);
  assert.equal(call.remoteSdp, 'v=0 answer');
  assert.equal(await call.waitFor('Connected', 10), true);
  await reg.close().catch(() => undefined);
});

test('hold and resume return the SDP answer of the response', async () => {
  const { c, requests } = client([
    (r) => r.url.endsWith('/racm/sessions') ? json(201, SESSION) : undefined,
    (r) => r.url.endsWith('/voice/sessions') ? json(201, { ...CALL, status: 'Connected' }) : undefined,
    (r) => r.url.endsWith('/status') && r.body?.includes('"Hold"')
      ? json(200, { ...CALL, status: 'Hold', answer: { sdp: 'v=0 recvonly' } }) : undefined,
    (r) => r.url.endsWith('/status') ? json(200, { ...CALL, status: 'Connected', answer: { sdp: 'v=0 sendrecv' } }) : undefined,
  ]);
  const call = await (await c.register({ channelId: 'ch-1' })).call('+447700900002', 'v=0');
  assert.equal(await call.hold('v=0 sendonly'), 'v=0 recvonly');
  assert.equal(call.status, 'Hold');
  assert.equal(await call.resume('v=0 sendrecv'), 'v=0 sendrecv');
  assert.equal(call.status, 'Connected');
  const put = requests.find((r) => r.method === 'PUT')!;
  assert.deepEqual(JSON.parse(put.body!), { status: 'Hold', offer: { sdp: 'v=0 sendonly' } });
  assert.match(put.headers.get('x-correlator') ?? '', /^[0-9a-f-]{36}$/);
  assert.equal(put.headers.get('Authorization'), 'Bearer tok-1');
});

test('an error response becomes a ByonApiError with the ErrorInfo; no response a ByonTransportError', async () => {
  const { c } = client([
    (r) => r.url.endsWith('/racm/sessions') ? json(403, { status: 403, code: 'BYON.MAX_REGISTRATION_PER_USER', message: 'too many' },
      { 'x-correlator': 'c-1' }) : undefined,
    (r) => r.url.endsWith('/channels') ? new Response('<html>bad gateway</html>', { status: 502 }) : undefined,
  ]);
  await assert.rejects(c.register({ channelId: 'ch-1' }), (e: unknown) => e instanceof ByonApiError && e.code === 'BYON.MAX_REGISTRATION_PER_USER'
    && e.status === 403 && e.errorInfo.message === 'too many' && e.correlator === 'c-1');
  await assert.rejects(c.openWebSocketChannel(() => undefined), (e: unknown) => e instanceof ByonApiError && e.code === 'UNKNOWN'
    && e.status === 502);
  const down = new ByonClient({ apiRoot: 'http://127.0.0.1:9', tokenSource: () => 't',
    fetch: (async () => { throw new TypeError('fetch failed'); }) as typeof fetch, WebSocket: FakeSocket as unknown as typeof WebSocket });
  await assert.rejects(down.register({ channelId: 'ch-1' }), (e: unknown) => e instanceof ByonTransportError && e.kind === 'transport');
});

test('a refused token is renewed through the token source once and the request retried', async () => {
  let first = true;
  const { c, asked, requests } = client([
    (r) => {
      if (!r.url.endsWith('/racm/sessions')) {
        return undefined;
      }
      if (first) {
        first = false;
        return json(401, { status: 401, code: 'UNAUTHENTICATED', message: 'expired' });
      }
      return json(201, SESSION);
    },
  ], ['tok-old', 'tok-new']);
  const reg = await c.register({ channelId: 'ch-1' });
  assert.equal(reg.racmSessionId, 'rs-1');
  assert.deepEqual(asked, [undefined, 'tok-old']);
  assert.equal(requests.at(-1)!.headers.get('Authorization'), 'Bearer tok-new');
  reg.ended();
});
