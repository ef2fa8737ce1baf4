// Real media in SIP mode (issue 15): the gateway in SIP mode with the IMS lab as its network, rtpengine as the
// access media gateway (driven by Kamailio), baresip as a real SIP phone. Chromium's fake microphone plays a
// 660 Hz sine, the phone a 440 Hz sine; each side must hear the other's tone. The page's phone
// controls are used as a person would: the keypad sends the DTMF, the mute button mutes.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { startGateway, targetDir } from './support/gateway.mjs';
import {
  byTestId,
  CHROMIUM_ARGS,
  dial,
  energyOverOneSecond,
  energyUntil,
  eventLog,
  historyEntries,
  maxOver,
  openSoftphone,
  PHONE_VIEWPORT,
  screenshot,
  screenshotViewport,
  signIn,
  timerSeconds,
  waitForPeerConnection,
  waitForText,
} from './support/browser.mjs';
import { Baresip, freeUdpPort, sineWav, soxStat, startMediaLab } from './support/media-lab.mjs';

const ALICE = '+447700900001';
const PHONE = '+447700900150';
const BROWSER_HZ = 660;
const PHONE_HZ = 440;
const DOMAIN = 'ims.example.org';
// "not silent": above -40 dBFS RMS. The level the phone records for the same 0.5-amplitude sine
// varies between runs and calls (RMS 0.04 to 0.23, peak 0.05 to 0.98; the page's own meter shows
// about the same level each time, so the drop is after the microphone: not explained yet). The
// frequency check says whose audio it is.
const NOT_SILENT_RMS = 0.01;

let lab;
let gateway;
let browser;
let phone;
let smartphone;
const pages = {};
const measured = {};

/** Audio RTP statistics of the page's call, from RTCPeerConnection.getStats(). */
function audioStats(page) {
  return page.evaluate(async () => {
    const pc = window.byonSoftphone.activeCall?.pc;
    if (!pc) return null;
    const reports = [...(await pc.getStats()).values()];
    const inbound = reports.find((r) => r.type === 'inbound-rtp' && r.kind === 'audio');
    const outbound = reports.find((r) => r.type === 'outbound-rtp' && r.kind === 'audio');
    const codec = inbound && reports.find((r) => r.id === inbound.codecId);
    const pair = reports.find((r) => r.type === 'candidate-pair' && r.nominated && r.state === 'succeeded');
    const remote = pair && reports.find((r) => r.id === pair.remoteCandidateId);
    return {
      packetsReceived: inbound?.packetsReceived ?? 0,
      audioLevel: inbound?.audioLevel ?? 0,
      totalAudioEnergy: inbound?.totalAudioEnergy ?? 0,
      packetsSent: outbound?.packetsSent ?? 0,
      codec: codec?.mimeType ?? null,
      remoteCandidate: remote ? `${remote.address}:${remote.port}` : null,
      direction: pc.getTransceivers()[0]?.currentDirection ?? null,
    };
  });
}

/** The page's ICE peer is rtpengine (a port of its RTP range), not the phone. */
function assertThroughMediaGateway(stats) {
  const port = Number(stats.remoteCandidate?.split(':').at(-1));
  const [min, max] = [Number(lab.env.MEDIA_RTPENGINE_RTP_MIN), Number(lab.env.MEDIA_RTPENGINE_RTP_MAX)];
  assert.ok(port >= min && port <= max, `media goes through rtpengine (ports ${min}-${max}): ICE peer ${stats.remoteCandidate}`);
}

/** Polls getStats() until the page receives audio with a non-zero level; returns the best sample. */
async function waitForInboundAudio(page, minPackets = 100, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let best = null;
  while (Date.now() < deadline) {
    const s = await audioStats(page);
    if (s && (!best || s.audioLevel >= best.audioLevel)) best = { ...s };
    if (s && s.packetsReceived >= minPackets && best.audioLevel > 0.01) return { ...s, audioLevel: best.audioLevel };
    await page.waitForTimeout(250);
  }
  throw new Error(`${page.label}: no inbound audio (best sample ${JSON.stringify(best)})\n${await eventLog(page)}`);
}

/** Waits until a counter of getStats() grows (`grows`) or stays put (`!grows`) over one second. */
async function counterOverOneSecond(page, counter) {
  const a = (await audioStats(page))[counter];
  await page.waitForTimeout(1000);
  const b = (await audioStats(page))[counter];
  return b - a;
}

async function waitForDirection(page, direction) {
  await page.waitForFunction((d) => window.byonSoftphone.activeCall?.pc?.getTransceivers()[0]?.currentDirection === d, direction, {
    timeout: 10_000,
  });
}

/** The recording of the phone's last call, once the call closed and the file is final. */
async function phoneHeard(p, label) {
  const file = p.latestRecording();
  assert.ok(file, `${p.name} recorded nothing`);
  const stat = await soxStat(file);
  measured[label] = { file: path.basename(file), ...stat };
  return stat;
}

async function step(name, fn) {
  try {
    await fn();
  } catch (e) {
    for (const page of Object.values(pages)) {
      console.error(await eventLog(page));
      await screenshot(page, `FAILED-media-${name}-${page.label}`).catch(() => {});
    }
    throw e;
  }
}

for (const tool of ['rtpengine', 'baresip', 'sox', 'kamailio', 'sipp']) {
  if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
    throw new Error(`${tool} is not installed: apt-get install rtpengine-daemon baresip sox kamailio sip-tester (or -Dbyon.e2e.skip=true)`);
  }
}

describe('real media in SIP mode: Chromium <-> rtpengine <-> baresip', { timeout: 240_000 }, () => {
  before(async () => {
    const sipPort = await freeUdpPort();
    const fakeMic = await sineWav(path.join(targetDir, `browser-mic-${BROWSER_HZ}hz.wav`), BROWSER_HZ);
    lab = await startMediaLab({ MEDIA_WEBRTC_GW_PORT: String(sipPort), MEDIA_PHONE_TONE_HZ: String(PHONE_HZ), LAB_RING_MS: '20000', LAB_DOMAIN: DOMAIN });
    const [gw, br] = await Promise.allSettled([
      startGateway([
        '--byon.network.mode=sip',
        `--byon.sip.outbound-proxy=127.0.0.1:${lab.env.LAB_KAM_PORT}`,
        `--byon.sip.domain=${DOMAIN}`,
        `--byon.sip.local-port=${sipPort}`,
        '--byon.sip.credentials.alice.password=alice-sip',
        '--byon.sip.credentials.bob.password=bob-sip',
        '--byon.sip.credentials.carol.password=carol-sip',
      ], { logName: 'gateway-media.log' }),
      chromium.launch({
        executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
        headless: true,
        args: [...CHROMIUM_ARGS, `--use-file-for-fake-audio-capture=${fakeMic}`],
      }),
    ]);
    gateway = gw.value;
    browser = br.value;
    if (gw.status === 'rejected' || br.status === 'rejected') throw gw.reason || br.reason;
    phone = await new Baresip('phone', Number(lab.env.MEDIA_PHONE_CTRL_PORT), lab.env.MEDIA_PHONE_DIR).connect();
    smartphone = await new Baresip('smartphone', Number(lab.env.MEDIA_SMARTPHONE_CTRL_PORT), lab.env.MEDIA_SMARTPHONE_DIR).connect();
    for (const label of ['alice1', 'bob']) {
      pages[label] = await openSoftphone(browser, gateway.baseUrl, label);
    }
    // alice's second page is a phone-sized screen: it answers the SIP phone's call
    pages.alice2 = await openSoftphone(browser, gateway.baseUrl, 'alice2', { viewport: PHONE_VIEWPORT, isMobile: true });
  });

  after(async () => {
    writeFileSync(path.join(targetDir, 'media-measurements.json'), `${JSON.stringify(measured, null, 2)}\n`);
    console.log(`media measurements: ${JSON.stringify(measured)}`);
    phone?.close();
    smartphone?.close();
    await browser?.close();
    await gateway?.stop();
    await lab?.stop();
  });

  test('alice signs in on two pages, bob on one; the SIP phone and her smartphone are registered too', () =>
    step('signin', async () => {
      await Promise.all([signIn(pages.alice1, 'alice'), signIn(pages.alice2, 'alice'), signIn(pages.bob, 'bob')]);
      await screenshot(pages.alice1, 'media-01-alice-registered');
    }));

  test("alice's softphone calls the SIP phone: connected through rtpengine, audio both ways", () =>
    step('call-phone', async () => {
      const since = phone.events.length;
      await dial(pages.alice1, PHONE);
      await waitForText(pages.alice1, 'call-state', 'Connected', 15_000);
      await waitForPeerConnection(pages.alice1, 'connected');
      await phone.waitForEvent('CALL_ESTABLISHED', 10_000, since);
      const stats = await waitForInboundAudio(pages.alice1);
      measured.aliceCallsPhone = stats;
      assert.equal(stats.codec, 'audio/PCMU', 'G.711 end to end, no transcoding');
      assert.ok(stats.packetsSent > 50, `alice sends RTP (${stats.packetsSent} packets)`);
      // the media goes to rtpengine, not to baresip: the browser's ICE peer is the media gateway
      assertThroughMediaGateway(stats);
      // the call card: status in words, the timer running, the meter showing the 660 Hz microphone
      assert.equal(await byTestId(pages.alice1, 'call-state').getAttribute('data-status'), 'Connected');
      assert.ok((await timerSeconds(pages.alice1)) >= 1, 'the call timer runs');
      const level = await maxOver(pages.alice1, () => Number(document.querySelector('[data-testid="mic-level"]').value), 1000);
      measured.aliceMicMeterPeak = level;
      assert.ok(level > 0.3, `the microphone meter shows the tone (peak ${level} on its -60..0 dBFS scale)`);
      await screenshot(pages.alice1, 'media-02-alice-calls-phone-connected');
    }));

  test("DTMF from the page's keypad (RFC 4733 through RTCDTMFSender) reaches the phone through rtpengine", () =>
    step('dtmf', async () => {
      const since = phone.events.length;
      assert.equal(
        await pages.alice1.evaluate(() => window.byonSoftphone.activeCall.pc.getSenders().find((s) => s.track?.kind === 'audio').dtmf.canInsertDTMF),
        true,
        'the negotiated session has telephone-event',
      );
      await byTestId(pages.alice1, 'keypad-button').click();
      // one key after the other at a person's pace: each once the phone has received the whole
      // digit before (start and end), and half a second later. With two keys pressed 300 ms apart,
      // at once, or as soon as the phone saw the first digit start, the phone missed the second digit
      // in 3 of 9 runs on a loaded machine (load average 16-40; each time the first digit's packets
      // arrived in one burst, start and end in the same millisecond). Not diagnosed yet.
      const keys = [];
      for (const key of ['1', '#']) {
        const before = phone.events.length;
        await pages.alice1.locator(`[data-testid="dtmf-pad"] [data-dtmf="${key}"]`).click();
        const e = await phone.waitFor((m) => m.event && m.type === 'CALL_DTMF_START' && m.param === key, 10_000, `DTMF ${key}`, before);
        keys.push(e.param);
        await phone.waitFor((m) => m.event && m.type === 'CALL_DTMF_END', 10_000, `end of DTMF ${key}`, before);
        await pages.alice1.waitForTimeout(500);
      }
      await waitForText(pages.alice1, 'dtmf-sent', '1#');
      measured.dtmfReceivedByPhone = keys.join('');
      assert.match(phone.eventLog(), /"type":"CALL_DTMF_START".*"param":"1"/);
      await screenshot(pages.alice1, 'media-02b-alice-keypad');
      await byTestId(pages.alice1, 'keypad-button').click();
    }));

  test('hold and resume switch the media direction on both sides', () =>
    step('hold', async () => {
      // alice holds: her side sendonly, the phone's recvonly, so nothing arrives at alice any more
      await byTestId(pages.alice1, 'hold-button').click();
      await waitForText(pages.alice1, 'call-state', 'On hold');
      await waitForDirection(pages.alice1, 'sendonly');
      await pages.alice1.waitForTimeout(500);
      const whileHeld = await counterOverOneSecond(pages.alice1, 'packetsReceived');
      await screenshot(pages.alice1, 'media-03-alice-holds');
      await byTestId(pages.alice1, 'resume-button').click();
      await waitForText(pages.alice1, 'call-state', 'Connected');
      await waitForDirection(pages.alice1, 'sendrecv');
      await pages.alice1.waitForTimeout(500);
      const afterResume = await counterOverOneSecond(pages.alice1, 'packetsReceived');
      measured.aliceHold = { packetsReceivedPerSecondWhileHeld: whileHeld, packetsReceivedPerSecondAfterResume: afterResume };
      assert.ok(whileHeld <= 5, `the phone stopped sending while alice held (${whileHeld} packets/s)`);
      assert.ok(afterResume >= 25, `the phone sends again after resume (${afterResume} packets/s)`);
      // the phone holds: alice's side becomes recvonly, she stops sending
      await phone.command('hold');
      await waitForText(pages.alice1, 'call-state', 'On hold');
      await waitForDirection(pages.alice1, 'recvonly');
      await pages.alice1.waitForTimeout(500);
      const sentWhileHeld = await counterOverOneSecond(pages.alice1, 'packetsSent');
      await screenshot(pages.alice1, 'media-04-phone-holds');
      await phone.command('resume');
      await waitForText(pages.alice1, 'call-state', 'Connected');
      await waitForDirection(pages.alice1, 'sendrecv');
      await pages.alice1.waitForTimeout(500);
      const sentAfterResume = await counterOverOneSecond(pages.alice1, 'packetsSent');
      measured.phoneHold = { packetsSentPerSecondWhileHeld: sentWhileHeld, packetsSentPerSecondAfterResume: sentAfterResume };
      assert.ok(sentWhileHeld <= 5, `alice stopped sending while the phone held (${sentWhileHeld} packets/s)`);
      assert.ok(sentAfterResume >= 25, `alice sends again after the phone resumed (${sentAfterResume} packets/s)`);
    }));

  test('alice hangs up: the call ends on both sides and the phone heard her tone', () =>
    step('hangup-alice', async () => {
      const since = phone.events.length;
      await byTestId(pages.alice1, 'hangup-button').click();
      await waitForText(pages.alice1, 'last-call', /you hung up/);
      await phone.waitForEvent('CALL_CLOSED', 10_000, since);
      const heard = await phoneHeard(phone, 'phoneHeardAlice');
      assert.ok(heard.rms > NOT_SILENT_RMS, `the phone's recording is not silent (RMS ${heard.rms})`);
      assert.ok(Math.abs(heard.frequency - BROWSER_HZ) < 60, `the phone heard alice's ${BROWSER_HZ} Hz tone (${heard.frequency} Hz)`);
      await screenshot(pages.alice1, 'media-05-alice-hung-up');
      const [last] = await historyEntries(pages.alice1);
      assert.equal(last.number, PHONE);
      assert.match(last.outcome, /^Outgoing call, \d+:\d\d$/);
    }));

  test('the SIP phone calls alice: both pages and her smartphone ring, one page answers, audio both ways', () =>
    step('phone-calls', async () => {
      const smartSince = smartphone.events.length;
      await phone.command('dial', `sip:${ALICE}@${DOMAIN}`);
      for (const page of [pages.alice1, pages.alice2]) {
        await waitForText(page, 'incoming-caller', PHONE);
      }
      await smartphone.waitForEvent('CALL_INCOMING', 10_000, smartSince);
      assert.equal(await pages.alice2.title(), `Incoming call from ${PHONE} · BYON softphone (demo)`);
      const ring = await maxOver(pages.alice2, () => window.byonSoftphoneUi.alerting.ringtone.level(), 3200);
      assert.ok(ring > 0.1, `alice's page rings (ringtone peak ${ring})`);
      await screenshot(pages.alice2, 'media-06-alice2-ringing');
      await byTestId(pages.alice2, 'answer-button').click();
      await waitForText(pages.alice2, 'call-state', 'Connected');
      await waitForPeerConnection(pages.alice2, 'connected');
      await byTestId(pages.alice1, 'incoming-call').waitFor({ state: 'detached', timeout: 10_000 });
      await smartphone.waitForEvent('CALL_CLOSED', 10_000, smartSince);
      const stats = await waitForInboundAudio(pages.alice2);
      measured.phoneCallsAlice = stats;
      // what alice's page sends, as its meter shows it (to tell a quiet microphone from a lossy path)
      measured.alice2MicMeterPeak = await maxOver(pages.alice2, () => Number(document.querySelector('[data-testid="mic-level"]').value), 500);
      assertThroughMediaGateway(stats);
      // on the phone screen the call card comes first: its controls are on the screen without scrolling
      await pages.alice2.evaluate(() => window.scrollTo(0, 0));
      for (const id of ['call-state', 'call-timer', 'mic-level', 'mute-button', 'keypad-button', 'hold-button', 'hangup-button']) {
        const box = await byTestId(pages.alice2, id).boundingBox();
        assert.ok(box && box.y >= 0 && box.y + box.height <= PHONE_VIEWPORT.height && box.x + box.width <= PHONE_VIEWPORT.width,
          `${id} is on the 390 px phone screen: ${JSON.stringify(box)}`);
      }
      await screenshotViewport(pages.alice2, 'media-07-alice2-phone-answered');
    }));

  test('the phone hangs up: the call ends on the page; the phone heard alice', () =>
    step('hangup-phone', async () => {
      await pages.alice2.waitForTimeout(1000);
      const since = phone.events.length;
      await phone.command('hangup');
      await phone.waitForEvent('CALL_CLOSED', 10_000, since);
      await waitForText(pages.alice2, 'last-call', /other party hung up/);
      const heard = await phoneHeard(phone, 'phoneHeardAlice2');
      assert.ok(heard.rms > NOT_SILENT_RMS, `the phone's recording is not silent (RMS ${heard.rms})`);
      assert.ok(Math.abs(heard.frequency - BROWSER_HZ) < 60, `the phone heard alice's ${BROWSER_HZ} Hz tone (${heard.frequency} Hz)`);
      await screenshot(pages.alice2, 'media-08-phone-hung-up');
    }));

  test('WebRTC to WebRTC stays end to end: bob calls alice, no media gateway in the path', () =>
    step('webrtc-webrtc', async () => {
      await dial(pages.bob, ALICE);
      await waitForText(pages.alice1, 'incoming-caller', '+447700900002');
      await byTestId(pages.alice1, 'answer-button').click();
      await waitForText(pages.bob, 'call-state', 'Connected');
      await waitForPeerConnection(pages.bob, 'connected');
      const stats = await waitForInboundAudio(pages.bob);
      measured.bobCallsAlice = stats;
      const port = Number(stats.remoteCandidate.split(':').at(-1));
      assert.ok(port < Number(lab.env.MEDIA_RTPENGINE_RTP_MIN) || port > Number(lab.env.MEDIA_RTPENGINE_RTP_MAX),
        `bob's ICE peer is alice's browser, not rtpengine (${stats.remoteCandidate})`);
      assert.equal(stats.codec, 'audio/opus', 'browser to browser negotiates Opus');
      await screenshot(pages.bob, 'media-09-bob-alice-end-to-end');
      // alice mutes: bob receives no audio energy from her 660 Hz tone until she unmutes
      const unmuted = await energyOverOneSecond(pages.bob);
      assert.ok(unmuted > 0.0005, `bob hears alice (energy ${unmuted} per second)`);
      await byTestId(pages.alice1, 'mute-button').click();
      await waitForText(pages.alice1, 'mute-button', 'Unmute');
      const whileMuted = await energyUntil(pages.bob, (e) => e < unmuted / 20);
      await screenshot(pages.alice1, 'media-10-alice-muted');
      await byTestId(pages.alice1, 'mute-button').click();
      await waitForText(pages.alice1, 'mute-button', 'Mute');
      const afterUnmute = await energyUntil(pages.bob, (e) => e > unmuted / 4);
      measured.mute = { energyPerSecondUnmuted: unmuted, energyPerSecondMuted: whileMuted, energyPerSecondAfterUnmute: afterUnmute };
  }));
});
