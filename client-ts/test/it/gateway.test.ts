/**
 * Against the reference gateway (server-stub/target/byon-gateway.jar, started here on a free port):
 * a full call between two subscribers through the SDK, with a forced disconnect and lastSequence
 * resume, hold/resume answers and typed errors. Run with `node --experimental-websocket --test`
 * on Node 20 (Node 22 has WebSocket built in).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { ByonApiError, ByonClient } from '../../src/index.js';
import type { ByonEvent, SessionInvitation } from '../../src/index.js';

const JAR = process.env.BYON_GATEWAY_JAR ?? new URL('../../../../../../server-stub/target/byon-gateway.jar', import.meta.url).pathname;
const OFFER = 'v=0\r\no=alice 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\na=sendrecv\r\n';
const ANSWER = 'v=0\r\no=bob 2 2 IN IP4 192.0.2.20\r\ns=-\r\nc=IN IP4 192.0.2.20\r\nt=0 0\r\nm=audio 49172 RTP/AVP 0\r\na=sendrecv\r\n';

let gateway: ChildProcess | undefined;
let root = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** The ASP backend's part: a token for a subscriber (the SDK only sees this callback, never a secret). */
async function token(name: string): Promise<string> {
  const res = await fetch(root + '/oauth2/token', {
    method: 'POST',
    headers: { Authorization: 'Basic ' + btoa(name + ':' + name + '-secret'), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  if (!res.ok) {
    throw new Error('token ' + res.status);
  }
  return ((await res.json()) as { access_token: string }).access_token;
}

async function until<T>(get: () => T | undefined, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v !== undefined) {
      return v;
    }
    if (Date.now() > end) {
      throw new Error('timed out');
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

before(async () => {
  assert.ok(existsSync(JAR), 'the reference gateway jar is missing: ' + JAR + ' (mvn -pl server-stub -am package -DskipTests)');
  const port = await freePort();
  root = 'http://127.0.0.1:' + port;
  gateway = spawn('java', ['-Xmx256m', '-XX:TieredStopAtLevel=1', '-jar', JAR, '--server.port=' + port], { stdio: 'ignore' });
  const end = Date.now() + 180_000;
  for (;;) {
    try {
      await token('alice');
      return;
    } catch {
      if (Date.now() > end || gateway.exitCode !== null) {
        throw new Error('the gateway did not start');
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
});

after(() => {
  gateway?.kill();
});

test('alice calls bob through the SDK: invitation, ringing, answer, hold/resume, forced reconnect, hang-up', async () => {
  const alice = new ByonClient({ apiRoot: root, tokenSource: () => token('alice'), reconnect: { initialMs: 50, maxMs: 500 } });
  const bob = new ByonClient({ apiRoot: root, tokenSource: () => token('bob'), reconnect: { initialMs: 50, maxMs: 500 } });
  const bobEvents: ByonEvent[] = [];
  const aliceEvents: ByonEvent[] = [];
  try {
    const aliceChannel = await alice.openWebSocketChannel((e) => { aliceEvents.push(e); });
    const bobChannel = await bob.openWebSocketChannel((e) => { bobEvents.push(e); });
    const aliceReg = await alice.register(aliceChannel);
    const bobReg = await bob.register(bobChannel);
    assert.equal(aliceReg.phoneNumber, '+447700900001');

    const call = await aliceReg.call(bobReg.phoneNumber, OFFER);
    const invitation = await until(() => bobEvents.find((e): e is SessionInvitation => e.type === 'session-invitation'));
    assert.equal(invitation.originatorAddress, 'tel:+447700900001');
    assert.equal(invitation.offerSdp, OFFER);
    const incoming = bob.call(invitation.voiceSessionId)!;
    await incoming.ringing();
    assert.equal(await call.waitFor('Ringing', 10_000), true);

    aliceChannel.simulateConnectionLoss();
    await incoming.answer(ANSWER);
    assert.equal(await call.waitFor('Connected', 15_000), true, 'the Connected event arrives after the reconnect');
    assert.equal(call.remoteSdp, ANSWER);

    const holdAnswer = await call.hold(OFFER.replace('a=sendrecv', 'a=sendonly'));
    assert.match(holdAnswer ?? '', /a=recvonly/);
    assert.equal(call.status, 'Hold');
    assert.match((await call.resume(OFFER)) ?? '', /a=sendrecv/);

    await assert.rejects(incoming.answer(ANSWER), (e: unknown) => e instanceof ByonApiError && e.status === 409
      && e.code === 'INCOMPATIBLE_STATE' && typeof e.correlator === 'string');

    await call.hangUp();
    assert.equal(await call.waitFor('Terminated', 10_000), true);
    assert.equal(await incoming.waitFor('Terminated', 10_000), true);
    const sequences = aliceEvents.map((e) => e.sequence);
    assert.deepEqual(sequences, [...sequences].sort((a, b) => a - b), 'in order');
    assert.equal(new Set(sequences).size, sequences.length, 'no duplicates after the resume');
  } finally {
    await alice.close();
    await bob.close();
  }
});
