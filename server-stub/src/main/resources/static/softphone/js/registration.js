// The registration lifecycle on the SDK: sign-in (the IdP's login page, auth.js), a WebSocket
// notification channel, a registration of this browser's deviceId; a page reload resumes that channel
// and registration (their ids and the last event's sequence are kept in sessionStorage, the token is
// renewed from the IdP's login session); logout de-registers, deletes the channel and ends the login
// session, which revokes the tokens. Closing the page ends the registration after the gateway's
// disconnection grace period (the page cannot tell a reload from a close, so it does not de-register
// on unload). The SDK (ByonClient) refreshes the registration with fresh tokens and renews the channel.

import { ByonClient } from '../sdk/index.js';
import { BrowserSignIn } from './auth.js';
import { endCall } from './call.js';
import { describeRegistrationEnd } from './messages.js';

const DEVICE_KEY = 'byon.softphone.deviceId';
const REGISTRATION_KEY = 'byon.softphone.registration'; // localStorage: this profile's registration (another tab takes it over)
const RESUME_KEY = 'byon.softphone.resume'; // sessionStorage: this tab's channel and registration (a reload resumes them)

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

function savedResume() {
  return JSON.parse(sessionStorage.getItem(RESUME_KEY) || 'null');
}

/** Keeps what a reload needs: the channel, the registration, the last event seen. */
export function saveResume(phone) {
  if (phone.state === 'registered' && phone.channel && phone.registration) {
    sessionStorage.setItem(RESUME_KEY, JSON.stringify({
      subscriber: phone.subscriber.name,
      channelId: phone.channel.channelId,
      racmSessionId: phone.registration.racmSessionId,
      lastSequence: phone.handledSequence,
    }));
  }
}

/** Starts the sign-in: the browser goes to the IdP's login page and comes back with a code. */
export async function signIn(phone) {
  if (phone.state !== 'signed-out') {
    return;
  }
  phone.state = 'signing-in';
  phone.status('Going to the sign-in page…');
  try {
    await phone.auth.startSignIn();
  } catch (e) {
    phone.state = 'signed-out';
    phone.fail(e, 'Sign-in failed');
    phone.status('Signed out');
  }
}

/**
 * On page load: completes a sign-in that comes back from the login page, or resumes this tab's registration
 * after a reload; otherwise the page stays signed out.
 */
export async function start(phone, onEvent) {
  const resume = savedResume();
  let signedIn;
  phone.state = 'signing-in';
  phone.changed();
  try {
    signedIn = await phone.auth.completeSignIn();
    if (!signedIn && resume) {
      phone.status('Resuming the registration…');
      await phone.auth.renew(); // the login session gives this page a new token
      signedIn = true;
    }
  } catch (e) {
    sessionStorage.removeItem(RESUME_KEY);
    phone.state = 'signed-out';
    phone.fail(e, 'Sign-in failed');
    phone.status('Signed out');
    return;
  }
  if (!signedIn) {
    phone.state = 'signed-out';
    phone.status('Signed out');
    return;
  }
  phone.log('info', 'Access token received (authorization code + PKCE)');
  await connect(phone, onEvent, resume?.subscriber === phone.auth.subscriber.name ? resume : null);
}

async function connect(phone, onEvent, resume) {
  const name = phone.auth.subscriber.name;
  phone.lastResult = null;
  phone.refreshCount = 0;
  phone.handledSequence = resume?.lastSequence || 0;
  try {
    phone.client = new ByonClient({ apiRoot: phone.origin, tokenSource: phone.auth.tokenSource });
    const listener = {
      onEvent: async (ev) => {
        await onEvent(ev);
        // the last event the page has handled (the channel counts events before they are handled)
        phone.handledSequence = Math.max(phone.handledSequence, ev.sequence || 0);
        saveResume(phone);
      },
      onGap: (expected, received) => phone.log('warning', `events lost: sequence ${received} came when ${expected} was due`),
      onDisconnected: (reason) => phone.log('warning', `Notification channel disconnected (${reason}); reconnecting`),
      onReconnected: (last) => phone.log('info', `Notification channel reconnected (resumed after #${last})`),
      onClosed: () => {
        if (phone.state === 'registered') {
          lostRegistration(phone, 'DELETED');
        }
      },
    };
    if (resume) {
      phone.channel = await phone.client.resumeWebSocketChannel(resume.channelId, listener, resume.lastSequence);
      phone.registration = phone.channel && await phone.client.findRegistration(resume.racmSessionId);
      if (phone.channel && phone.registration) {
        phone.log('info', `Registration ${phone.registration.racmSessionId} resumed on channel ${phone.channel.channelId} after event #${resume.lastSequence}`);
      } else {
        phone.log('warning', 'The registration from before the reload has ended: registering again');
        await phone.client.close().catch(() => {});
        phone.client = new ByonClient({ apiRoot: phone.origin, tokenSource: phone.auth.tokenSource });
        phone.channel = null;
        phone.registration = null;
        phone.handledSequence = 0;
      }
    }
    if (!phone.channel) {
      phone.channel = await phone.client.openWebSocketChannel(listener);
      phone.log('info', `Notification channel ${phone.channel.channelId} connected`);
      phone.registration = await register(phone, name);
    }
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
    saveResume(phone);
    phone.status(`Registered as ${phone.registration.phoneNumber}`);
  } catch (e) {
    await teardown(phone);
    sessionStorage.removeItem(RESUME_KEY);
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
    // this profile's deviceId is still registered (another tab, or a closed page within the grace period): take it over
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

/** Logout: de-registers, deletes the channel, ends the login session at the IdP (which revokes the tokens). */
export async function signOut(phone) {
  if (phone.state !== 'registered') {
    return;
  }
  phone.state = 'signing-out';
  phone.status('Logging out…');
  await teardown(phone);
  try {
    await phone.auth.logout();
  } catch (e) {
    phone.fail(e, 'Logout');
  }
  phone.state = 'signed-out';
  phone.status('Logged out');
}

/** On page unload (a reload or a close: the page cannot tell): keep what a reload needs; the gateway's grace period does the rest. */
export function unload(phone) {
  saveResume(phone);
}

/** Ends the page's calls, de-registers and deletes the channel (what is already gone is ignored). */
async function teardown(phone) {
  for (const call of [...phone.calls.values(), phone.draft].filter(Boolean)) {
    endCall(phone, call, 'Terminated', 'REGISTRATION_ENDED', { quiet: true });
  }
  phone.draft = null;
  sessionStorage.removeItem(RESUME_KEY);
  if (phone.registration) {
    localStorage.removeItem(REGISTRATION_KEY);
  }
  await phone.client?.close().catch(() => {});
  phone.client = null;
  phone.channel = null;
  phone.registration = null;
  phone.subscriber = null;
}

/** The gateway ended the registration or the channel: sign out and tell the user why (the login session stays). */
export async function lostRegistration(phone, reason) {
  const text = describeRegistrationEnd(reason);
  phone.state = 'signing-out';
  await teardown(phone);
  phone.state = 'signed-out';
  phone.alert(text, reason);
  phone.status(text);
}
