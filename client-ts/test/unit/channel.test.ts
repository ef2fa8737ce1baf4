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
