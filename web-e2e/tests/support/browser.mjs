// Headless Chromium (Debian package) driven by playwright-core, and helpers for the softphone page.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { targetDir } from './gateway.mjs';

export const screenshotDir = path.join(targetDir, 'screenshots');

export const CHROMIUM_ARGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // WebRTC between pages of one machine: plain host candidates (no mDNS .local names),
  // loopback allowed
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--allow-loopback-in-peer-connection',
  // media must keep flowing in background pages
  '--autoplay-policy=no-user-gesture-required',
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** A softphone page in its own browser context (its own profile: own localStorage, own deviceId). */
export const PHONE_VIEWPORT = { width: 390, height: 844 };

export async function openSoftphone(browser, baseUrl, label, { viewport = { width: 1200, height: 800 }, isMobile = false } = {}) {
  const context = await browser.newContext({
    viewport,
    isMobile,
    hasTouch: isMobile,
    permissions: ['microphone', 'notifications'],
  });
  const page = await context.newPage();
  page.label = label;
  page.consoleErrors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      page.consoleErrors.push(msg.text());
    }
  });
  page.on('pageerror', (err) => page.consoleErrors.push(String(err)));
  await page.goto(`${baseUrl}/softphone/index.html`);
  return page;
}

export const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`);

export async function textOf(page, id) {
  return (await byTestId(page, id).first().textContent())?.trim();
}

/** Waits until the element's text matches `expected` (string: equality, RegExp: test). */
export async function waitForText(page, id, expected, timeout = 15_000) {
  const source = expected instanceof RegExp ? expected.source : null;
  const flags = expected instanceof RegExp ? expected.flags : null;
  const literal = expected instanceof RegExp ? null : expected;
  try {
    await page.waitForFunction(
      ([id, source, flags, literal]) => {
        const el = document.querySelector(`[data-testid="${id}"]`);
        if (!el || el.closest('[hidden]')) {
          return false;
        }
        const text = el.textContent.trim();
        return source !== null ? new RegExp(source, flags).test(text) : text === literal;
      },
      [id, source, flags, literal],
      { timeout, polling: 100 },
    );
  } catch (e) {
    const actual = await textOf(page, id).catch(() => '?');
    throw new Error(`${page.label}: [${id}] did not become ${expected} within ${timeout} ms (it is "${actual}")\n${await eventLog(page)}`);
  }
}

/**
 * Signs in as the softphone's user does: Sign in, the identity provider's login page (operator username and
 * password; skipped while the browser profile's login session lasts), back on the page, registered.
 */
export async function signIn(page, subscriber, password = `${subscriber}-password`) {
  await byTestId(page, 'signin-button').click();
  const username = page.locator('input[name="username"]');
  await username.or(byTestId(page, 'registered-panel')).first().waitFor({ state: 'visible', timeout: 30_000 });
  if (await username.isVisible()) {
    await username.fill(subscriber);
    await page.locator('input[name="password"]').fill(password);
    await page.locator('button[type="submit"]').click();
  }
  // four pages signing in at once on a loaded 2-core machine can take more than 15 s
  await waitForText(page, 'registration-state', 'Registered', 30_000);
}

export async function dial(page, number) {
  await byTestId(page, 'dial-input').fill(number);
  await byTestId(page, 'call-button').click();
}

/** The RTCPeerConnection state of the page's current call, straight from the browser. */
export function peerConnectionState(page) {
  return page.evaluate(() => window.byonSoftphone.activeCall?.pc?.connectionState ?? null);
}

export async function waitForPeerConnection(page, state, timeout = 15_000) {
  try {
    await page.waitForFunction((s) => window.byonSoftphone.activeCall?.pc?.connectionState === s, state, { timeout, polling: 100 });
  } catch {
    throw new Error(`${page.label}: RTCPeerConnection did not become ${state} (it is ${await peerConnectionState(page)})\n${await eventLog(page)}`);
  }
}

export async function eventLog(page) {
  const lines = await page
    .locator('[data-testid="event-log"] li')
    .allTextContents()
    .catch(() => []);
  return `--- ${page.label} event log (newest first) ---\n${lines.slice(0, 40).join('\n')}`;
}

export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Screenshot of what is on the screen (the viewport, not the whole page): what a phone user sees. */
export async function screenshotViewport(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: false });
}

/** The largest value a numeric function of the page returns while polled for `ms`. */
export async function maxOver(page, fn, ms, arg) {
  let max = -Infinity;
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    max = Math.max(max, await page.evaluate(fn, arg));
    await page.waitForTimeout(100);
  }
  return max;
}

/** The level the page's microphone meter shows (0..1). */
export function micLevel(page) {
  return page.evaluate(() => Number(document.querySelector('[data-testid="mic-level"]').value));
}

/** The audio energy the page's call received so far (inbound-rtp totalAudioEnergy, from getStats()). */
export function receivedAudioEnergy(page) {
  return page.evaluate(async () => {
    const pc = window.byonSoftphone.activeCall?.pc;
    const inbound = pc && [...(await pc.getStats()).values()].find((r) => r.type === 'inbound-rtp' && r.kind === 'audio');
    return inbound?.totalAudioEnergy ?? 0;
  });
}

/** The history entries shown on the page, newest first: {number, outcome, status, reason, direction}. */
export function historyEntries(page) {
  return page.locator('[data-testid="history-entry"]').evaluateAll((lis) =>
    lis.map((li) => ({
      number: li.querySelector('[data-testid="history-number"]').textContent.trim(),
      outcome: li.querySelector('[data-testid="history-outcome"]').textContent.trim(),
      status: li.dataset.status,
      reason: li.dataset.reason,
      direction: li.dataset.direction,
    })),
  );
}

/** The call timer's value in seconds ("m:ss"). */
export async function timerSeconds(page) {
  const [m, s] = (await textOf(page, 'call-timer')).split(':').map(Number);
  return m * 60 + s;
}

/** The audio energy the page's call receives over one second (`receivedAudioEnergy` difference). */
export async function energyOverOneSecond(page) {
  const e0 = await receivedAudioEnergy(page);
  await page.waitForTimeout(1000);
  return (await receivedAudioEnergy(page)) - e0;
}

/**
 * Polls one-second windows of the energy the page receives until `accept(energy)` holds, for at
 * most `timeout` ms (on a loaded machine the receiver's jitter buffer may still play audio from
 * before the change). Returns every window measured; the last one is the accepted one.
 */
export async function energyUntil(page, accept, timeout = 8000) {
  const windows = [];
  const deadline = Date.now() + timeout;
  do {
    windows.push(await energyOverOneSecond(page));
    if (accept(windows.at(-1))) {
      return windows;
    }
  } while (Date.now() < deadline);
  throw new Error(`${page.label}: the received audio energy per second never met the condition: ${JSON.stringify(windows)}`);
}
