// The registration lifecycle on the SDK: sign-in (a token from the token source, a WebSocket
// notification channel, a registration of this browser's deviceId), and sign-out or the loss of
// the registration. The SDK (ByonClient) refreshes the registration with fresh tokens and renews
// the channel; the page only listens. The phone holds the state; these functions move it along.

import { ByonClient } from '../sdk/index.js';
import { DemoCredentials } from './auth.js';
import { endCall } from './call.js';
import { describeRegistrationEnd } from './messages.js';

const DEVICE_KEY = 'byon.softphone.deviceId';
const REGISTRATION_KEY = 'byon.softphone.registration';

/** A random UUID v4; crypto.randomUUID exists only in secure contexts. */
function uuid() {
  if (globalThis.crypto?.randomUUID) {
    return crypto.randomUUID();
  }
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The deviceId of this browser profile: a UUID kept in localStorage. */
export function deviceId() {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id) {
    id = uuid();
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

/** Signs in; `onEvent` receives the typed events (the SDK's ByonEvent) of the notification channel. */
export async function signIn(phone, name, secret, onEvent) {
  if (phone.state !== 'signed-out') {
    return;
  }
  phone.state = 'signing-in';
  phone.lastResult = null;
  phone.refreshCount = 0;
  phone.status(`Signing in as ${name}…`);
  try {
    phone.credentials = new DemoCredentials(phone.origin, name, secret);
    await phone.credentials.get();
    phone.log('info', 'Access token received');
    phone.client = new ByonClient({ apiRoot: phone.origin, tokenSource: phone.credentials.tokenSource });
    phone.channel = await phone.client.openWebSocketChannel({
      onEvent,
      onGap: (expected, received) => phone.log('warning', `events lost: sequence ${received} came when ${expected} was due`),
      onDisconnected: (reason) => phone.log('warning', `Notification channel disconnected (${reason}); reconnecting`),
      onReconnected: (last) => phone.log('info', `Notification channel reconnected (resumed after #${last})`),
      onClosed: () => {
        if (phone.state === 'registered') {
          lostRegistration(phone, 'DELETED');
        }
      },
    });
    phone.log('info', `Notification channel ${phone.channel.channelId} connected`);
    phone.registration = await register(phone, name);
    phone.registration.onRefreshed((r) => {
      phone.refreshCount += 1;
      phone.log('info', `Registration refreshed with a new token (until ${r.expiresAt?.toLocaleTimeString()})`);
      phone.changed();
    });
    phone.registration.onEnded((reason) => {
      if (phone.state === 'registered') {
        lostRegistration(phone, reason || 'NETWORK_TERMINATED');
      }
    });
    phone.subscriber = { name, number: phone.registration.phoneNumber };
    localStorage.setItem(REGISTRATION_KEY, JSON.stringify({ subscriber: name, racmSessionId: phone.registration.racmSessionId }));
    phone.state = 'registered';
    phone.status(`Registered as ${phone.registration.phoneNumber}`);
  } catch (e) {
    await teardown(phone);
    phone.state = 'signed-out';
    phone.fail(e, 'Sign-in failed');
    phone.status('Signed out');
  }
}

async function register(phone, name) {
  const id = deviceId();
  try {
    return await phone.client.register(phone.channel, { deviceId: id });
  } catch (e) {
    // this profile's deviceId is still registered (a reload, or another tab): take it over
    const stale = JSON.parse(localStorage.getItem(REGISTRATION_KEY) || 'null');
    if (e.code === 'ALREADY_EXISTS' && stale?.subscriber === name && stale.racmSessionId) {
      phone.log('warning', 'This browser profile was still registered (earlier visit or another tab): taking the registration over');
      const old = await phone.client.findRegistration(stale.racmSessionId).catch(() => undefined);
      await old?.close().catch(() => {});
      return await phone.client.register(phone.channel, { deviceId: id });
    }
    throw e;
  }
}

export async function signOut(phone) {
  if (phone.state !== 'registered') {
    return;
  }
  phone.state = 'signing-out';
  phone.status('Signing out…');
  await teardown(phone);
  phone.state = 'signed-out';
  phone.status('Signed out');
}

/** Best effort on page unload: de-register and delete the channel (fetch keepalive). */
export function unload(phone) {
  if (phone.state === 'registered') {
    phone.state = 'signing-out';
    phone.registration?.close({ keepalive: true }).catch(() => {});
    phone.channel?.close({ keepalive: true }).catch(() => {});
    localStorage.removeItem(REGISTRATION_KEY);
  }
}

/** Ends the page's calls, de-registers and deletes the channel (what is already gone is ignored). */
async function teardown(phone) {
  for (const call of [...phone.calls.values(), phone.draft].filter(Boolean)) {
    endCall(phone, call, 'Terminated', 'REGISTRATION_ENDED', { quiet: true });
  }
  phone.draft = null;
  if (phone.registration) {
    localStorage.removeItem(REGISTRATION_KEY);
  }
  await phone.client?.close().catch(() => {});
  phone.credentials?.clear();
  phone.client = null;
  phone.channel = null;
  phone.registration = null;
  phone.subscriber = null;
}

/** The gateway ended the registration or the channel: sign out and tell the user why. */
export async function lostRegistration(phone, reason) {
  const text = describeRegistrationEnd(reason);
  phone.state = 'signing-out';
  await teardown(phone);
  phone.state = 'signed-out';
  phone.alert(text, reason);
  phone.status(text);
}
