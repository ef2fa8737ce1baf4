import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByonClient } from '../../src/index.js';
import type { ByonEvent } from '../../src/index.js';
import { FakeSocket, fakeFetch, invitationEvent, json, statusEvent } from './fakes.js';

async function until(cond: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) {
      throw new Error('timed out');
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('the channel reconnects with lastSequence, drops replayed duplicates and reports gaps', async () => {
  FakeSocket.opened = [];
  const f = fakeFetch([
    (r) => r.method === 'POST' && r.url.endsWith('/channels') ? json(201, { channelId: 'ch-1', channelType: 'WebSocket',
      channelData: { channelURL: 'ws://gw.test/byon/v1/channels/ch-1/ws' }, expiresAt: '2099-01-01T00:00:00Z' }) : undefined,
    (r) => r.method === 'DELETE' ? new Response(null, { status: 204 }) : undefined,
  ]);
  const c = new ByonClient({ apiRoot: 'http://gw.test', tokenSource: () => 't', fetch: f.fetch,
    WebSocket: FakeSocket as unknown as typeof WebSocket, reconnect: { initialMs: 1, maxMs: 5 } });
  const events: ByonEvent[] = [];
  const gaps: number[][] = [];
  let reconnected = -1;
  let closed = 0;
  const channel = await c.openWebSocketChannel({
    onEvent: (e) => { events.push(e); },
    onGap: (expected, received) => { gaps.push([expected, received]); },
    onReconnected: (last) => { reconnected = last; },
    onClosed: () => { closed++; },
  });
  const first = FakeSocket.opened[0]!;
  first.frame(invitationEvent(1, 'vs-9', 'v=0 offer'));
  first.frame(statusEvent(2, 'vs-9', 'Ringing'));
  first.drop();
  await until(() => FakeSocket.opened.length === 2 && FakeSocket.opened[1]!.readyState === 1);
  const second = FakeSocket.opened[1]!;
  assert.equal(second.url, 'ws://gw.test/byon/v1/channels/ch-1/ws?lastSequence=2');
  second.frame(statusEvent(2, 'vs-9', 'Ringing'));
  second.frame(statusEvent(4, 'vs-9', 'Terminated', { reason: 'ANSWERED_ELSEWHERE' }));
  await until(() => events.length === 3);
  assert.deepEqual(events.map((e) => e.sequence), [1, 2, 4]);
  assert.deepEqual(gaps, [[3, 4]]);
  assert.equal(reconnected, 2);
  assert.equal(channel.lastSequence, 4);
  const call = c.call('vs-9')!;
  assert.equal(call.incoming, true);
  assert.equal(call.status, 'Terminated');
  assert.equal(call.reason, 'ANSWERED_ELSEWHERE');
  await channel.close();
  await until(() => closed === 1);
});

test('after a reload the page resumes its channel with lastSequence and its registration, and close() ends both', async () => {
  FakeSocket.opened = [];
  const session = { racmSessionId: 'rs-1', deviceId: '8d2c6a8e-5b1f-4c3e-9a7d-2f4e6b8c0a11', channelId: 'ch-1',
    phoneNumber: '+447700900001', status: 'Registered', expiresAt: '2099-01-01T00:00:00Z' };
  const f = fakeFetch([
    (r) => r.method === 'GET' && r.url.endsWith('/channels/ch-1') ? json(200, { channelId: 'ch-1', channelType: 'WebSocket',
      channelData: { channelURL: 'ws://gw.test/byon/v1/channels/ch-1/ws' }, expiresAt: '2099-01-01T00:00:00Z' }) : undefined,
    (r) => r.method === 'GET' && r.url.endsWith('/racm/sessions/rs-1') ? json(200, session) : undefined,
    (r) => r.method === 'DELETE' ? new Response(null, { status: 204 }) : undefined,
  ]);
  const c = new ByonClient({ apiRoot: 'http://gw.test', tokenSource: () => 't', fetch: f.fetch,
    WebSocket: FakeSocket as unknown as typeof WebSocket, reconnect: { initialMs: 1, maxMs: 5 } });
  assert.equal(await c.resumeWebSocketChannel('ch-gone', () => undefined, 0), undefined, 'an ended channel (404)');
  const events: ByonEvent[] = [];
  const channel = (await c.resumeWebSocketChannel('ch-1', (e) => { events.push(e); }, 3))!;
  assert.equal(channel.channelId, 'ch-1');
  assert.equal(FakeSocket.opened.length, 1);
  const socket = FakeSocket.opened[0]!;
  assert.equal(socket.url, 'ws://gw.test/byon/v1/channels/ch-1/ws?lastSequence=3', 'the first connection resumes');
  socket.frame(statusEvent(3, 'vs-9', 'Ringing')); // seen before the reload
  socket.frame(invitationEvent(4, 'vs-10', 'v=0 offer')); // retained while the page reloaded
  await until(() => events.length === 1);
  assert.deepEqual(events.map((e) => e.sequence), [4]);
  assert.equal(c.call('vs-10')?.incoming, true, 'a call that rang during the reload is known');
  const registration = (await c.findRegistration('rs-1'))!;
  assert.equal(registration.channelId, 'ch-1');
  await c.close();
  assert.deepEqual(f.requests.filter((r) => r.method === 'DELETE').map((r) => new URL(r.url).pathname),
    ['/byon/v0.2/racm/sessions/rs-1', '/byon/v0.2/channels/ch-1']);
});

test('resuming from sequence 0 asks for every retained event', async () => {
  FakeSocket.opened = [];
  const f = fakeFetch([
    (r) => r.method === 'GET' ? json(200, { channelId: 'ch-2', channelType: 'WebSocket',
      channelData: { channelURL: 'ws://gw.test/byon/v1/channels/ch-2/ws' }, expiresAt: '2099-01-01T00:00:00Z' }) : undefined,
    (r) => r.method === 'DELETE' ? new Response(null, { status: 204 }) : undefined,
  ]);
  const c = new ByonClient({ apiRoot: 'http://gw.test', tokenSource: () => 't', fetch: f.fetch,
    WebSocket: FakeSocket as unknown as typeof WebSocket });
  const channel = (await c.resumeWebSocketChannel('ch-2', () => undefined))!;
  assert.equal(FakeSocket.opened[0]!.url, 'ws://gw.test/byon/v1/channels/ch-2/ws?lastSequence=0');
  await channel.close();
});
