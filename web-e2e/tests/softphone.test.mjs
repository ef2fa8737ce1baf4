// The softphone page in real headless Chromium against the reference gateway jar (issue 6):
// forking to two pages of alice, answer on one, media connected, busy, hold/resume, hang-up,
// the answering external test number, error messages, and the registration refresh; and the page
// as a phone (issue 15): ringtone, tab title and notification while ringing, the incoming card in
// view on a 390 px wide phone screen, call timer, mute, keypad tones, microphone meter, call
// history, statuses in words.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startGateway } from './support/gateway.mjs';
import {
  byTestId,
  dial,
  eventLog,
  historyEntries,
  launchChromium,
  maxOver,
  micLevel,
  openSoftphone,
  PHONE_VIEWPORT,
  energyOverOneSecond,
  energyUntil,
  screenshotViewport,
  timerSeconds,
  peerConnectionState,
  screenshot,
  signIn,
  textOf,
  waitForPeerConnection,
  waitForText,
} from './support/browser.mjs';

const ALICE = '+447700900001';
const BOB = '+447700900002';
const ANSWERING_TEST_NUMBER = '+447700900100';
// short token lifetime so that the page must refresh its registration during the run
const TOKEN_TTL_SECONDS = 45;
// a short disconnection grace period: a reload (well within it) keeps the registration, a closed page loses it soon
const GRACE_SECONDS = 5;
const SIMULATOR_KEY = 'e2e-simulator-key';

let gateway;
let browser;
const pages = {};
/** The closed page's access token (alice, client softphone, its own login session), for the logout test's checks. */
let otherBrowserToken;

/** Leaves no call behind on the page (after a failed step). */
async function hangUpIfInCall(page) {
  if (await byTestId(page, 'call-panel').isVisible()) {
    await byTestId(page, 'hangup-button').click();
    await byTestId(page, 'call-panel').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
  }
}

/** Waits until the page's media session has the negotiated direction (hold renegotiated, not muted). */
async function waitForMediaDirection(page, direction) {
  await page.waitForFunction(
    (d) => window.byonSoftphone.activeCall?.pc?.getTransceivers()[0]?.currentDirection === d,
    direction,
    { timeout: 10_000 },
  );
}

/** The page never fell back to holding by muting: every hold/resume answer was applied. */
async function assertNoHoldFallback(page) {
  const log = await eventLog(page);
  assert.doesNotMatch(log, /answer not usable|could not apply the peer's re-offer/, log);
}

/** Runs a step; on failure prints every page's event log and keeps a screenshot. */
async function step(name, fn) {
  try {
    await fn();
  } catch (e) {
    for (const page of Object.values(pages)) {
      console.error(await eventLog(page));
      if (page.consoleErrors.length) {
        console.error(`${page.label} console errors:\n${page.consoleErrors.join('\n')}`);
      }
      await screenshot(page, `FAILED-${name}-${page.label}`).catch(() => {});
    }
    throw e;
  }
}

describe('softphone in headless Chromium', { timeout: 300_000 }, () => {
  before(async () => {
    const t0 = Date.now();
    const [gw, br] = await Promise.allSettled([startGateway([`--byon.auth.token-ttl=${TOKEN_TTL_SECONDS}s`,
      `--byon.racm.disconnect-grace=${GRACE_SECONDS}s`, '--byon.simulator.enabled=true', `--byon.simulator.key=${SIMULATOR_KEY}`]), launchChromium()]);
    gateway = gw.value;
    browser = br.value;
    if (gw.status === 'rejected' || br.status === 'rejected') {
      throw gw.reason || br.reason;
    }
    console.log(`gateway ${gateway.baseUrl} and Chromium ${browser.version()} up in ${Date.now() - t0} ms`);
    for (const label of ['alice1', 'bob', 'carol']) {
      pages[label] = await openSoftphone(browser, gateway.baseUrl, label);
    }
    // alice's second device is a phone-sized screen
    pages.alice2 = await openSoftphone(browser, gateway.baseUrl, 'alice2', { viewport: PHONE_VIEWPORT, isMobile: true });
  });

  after(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  test('alice signs in on two pages (two profiles), bob and carol on one each', () =>
    step('signin', async () => {
      await Promise.all([
        signIn(pages.alice1, 'alice'),
        signIn(pages.alice2, 'alice'),
        signIn(pages.bob, 'bob'),
        signIn(pages.carol, 'carol'),
      ]);
      assert.equal(await textOf(pages.alice1, 'my-number'), ALICE);
      assert.equal(await textOf(pages.alice2, 'my-number'), ALICE);
      assert.equal(await textOf(pages.bob, 'my-number'), BOB);
      assert.notEqual(await textOf(pages.alice1, 'device-id'), await textOf(pages.alice2, 'device-id'), 'one deviceId per profile');
      await screenshot(pages.alice1, '01-alice-registered');
    }));

  test('bob calls alice: both alice pages ring with the caller number', () =>
    step('ringing', async () => {
      await dial(pages.bob, ALICE);
      for (const page of [pages.alice1, pages.alice2]) {
        await waitForText(page, 'incoming-caller', BOB);
        // statuses in words; the contract's value only in data-status
        await waitForText(page, 'incoming-state', 'Ringing…');
        assert.equal(await byTestId(page, 'incoming-state').getAttribute('data-status'), 'Ringing');
      }
      await waitForText(pages.bob, 'call-state', 'Ringing…');
      await waitForText(pages.bob, 'status-line', `Ringing… to ${ALICE}`);
      await screenshot(pages.alice1, '02-alice1-ringing');
      await screenshotViewport(pages.alice2, '02-alice2-phone-ringing');
      await screenshot(pages.bob, '02-bob-ringing');
    }));

  test('a ringing page plays its ringtone, names the caller in the tab title and shows a notification', () =>
    step('alerting', async () => {
      for (const page of [pages.alice1, pages.alice2]) {
        assert.equal(await page.title(), `Incoming call from ${BOB} · BYON softphone (demo)`);
        // the ringtone is sounding: the level of what the page plays, over one ring cadence (3 s)
        const level = await maxOver(page, () => window.byonSoftphoneUi.alerting.ringtone.level(), 3200);
        assert.ok(level > 0.1, `${page.label}: the ringtone sounds (peak ${level})`);
        const shown = await page.evaluate(() => window.byonSoftphoneUi.alerting.shown);
        assert.equal(shown.length, 1, `${page.label}: one notification for the call: ${JSON.stringify(shown)}`);
        assert.equal(shown[0].title, 'Incoming call');
        assert.match(shown[0].body, new RegExp(`From \\${BOB}`));
        assert.equal(shown[0].closed, false);
      }
      // the caller's page does not ring
      assert.equal(await pages.bob.evaluate(() => window.byonSoftphoneUi.alerting.ringtone.playing), false);
    }));

  test('on a 390 px wide phone screen the incoming call is in view without scrolling', () =>
    step('phone-screen', async () => {
      const page = pages.alice2;
      // it stays in view wherever the page is scrolled
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      for (const id of ['incoming-call', 'answer-button', 'decline-button']) {
        const box = await byTestId(page, id).boundingBox();
        assert.ok(box, `${id} is shown`);
        assert.ok(box.y >= 0 && box.y + box.height <= PHONE_VIEWPORT.height, `${id} is within the screen's height: ${JSON.stringify(box)}`);
        assert.ok(box.x >= 0 && box.x + box.width <= PHONE_VIEWPORT.width, `${id} is within the screen's width: ${JSON.stringify(box)}`);
      }
      const answer = await byTestId(page, 'answer-button').boundingBox();
      assert.ok(answer.height >= 40, `the Answer button is big enough to tap (${answer.height} px)`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no sideways scrolling on a phone (${overflow} px too wide)`);
      await screenshotViewport(page, '02-alice2-phone-ringing-scrolled');
      await page.evaluate(() => window.scrollTo(0, 0));
    }));

  test('alice answers on one page; the other page stops ringing', () =>
    step('answer', async () => {
      await byTestId(pages.alice1, 'answer-button').click();
      await waitForText(pages.alice1, 'call-state', 'Connected');
      await waitForText(pages.bob, 'call-state', 'Connected');
      await byTestId(pages.alice2, 'incoming-call').waitFor({ state: 'detached', timeout: 10_000 });
      assert.equal(await byTestId(pages.alice2, 'incoming-section').isHidden(), true);
      assert.equal(await byTestId(pages.alice2, 'call-panel').isHidden(), true);
      await waitForText(pages.alice2, 'last-call', /answered on another device/);
      await screenshot(pages.alice2, '03-alice2-answered-elsewhere');
      // the ringing stopped everywhere: ringtone silent, title back, notification closed
      for (const page of [pages.alice1, pages.alice2]) {
        assert.equal(await page.evaluate(() => window.byonSoftphoneUi.alerting.ringtone.playing), false, `${page.label}: ringtone stopped`);
        assert.deepEqual(await page.evaluate(() => window.byonSoftphoneUi.alerting.shown.map((n) => n.closed)), [true]);
      }
      assert.equal(await pages.alice1.title(), `In call with ${BOB} · BYON softphone (demo)`);
      assert.equal(await pages.alice2.title(), 'BYON softphone (demo)');
    }));

  test('both connected pages reach RTCPeerConnection.connectionState "connected"', () =>
    step('media', async () => {
      await waitForPeerConnection(pages.alice1, 'connected');
      await waitForPeerConnection(pages.bob, 'connected');
      await waitForText(pages.alice1, 'media-state', 'connected');
      await screenshot(pages.alice1, '04-alice1-connected');
      await screenshot(pages.bob, '04-bob-connected');
    }));

  test('the call card counts the call time and shows the microphone level', () =>
    step('timer-meter', async () => {
      for (const page of [pages.alice1, pages.bob]) {
        const t0 = await timerSeconds(page);
        await page.waitForTimeout(2100);
        const t1 = await timerSeconds(page);
        assert.ok(t1 - t0 >= 2 && t1 - t0 <= 3, `${page.label}: the timer counts seconds (${t0} s, then ${t1} s)`);
        // Chromium's fake microphone beeps twice a second
        const level = await maxOver(page, () => Number(document.querySelector('[data-testid="mic-level"]').value), 1500);
        assert.ok(level > 0.3, `${page.label}: the meter shows the microphone (peak ${level} on its -60..0 dBFS scale)`);
      }
    }));

  test('mute silences the microphone towards the other party; unmute brings it back', () =>
    step('mute', async () => {
      // Chromium's fake microphone beeps twice a second
      const unmuted = await energyOverOneSecond(pages.alice1);
      assert.ok(unmuted > 0, `alice hears bob (energy ${unmuted} per second)`);
      await byTestId(pages.bob, 'mute-button').click();
      await waitForText(pages.bob, 'mute-button', 'Unmute');
      assert.equal(await byTestId(pages.bob, 'mute-button').getAttribute('aria-pressed'), 'true');
      assert.equal(await byTestId(pages.bob, 'mic-muted').isVisible(), true);
      const muted = await maxOver(pages.bob, () => Number(document.querySelector('[data-testid="mic-level"]').value), 1000);
      assert.equal(muted, 0, `bob's meter shows silence while muted (${muted})`);
      const whileMuted = await energyUntil(pages.alice1, (e) => e < unmuted / 20);
      await screenshot(pages.bob, '04-bob-muted');
      await byTestId(pages.bob, 'mute-button').click();
      await waitForText(pages.bob, 'mute-button', 'Mute');
      const afterUnmute = await energyUntil(pages.alice1, (e) => e > unmuted / 4);
      console.log(`mute: alice receives ${unmuted} per second, muted ${whileMuted}, after unmute ${afterUnmute}`);
      await waitForPeerConnection(pages.bob, 'connected');
    }));

  test('the keypad sends tones in the call (RFC 4733 through RTCDTMFSender)', () =>
    step('keypad', async () => {
      await byTestId(pages.alice1, 'keypad-button').click();
      await byTestId(pages.alice1, 'dtmf-pad').waitFor({ state: 'visible' });
      for (const key of ['4', '2', '*']) {
        await pages.alice1.locator(`[data-testid="dtmf-pad"] [data-dtmf="${key}"]`).click();
      }
      await waitForText(pages.alice1, 'dtmf-sent', '42*');
      assert.match(await eventLog(pages.alice1), /DTMF 4 sent \(RFC 4733\)/);
      await screenshot(pages.alice1, '04-alice1-keypad');
      await byTestId(pages.alice1, 'keypad-button').click();
      assert.equal(await byTestId(pages.alice1, 'dtmf-pad').isHidden(), true);
    }));

  test('carol calls alice while alice is in the call and sees busy', () =>
    step('busy', async () => {
      await dial(pages.carol, ALICE);
      await waitForText(pages.carol, 'last-call', /Busy/);
      assert.equal(await byTestId(pages.carol, 'last-call').getAttribute('data-status'), 'Busy');
      assert.equal(await byTestId(pages.alice1, 'incoming-section').isHidden(), true, 'alice is not offered the call');
      assert.equal(await byTestId(pages.alice2, 'incoming-section').isHidden(), true, 'alice is not offered the call');
      await screenshot(pages.carol, '05-carol-busy');
    }));

  test('hold and resume from either side; media stays connected', () =>
    step('hold', async () => {
      // alice (the answering, incoming leg) holds and resumes
      await byTestId(pages.alice1, 'hold-button').click();
      await waitForText(pages.alice1, 'call-state', 'On hold');
      await waitForText(pages.bob, 'call-state', 'On hold');
      assert.equal(await byTestId(pages.bob, 'call-state').getAttribute('data-status'), 'Hold');
      await waitForText(pages.bob, 'status-line', /Held by/);
      // the hold is renegotiated: alice's sendonly offer, the answer from the gateway applied
      await waitForMediaDirection(pages.alice1, 'sendonly');
      await waitForMediaDirection(pages.bob, 'recvonly');
      await screenshot(pages.alice1, '06-alice1-hold');
      await screenshot(pages.bob, '06-bob-held');
      await byTestId(pages.alice1, 'resume-button').click();
      await waitForText(pages.alice1, 'call-state', 'Connected');
      await waitForText(pages.bob, 'call-state', 'Connected');
      await waitForMediaDirection(pages.alice1, 'sendrecv');
      await waitForMediaDirection(pages.bob, 'sendrecv');
      // bob (the caller, outgoing leg) holds and resumes
      await byTestId(pages.bob, 'hold-button').click();
      await waitForText(pages.bob, 'call-state', 'On hold');
      await waitForText(pages.alice1, 'call-state', 'On hold');
      await waitForMediaDirection(pages.bob, 'sendonly');
      await waitForMediaDirection(pages.alice1, 'recvonly');
      await byTestId(pages.bob, 'resume-button').click();
      await waitForText(pages.bob, 'call-state', 'Connected');
      await waitForText(pages.alice1, 'call-state', 'Connected');
      await waitForMediaDirection(pages.bob, 'sendrecv');
      await waitForMediaDirection(pages.alice1, 'sendrecv');
      await assertNoHoldFallback(pages.alice1);
      await assertNoHoldFallback(pages.bob);
      await waitForPeerConnection(pages.alice1, 'connected');
      await waitForPeerConnection(pages.bob, 'connected');
      await screenshot(pages.alice1, '07-alice1-resumed');
    }));

  test('bob hangs up; alice\'s page shows that the call ended', () =>
    step('hangup', async () => {
      await byTestId(pages.bob, 'hangup-button').click();
      await waitForText(pages.alice1, 'last-call', /other party hung up/);
      assert.equal(await byTestId(pages.alice1, 'last-call').getAttribute('data-status'), 'Terminated');
      assert.equal(await byTestId(pages.alice1, 'call-panel').isHidden(), true);
      assert.equal(await peerConnectionState(pages.alice1), null, 'no call left on the page');
      await waitForText(pages.bob, 'last-call', /you hung up/);
      await screenshot(pages.alice1, '08-alice1-call-ended');
    }));

  test('each page keeps a call history that says what happened; a number in it can be dialled again', () =>
    step('history', async () => {
      const [alice1] = await historyEntries(pages.alice1);
      assert.equal(alice1.number, BOB);
      assert.equal(alice1.direction, 'Incoming');
      const [, minutes, seconds] = /^Incoming call, (\d+):([0-5][0-9])$/.exec(alice1.outcome) || [];
      assert.ok(Number(minutes) * 60 + Number(seconds) >= 5, `the call lasted the steps above: ${alice1.outcome}`);
      const [alice2] = await historyEntries(pages.alice2);
      assert.deepEqual(alice2, { number: BOB, outcome: 'Answered on another device', status: 'Terminated', reason: 'ANSWERED_ELSEWHERE', direction: 'Incoming' });
      const [bob] = await historyEntries(pages.bob);
      assert.equal(bob.number, ALICE);
      assert.match(bob.outcome, /^Outgoing call, \d+:[0-5][0-9]$/);
      const [carol] = await historyEntries(pages.carol);
      assert.equal(carol.number, ALICE);
      assert.equal(carol.status, 'Busy');
      assert.match(carol.outcome, /^Not answered: Busy/);
      await pages.carol.locator('[data-testid="history-entry"] [data-testid="history-number"]').first().click();
      assert.equal(await byTestId(pages.carol, 'dial-input').inputValue(), ALICE);
      await byTestId(pages.carol, 'dial-input').fill('');
      await screenshot(pages.alice1, '08-alice1-history');
      await screenshotViewport(pages.alice2, '08-alice2-phone-history');
    }));

  test('a call to the answering external test number connects and its SDP answer is accepted', () =>
    step('external', async () => {
      try {
        await externalCall();
      } finally {
        await hangUpIfInCall(pages.bob);
      }
    }));

  async function externalCall() {
    await dial(pages.bob, ANSWERING_TEST_NUMBER);
    await waitForText(pages.bob, 'call-state', 'Connected', 10_000);
    const sdp = await pages.bob.evaluate(() => {
      const call = window.byonSoftphone.activeCall;
      return {
        applied: call.remoteAnswerApplied,
        signalingState: call.pc.signalingState,
        remoteType: call.pc.currentRemoteDescription?.type ?? null,
      };
    });
    assert.deepEqual(sdp, { applied: true, signalingState: 'stable', remoteType: 'answer' }, await eventLog(pages.bob));
    await waitForText(pages.bob, 'sdp-note', '(answer applied)');
    await screenshot(pages.bob, '09-bob-external-connected');
    // the network answers the hold and resume re-offers too, keeping its ICE and DTLS parameters
    await byTestId(pages.bob, 'hold-button').click();
    await waitForText(pages.bob, 'call-state', 'On hold');
    await waitForMediaDirection(pages.bob, 'sendonly');
    await byTestId(pages.bob, 'resume-button').click();
    await waitForText(pages.bob, 'call-state', 'Connected');
    await waitForMediaDirection(pages.bob, 'sendrecv');
    await assertNoHoldFallback(pages.bob);
    await byTestId(pages.bob, 'hangup-button').click();
    await waitForText(pages.bob, 'last-call', /you hung up/);
  }

  test('errors are shown as human messages', () =>
    step('errors', async () => {
      // a number that is not E.164 is refused before any request
      await dial(pages.carol, '12ab');
      await waitForText(pages.carol, 'error-message', /international format/);
      // a wrong password: the identity provider's login page refuses it and the page stays signed out
      const stranger = await openSoftphone(browser, gateway.baseUrl, 'wrong-password');
      pages.stranger = stranger;
      await byTestId(stranger, 'signin-button').click();
      await stranger.locator('input[name="username"]').fill('bob');
      await stranger.locator('input[name="password"]').fill('bob-secret');
      await stranger.locator('button[type="submit"]').click();
      await stranger.waitForURL(/\/login\?error/);
      assert.match(await stranger.locator('body').textContent(), /Invalid credentials|Bad credentials/);
      await screenshot(stranger, '10-wrong-password');
      await stranger.context().close();
      delete pages.stranger;
    }));

  test('the page refreshes its registration with a new token before the token expires', () =>
    step('refresh', async () => {
      // tokens live TOKEN_TTL_SECONDS; the page refreshes at about 3/4 of that
      await waitForText(pages.alice1, 'refresh-count', /^[1-9]/, TOKEN_TTL_SECONDS * 1000);
      await pages.alice1.waitForTimeout(1000);
      assert.equal(await textOf(pages.alice1, 'registration-state'), 'Registered');
      // still reachable after the refresh: bob calls alice and hangs up before answer
      await hangUpIfInCall(pages.bob);
      await dial(pages.bob, ALICE);
      await waitForText(pages.alice1, 'incoming-caller', BOB);
      await byTestId(pages.bob, 'hangup-button').click();
      await byTestId(pages.alice1, 'incoming-call').waitFor({ state: 'detached', timeout: 10_000 });
      await waitForText(pages.alice1, 'last-call', /Missed call/);
      const [missed] = await historyEntries(pages.alice1);
      assert.equal(missed.outcome, 'Missed call');
      assert.equal(missed.number, BOB);
    }));

  test('the call history stays in the browser profile: a new tab signed in as carol shows her busy call', () =>
    step('history-kept', async () => {
      const tab = await pages.carol.context().newPage();
      tab.label = 'carol-tab2';
      tab.consoleErrors = [];
      await tab.goto(`${gateway.baseUrl}/softphone/index.html`);
      await waitForText(tab, 'history-empty', /Sign in/);
      // the second tab of the same profile takes the registration over from the first
      await signIn(tab, 'carol');
      const entries = await historyEntries(tab);
      assert.equal(entries.length, 1, JSON.stringify(entries));
      assert.equal(entries[0].status, 'Busy');
      await tab.close();
    }));

  test('the page holds no client secret: its sources name none and it signs in through the login page', () =>
    step('no-secret', async () => {
      const files = await pages.bob.evaluate(() => [location.href, ...performance.getEntriesByType('resource').map((r) => r.name)]
        .filter((u) => u.startsWith(location.origin + '/softphone/')));
      assert.ok(files.some((u) => u.endsWith('/js/auth.js')) && files.some((u) => u.includes('/sdk/')), JSON.stringify(files));
      for (const url of files) {
        const text = await (await fetch(url.replace(/[?#].*$/, ''))).text();
        assert.doesNotMatch(text, /client_secret|-secret\b|grant_type=client_credentials|Basic /, `${url} holds no secret`);
      }
    }));

  test('a reload keeps the registration: the channel and registration resume and a new call rings the page', () =>
    step('reload', async () => {
      const ids = () => pages.alice1.evaluate(() => ({ channel: window.byonSoftphone.channel?.channelId,
        registration: window.byonSoftphone.registration?.racmSessionId }));
      const before = await ids();
      assert.ok(before.registration, 'registered before the reload');
      await pages.alice1.reload();
      await waitForText(pages.alice1, 'registration-state', 'Registered', 30_000);
      assert.deepEqual(await ids(), before, 'the same channel and registration after the reload');
      assert.match(await eventLog(pages.alice1), /resumed on channel/);
      await dial(pages.bob, ALICE);
      await waitForText(pages.alice1, 'incoming-caller', BOB);
      await byTestId(pages.bob, 'hangup-button').click();
      await byTestId(pages.alice1, 'incoming-call').waitFor({ state: 'detached', timeout: 10_000 });
      await screenshot(pages.alice1, '11-alice1-reloaded');
    }));

  test('closing a page ends its registration after the grace period; a call no longer rings it', () =>
    step('close', async () => {
      const gone = await pages.alice2.evaluate(() => window.byonSoftphone.registration.racmSessionId);
      // the page's own token (client softphone): a resource belongs to the client and the subscriber, so another
      // client's token of alice would see 404 at once. Closing the page does not revoke it (no logout)
      const token = await pages.alice2.evaluate(() => window.byonSoftphone.auth.accessToken);
      otherBrowserToken = token;
      assert.equal((await api('GET', `/racm/sessions/${gone}`, token)).status, 200, 'the registration is visible before the close');
      await pages.alice2.context().close();
      delete pages.alice2;
      const t0 = Date.now();
      let status;
      do {
        await new Promise((r) => setTimeout(r, 250));
        status = (await api('GET', `/racm/sessions/${gone}`, token)).status;
      } while (status !== 404 && Date.now() - t0 < (GRACE_SECONDS + 15) * 1000);
      const endedAfter = Date.now() - t0;
      assert.equal(status, 404, `the closed page's registration ended (${endedAfter} ms after the close)`);
      assert.ok(endedAfter >= GRACE_SECONDS * 1000 - 500, `it lived through the grace period (${endedAfter} ms)`);
      console.log(`closed page: registration ended ${endedAfter} ms after the close (grace ${GRACE_SECONDS} s)`);
      // bob calls alice: only the page that is still open rings
      await dial(pages.bob, ALICE);
      await waitForText(pages.alice1, 'incoming-caller', BOB);
      const calls = await (await fetch(`${gateway.baseUrl}/simulator/v1/calls`, { headers: { 'X-Simulator-Key': SIMULATOR_KEY } })).json();
      const legs = calls.flatMap((c) => c.legs);
      assert.equal(legs.filter((l) => l.direction === 'Incoming').length, 1, JSON.stringify(calls));
      assert.ok(!legs.some((l) => l.racmSessionId === gone), 'no leg for the closed page');
      await byTestId(pages.bob, 'hangup-button').click();
      await byTestId(pages.alice1, 'incoming-call').waitFor({ state: 'detached', timeout: 10_000 });
    }));

  test('logout de-registers, deletes the channel, revokes the token and ends the login session', () =>
    step('logout', async () => {
      const page = pages.alice1;
      const before = await page.evaluate(() => ({ token: window.byonSoftphone.auth.accessToken,
        channel: window.byonSoftphone.channel.channelId, registration: window.byonSoftphone.registration.racmSessionId }));
      assert.equal((await api('GET', '/channels', before.token)).status, 200, 'the page token works before');
      // alice's other browser (closed above): the same client, its own login session, which this logout leaves alone
      const token = otherBrowserToken;
      assert.ok(token, 'the closed page left its token');
      assert.equal((await api('GET', `/channels/${before.channel}`, token)).status, 200, 'the other browser sees the channel before');
      await byTestId(page, 'signout-button').click();
      await waitForText(page, 'registration-state', 'Signed out');
      await waitForText(page, 'status-line', 'Logged out');
      const refused = await api('GET', '/channels', before.token);
      assert.equal(refused.status, 401, 'the token is refused after the logout');
      assert.equal((await refused.json()).code, 'UNAUTHENTICATED');
      assert.equal((await api('GET', `/racm/sessions/${before.registration}`, token)).status, 404, 'de-registered');
      assert.equal((await api('GET', `/channels/${before.channel}`, token)).status, 404, 'channel deleted');
      assert.equal(await page.evaluate(() => sessionStorage.getItem('byon.softphone.resume')), null);
      // the login session has ended: signing in again shows the login page
      await byTestId(page, 'signin-button').click();
      await page.locator('input[name="username"]').waitFor({ state: 'visible', timeout: 15_000 });
      await screenshot(page, '12-alice1-logged-out-login-page');
    }));

  function api(method, path, token) {
    return fetch(`${gateway.baseUrl}/byon/v0.2${path}`, { method, headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  }
});
