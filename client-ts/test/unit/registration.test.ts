import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByonClient, jwtExpiry } from '../../src/index.js';
import { FakeSocket, fakeFetch, json } from './fakes.js';

function jwt(expSeconds: number): string {
  const b64 = (o: unknown) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return b64({ alg: 'none' }) + '.' + b64({ sub: 'alice', exp: expSeconds }) + '.sig';
}

test('jwtExpiry reads exp, and nothing from a token that is not a JWT', () => {
  assert.equal(jwtExpiry(jwt(1_900_000_000))?.getTime(), 1_900_000_000_000);
  assert.equal(jwtExpiry('opaque-token'), undefined);
});

test('a registration refreshes itself with a fresh token before the token it sent expires', async () => {
  const soon = Math.floor(Date.now() / 1000) + 3;
  const tokens = [jwt(soon), jwt(soon + 3600)];
  const asked: Array<string | undefined> = [];
  const session = { racmSessionId: 'rs-1', deviceId: '8d2c6a8e-5b1f-4c3e-9a7d-2f4e6b8c0a11', channelId: 'ch-1',
    phoneNumber: '+447700900001', status: 'Registered', expiresAt: new Date(Date.now() + 3_600_000).toISOString() };
  const f = fakeFetch([
    (r) => r.method === 'POST' && r.url.endsWith('/racm/sessions') ? json(201, session) : undefined,
    (r) => r.method === 'PUT' && r.url.endsWith('/racm/sessions/rs-1') ? json(200, session) : undefined,
  ]);
  const c = new ByonClient({ apiRoot: 'http://gw.test', fetch: f.fetch, WebSocket: FakeSocket as unknown as typeof WebSocket,
    tokenSource: ({ stale }) => {
      asked.push(stale);
      return tokens[Math.min(asked.length - 1, 1)]!;
    } });
  const reg = await c.register({ channelId: 'ch-1' });
  const end = Date.now() + 6000;
  while (!f.requests.some((r) => r.method === 'PUT') && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const put = f.requests.find((r) => r.method === 'PUT');
  assert.ok(put, 'refreshed before the first token expired');
  assert.equal(put.headers.get('Authorization'), 'Bearer ' + tokens[1]);
  assert.equal(put.headers.get('Content-Type'), 'application/json', 'the refresh keeps its JSON content type');
  assert.deepEqual(asked, [undefined, tokens[0]]);
  reg.ended();
});
