/**
 * Against the reference gateway (server-stub/target/byon-gateway.jar, started here on a free port):
 * a full call between two subscribers through the SDK, with a forced disconnect and lastSequence
 * resume, hold/resume answers and typed errors, in Node and in headless Chromium (the package's
 * ESM files loaded by the page from the gateway's origin). Run with
 * `node --experimental-websocket --test` on Node 20 (Node 22 has WebSocket built in).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
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

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The package's dist directory (this file is dist/test/it/gateway.test.js). */
const DIST = fileURLToPath(new URL('../../', import.meta.url));

test('the package runs in Chromium: ESM import, a call between two subscribers, typed events and errors',
  { skip: existsSync(CHROMIUM) ? false : 'no Chromium at ' + CHROMIUM + ' (apt-get install chromium)' }, async () => {
    // the gateway accepts WebSocket handshakes from its own origin, which its channelURLs name as localhost
    const origin = root.replace('127.0.0.1', 'localhost');
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--headless'] });
    try {
      const page = await browser.newPage();
      // the SDK's files are served under the gateway's origin, so that fetch and WebSocket are same-origin
      await page.route(origin + '/sdk-test/**', async (route) => {
        const rel = new URL(route.request().url()).pathname.replace('/sdk-test/', '');
        const file = DIST + rel;
        if (!existsSync(file)) {
          await route.fulfill({ status: 404, body: 'missing ' + rel });
          return;
        }
        await route.fulfill({ contentType: 'text/javascript', body: readFileSync(file, 'utf8') });
      });
      // a page the gateway serves itself (a document fulfilled by the test may not open WebSockets in Chromium)
      await page.goto(origin + '/softphone/index.html');
      const tokens = { alice: await token('alice'), bob: await token('bob') };
      const result = await page.evaluate(async ({ root, tokens, offer, answer }) => {
        const sdk = await import(root + '/sdk-test/src/index.js');
        const alice = new sdk.ByonClient({ apiRoot: root, tokenSource: () => tokens.alice });
        const bob = new sdk.ByonClient({ apiRoot: root, tokenSource: () => tokens.bob });
        const types: string[] = [];
        let invited: string | undefined;
        const aliceReg = await alice.register(await alice.openWebSocketChannel(() => undefined));
        const bobReg = await bob.register(await bob.openWebSocketChannel((e: { type: string; voiceSessionId?: string }) => {
          types.push(e.type);
          if (e.type === 'session-invitation') {
            invited = e.voiceSessionId;
          }
        }));
        const call = await aliceReg.call(bobReg.phoneNumber, offer);
        for (let i = 0; i < 200 && !invited; i++) {
          await new Promise((r) => setTimeout(r, 50));
        }
        await bob.call(invited!).answer(answer);
        const connected = await call.waitFor('Connected', 10_000);
        let error = '';
        try {
          await bob.call(invited!).answer(answer);
        } catch (e) {
          error = (e instanceof sdk.ByonApiError) + ' ' + (e as { code: string }).code;
        }
        await call.hangUp();
        const ended = await call.waitFor('Terminated', 10_000);
        await alice.close();
        await bob.close();
        return { connected, ended, remoteSdp: call.remoteSdp, error, types };
      }, { root: origin, tokens, offer: OFFER, answer: ANSWER });
      assert.equal(result.connected, true);
      assert.equal(result.ended, true);
      assert.equal(result.remoteSdp, ANSWER);
      assert.equal(result.error, 'true INCOMPATIBLE_STATE');
      assert.equal(result.types[0], 'session-invitation');
    } finally {
      await browser.close();
    }
  });
