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
export async function openSoftphone(browser, baseUrl, label) {
  const context = await browser.newContext({
    viewport: { width: 1200, height: 800 },
    permissions: ['microphone'],
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

export async function signIn(page, subscriber) {
  await byTestId(page, 'subscriber-select').selectOption(subscriber);
  await byTestId(page, 'signin-button').click();
  await waitForText(page, 'registration-state', 'Registered');
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
