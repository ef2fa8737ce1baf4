import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEvent } from '../../src/index.js';
import type { ByonEvent } from '../../src/index.js';
import { invitationEvent, statusEvent } from './fakes.js';

/** Narrows the union on `type` with no cast: this function compiles only if the union is discriminated. */
function describe(e: ByonEvent): string {
  switch (e.type) {
    case 'session-invitation': return 'invite ' + e.voiceSessionId + ' ' + e.offerSdp;
    case 'session-status': return 'status ' + e.voiceSessionId + ' ' + e.status;
    case 'registration-ends': return 'reg-end ' + e.racmSessionId + ' ' + e.terminationReason;
    case 'channel-ends': return 'ch-end ' + e.channelId + ' ' + e.terminationReason;
  }
}

test('each event type of the contract parses into its member of the union', () => {
  assert.equal(describe(parseEvent(invitationEvent(1, 'vs-1', 'v=0'))!), 'invite vs-1 v=0');
  assert.equal(describe(parseEvent(statusEvent(2, 'vs-1', 'Ringing'))!), 'status vs-1 Ringing');
  assert.equal(describe(parseEvent(JSON.stringify({ specversion: '1.0', id: 'e3', source: '/x', type: 'org.byon.racm.v1.registration-ends',
    time: '2030-01-01T10:00:00Z', datacontenttype: 'application/json', sequence: 3,
    data: { racmSessionId: 'rs-1', terminationReason: 'REGISTRATION_EXPIRED' } }))!), 'reg-end rs-1 REGISTRATION_EXPIRED');
  assert.equal(describe(parseEvent(JSON.stringify({ specversion: '1.0', id: 'e4', source: '/x', type: 'org.byon.channel.v1.channel-ends',
    time: '2030-01-01T10:00:00Z', datacontenttype: 'application/json', sequence: 4,
    data: { channelId: 'ch-1', terminationReason: 'EXPIRED' } }))!), 'ch-end ch-1 EXPIRED');
});

test('an unknown event type is skipped and unknown fields are ignored (tolerant reader)', () => {
  assert.equal(parseEvent(JSON.stringify({ specversion: '1.0', id: 'e9', source: '/x', type: 'org.byon.future.v1.thing', sequence: 9 })), undefined);
  const e = parseEvent(statusEvent(5, 'vs-1', 'Teleporting', { futureField: 1 }));
  assert.ok(e && e.type === 'session-status');
  assert.equal(e.status, 'Teleporting');
});

test('text that is not a CloudEvent throws', () => {
  assert.throws(() => parseEvent('<html>'));
  assert.throws(() => parseEvent('{"specversion":"1.0"}'));
});
