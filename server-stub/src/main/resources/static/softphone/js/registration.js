// The registration lifecycle: sign-in (token, notification channel, registration of this
// browser's deviceId), refreshing the registration with a new token before the token expires,
// renewing the channel, and sign-out or the loss of the registration. The phone holds the state
// (state, token, channelInfo, registration, ...); these functions move it along.

import { ApiError, uuid } from './api.js';
import { endCall } from './call.js';
import { EventChannel } from './channel.js';
import { describeRegistrationEnd } from './messages.js';

const DEVICE_KEY = 'byon.softphone.deviceId';
const REGISTRATION_KEY = 'byon.softphone.registration';

/** The deviceId of this browser profile: a UUID kept in localStorage. */
export function deviceId() {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id) {
    id = uuid();
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

/** Signs in; `onEvent` receives the CloudEvents of the notification channel. */
export async function signIn(phone, name, secret, onEvent) {
  if (phone.state !== 'signed-out') {
    return;
  }
  phone.state = 'signing-in';
  phone.lastResult = null;
  phone.status(`Signing in as ${name}…`);
  try {
    phone.credentials = { name, secret };
    phone.token = await phone.api.fetchToken(name, secret);
    phone.log('info', 'Access token received');
    phone.channelInfo = await phone.api.createChannel();
    phone.log('info', `Notification channel ${phone.channelInfo.channelId} created`);
    phone.channel = new EventChannel(phone.channelInfo.channelData.channelURL, {
      onEvent,
      onState: (state, info) => onChannelState(phone, state, info),
      onWarning: (text) => phone.log('warning', text),
    });
    try {
      await phone.channel.open();
    } catch (e) {
      throw new ApiError(0, 'CHANNEL_ERROR', e.message);
    }
    phone.registration = await register(phone, name);
    phone.subscriber = { name, number: phone.registration.phoneNumber };
    localStorage.setItem(
      REGISTRATION_KEY,
      JSON.stringify({ subscriber: name, racmSessionId: phone.registration.racmSessionId }),
    );
    phone.state = 'registered';
    scheduleRefresh(phone);
    scheduleChannelRenewal(phone);
    phone.status(`Registered as ${phone.registration.phoneNumber}`);
  } catch (e) {
    await teardown(phone, { remote: true });
    phone.state = 'signed-out';
    phone.fail(e, 'Sign-in failed');
    phone.status('Signed out');
  }
}

async function register(phone, name) {
  const id = deviceId();
  try {
    return await phone.api.createRegistration(id, phone.channelInfo.channelId);
  } catch (e) {
    // this profile's deviceId is still registered (a reload, or another tab): take it over
    const stale = JSON.parse(localStorage.getItem(REGISTRATION_KEY) || 'null');
    if (e.code === 'ALREADY_EXISTS' && stale?.subscriber === name && stale.racmSessionId) {
      phone.log('warning', 'This browser profile was still registered (earlier visit or another tab): taking the registration over');
      await phone.api.deleteRegistration(stale.racmSessionId).catch(() => {});
      return await phone.api.createRegistration(id, phone.channelInfo.channelId);
    }
    throw e;
  }
}

function scheduleRefresh(phone) {
  clearTimeout(phone.refreshTimer);
  const regExpiry = Date.parse(phone.registration?.expiresAt) || Infinity;
  const expiry = Math.min(phone.token.expiresAt, regExpiry);
  const lifetime = expiry - Date.now();
  const margin = Math.min(60_000, Math.max(2_000, lifetime * 0.25));
  const delay = Math.max(1_000, lifetime - margin);
  phone.refreshTimer = setTimeout(() => refresh(phone, expiry), delay);
}

/** Fetch a fresh token and share it with PUT /racm/sessions/{id} before the old one expires. */
async function refresh(phone, expiry) {
  if (phone.state !== 'registered') {
    return;
  }
  try {
    phone.token = await phone.api.fetchToken(phone.credentials.name, phone.credentials.secret);
    phone.registration = await phone.api.refreshRegistration(phone.registration.racmSessionId);
    phone.refreshCount += 1;
    phone.log('info', `Registration refreshed with a new token (until ${new Date(phone.registration.expiresAt).toLocaleTimeString()})`);
    scheduleRefresh(phone);
    phone.changed();
  } catch (e) {
    if (phone.state !== 'registered') {
      return;
    }
    phone.fail(e, 'Refreshing the registration failed');
    if (e.status === 404 || e.code === 'BYON.UNKNOWN_RACM_SESSION') {
      await lostRegistration(phone, 'NETWORK_TERMINATED');
    } else if (Date.now() + 3_000 < expiry) {
      phone.refreshTimer = setTimeout(() => refresh(phone, expiry), 3_000);
    }
  }
}

function scheduleChannelRenewal(phone) {
  clearTimeout(phone.channelTimer);
  const expiry = Date.parse(phone.channelInfo?.expiresAt);
  if (!expiry) {
    return;
  }
  const lifetime = expiry - Date.now();
  const delay = Math.max(1_000, lifetime - Math.min(300_000, Math.max(2_000, lifetime * 0.25)));
  phone.channelTimer = setTimeout(async () => {
    if (phone.state !== 'registered') {
      return;
    }
    try {
      phone.channelInfo = { ...phone.channelInfo, ...(await phone.api.renewChannel(phone.channelInfo.channelId)) };
      phone.log('info', 'Notification channel renewed');
      scheduleChannelRenewal(phone);
    } catch (e) {
      phone.fail(e, 'Renewing the notification channel failed');
    }
  }, delay);
}

export async function signOut(phone) {
  if (phone.state !== 'registered') {
    return;
  }
  phone.state = 'signing-out';
  phone.status('Signing out…');
  await teardown(phone, { remote: true });
  phone.state = 'signed-out';
  phone.status('Signed out');
}

/** Best effort on page unload: de-register so that this profile can register again at once. */
export function unload(phone) {
  if (phone.state === 'registered') {
    phone.api.deleteRegistration(phone.registration.racmSessionId, { keepalive: true }).catch(() => {});
    phone.api.deleteChannel(phone.channelInfo.channelId, { keepalive: true }).catch(() => {});
    localStorage.removeItem(REGISTRATION_KEY);
  }
}

async function teardown(phone, { remote }) {
  clearTimeout(phone.refreshTimer);
  clearTimeout(phone.channelTimer);
  for (const call of [...phone.calls.values(), phone.draft].filter(Boolean)) {
    endCall(phone, call, 'Terminated', 'REGISTRATION_ENDED', { quiet: true });
  }
  phone.draft = null;
  if (remote && phone.registration) {
    await phone.api.deleteRegistration(phone.registration.racmSessionId).catch(() => {});
    localStorage.removeItem(REGISTRATION_KEY);
  }
  phone.channel?.close();
  if (remote && phone.channelInfo) {
    await phone.api.deleteChannel(phone.channelInfo.channelId).catch(() => {});
  }
  phone.channel = null;
  phone.channelInfo = null;
  phone.registration = null;
  phone.subscriber = null;
}

/** The gateway ended the registration or the channel: sign out and tell the user why. */
export async function lostRegistration(phone, reason) {
  const text = describeRegistrationEnd(reason);
  await teardown(phone, { remote: false });
  localStorage.removeItem(REGISTRATION_KEY);
  phone.state = 'signed-out';
  phone.alert(text, reason);
  phone.status(text);
}

function onChannelState(phone, state, info) {
  if (state === 'reconnecting') {
    phone.log('warning', `Notification channel closed (code ${info.code}); reconnecting in ${info.delay} ms`);
  } else if (state === 'open') {
    phone.log('info', 'Notification channel connected');
  } else if (state === 'replaced') {
    phone.log('warning', 'Notification channel taken over by another connection (close 4409)');
  } else if (state === 'unknown' || state === 'ended') {
    phone.log('warning', `Notification channel ${state === 'ended' ? 'ended' : 'is unknown to the gateway'}`);
  }
}
