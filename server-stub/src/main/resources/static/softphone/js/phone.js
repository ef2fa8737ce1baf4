// The phone: sign-in (token, channel, registration and its refresh) and the calls of this
// registration, with their RTCPeerConnections. No DOM here; the UI listens to 'change', 'log'
// and 'error' events.

import { ApiError, ByonApi, uuid } from './api.js';
import { EventChannel } from './channel.js';
import {
  createCompleteAnswer,
  createCompleteOffer,
  getMicrophone,
  newPeerConnection,
  sameTransport,
  sdpSessionId,
  stopStream,
} from './media.js';
import { TERMINAL_STATUSES, describeError, describeRegistrationEnd, describeStatus } from './messages.js';

const DEVICE_KEY = 'byon.softphone.deviceId';
const REGISTRATION_KEY = 'byon.softphone.registration';
const EVENT_PREFIX = 'org.byon.';

/** The deviceId of this browser profile: a UUID kept in localStorage. */
export function deviceId() {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id) {
    id = uuid();
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

/** A dialled string as a TEL URI (or a SIP URI as typed). */
export function toAddress(input) {
  const raw = String(input || '').trim();
  if (/^sips?:[^\s@]+@[^\s@]+$/.test(raw)) {
    return raw;
  }
  const digits = raw.replace(/^tel:/, '').replace(/[\s().-]/g, '');
  const number = digits.startsWith('00') ? `+${digits.slice(2)}` : digits;
  if (!/^\+[1-9][0-9]{4,14}$/.test(number)) {
    throw new ApiError(0, 'INVALID_NUMBER', `"${raw}" is not an international number`);
  }
  return `tel:${number}`;
}

export function displayAddress(address) {
  return String(address || '').replace(/^tel:/, '');
}

class Call {
  constructor({ id, direction, remote, status, offerSdp }) {
    this.id = id;
    this.direction = direction;
    this.remote = remote;
    this.status = status;
    this.reason = null;
    this.offerSdp = offerSdp; // incoming: the caller's offer
    this.pc = null;
    this.stream = null;
    this.remoteStream = null;
    this.mediaState = 'new';
    this.answered = false;
    this.answering = false;
    this.heldBy = null; // 'me' | 'peer' | null
    this.remoteAnswerApplied = false;
    this.holdRenegotiated = false; // true while on hold by a renegotiated (sendonly) session
    this.sdpNote = '';
    this.ended = false;
    this.cancelRequested = false;
    this.queue = Promise.resolve();
  }
}

export class Phone extends EventTarget {
  constructor(api = new ByonApi()) {
    super();
    this.api = api;
    this.state = 'signed-out'; // signed-out | signing-in | registered | signing-out
    this.subscriber = null; // {name, number}
    this.registration = null;
    this.channelInfo = null;
    this.channel = null;
    this.token = null;
    this.credentials = null;
    this.calls = new Map();
    this.draft = null; // outgoing call before its voiceSessionId is known
    this.buffered = new Map(); // events for a voiceSessionId not yet known (outgoing call in flight)
    this.lastResult = null;
    this.refreshCount = 0;
    this.refreshTimer = null;
    this.channelTimer = null;
    this.statusText = 'Signed out';
  }

  // ---- observation -------------------------------------------------------------------------

  changed() {
    this.dispatchEvent(new Event('change'));
  }

  log(kind, text) {
    this.dispatchEvent(new CustomEvent('log', { detail: { kind, text, time: new Date() } }));
  }

  status(text) {
    this.statusText = text;
    this.log('status', text);
    this.changed();
  }

  fail(err, context) {
    this.alert(`${context ? `${context}: ` : ''}${describeError(err)}`, err?.code);
  }

  /** A message the user must see (the page shows it as an alert). */
  alert(text, code) {
    this.log('error', text);
    this.dispatchEvent(new CustomEvent('failure', { detail: { code, text } }));
  }

  /** The call in progress (outgoing, or an answered incoming call), if any. */
  get activeCall() {
    if (this.draft && !this.draft.ended) {
      return this.draft;
    }
    for (const c of this.calls.values()) {
      if (!c.ended && (c.direction === 'Outgoing' || c.answered || c.answering)) {
        return c;
      }
    }
    return null;
  }

  /** Incoming calls ringing on this page. */
  get incomingCalls() {
    return [...this.calls.values()].filter((c) => !c.ended && c.direction === 'Incoming' && !c.answered && !c.answering);
  }

  // ---- sign-in and registration ------------------------------------------------------------

  async signIn(name, secret) {
    if (this.state !== 'signed-out') {
      return;
    }
    this.state = 'signing-in';
    this.lastResult = null;
    this.status(`Signing in as ${name}…`);
    try {
      this.credentials = { name, secret };
      this.token = await this.api.fetchToken(name, secret);
      this.log('info', 'Access token received');
      this.channelInfo = await this.api.createChannel();
      this.log('info', `Notification channel ${this.channelInfo.channelId} created`);
      this.channel = new EventChannel(this.channelInfo.channelData.channelURL, {
        onEvent: (ev) => this.#onEvent(ev),
        onState: (state, info) => this.#onChannelState(state, info),
        onWarning: (text) => this.log('warning', text),
      });
      try {
        await this.channel.open();
      } catch (e) {
        throw new ApiError(0, 'CHANNEL_ERROR', e.message);
      }
      this.registration = await this.#register(name);
      this.subscriber = { name, number: this.registration.phoneNumber };
      localStorage.setItem(
        REGISTRATION_KEY,
        JSON.stringify({ subscriber: name, racmSessionId: this.registration.racmSessionId }),
      );
      this.state = 'registered';
      this.#scheduleRefresh();
      this.#scheduleChannelRenewal();
      this.status(`Registered as ${this.registration.phoneNumber}`);
    } catch (e) {
      await this.#teardown({ remote: true });
      this.state = 'signed-out';
      this.fail(e, 'Sign-in failed');
      this.status('Signed out');
    }
  }

  async #register(name) {
    const id = deviceId();
    try {
      return await this.api.createRegistration(id, this.channelInfo.channelId);
    } catch (e) {
      // this profile's deviceId is still registered (a reload, or another tab): take it over
      const stale = JSON.parse(localStorage.getItem(REGISTRATION_KEY) || 'null');
      if (e.code === 'ALREADY_EXISTS' && stale?.subscriber === name && stale.racmSessionId) {
        this.log('warning', 'This browser profile was still registered (earlier visit or another tab): taking the registration over');
        await this.api.deleteRegistration(stale.racmSessionId).catch(() => {});
        return await this.api.createRegistration(id, this.channelInfo.channelId);
      }
      throw e;
    }
  }

  #scheduleRefresh() {
    clearTimeout(this.refreshTimer);
    const regExpiry = Date.parse(this.registration?.expiresAt) || Infinity;
    const expiry = Math.min(this.token.expiresAt, regExpiry);
    const lifetime = expiry - Date.now();
    const margin = Math.min(60_000, Math.max(2_000, lifetime * 0.25));
    const delay = Math.max(1_000, lifetime - margin);
    this.refreshTimer = setTimeout(() => this.#refresh(expiry), delay);
  }

  /** Fetch a fresh token and share it with PUT /racm/sessions/{id} before the old one expires. */
  async #refresh(expiry) {
    if (this.state !== 'registered') {
      return;
    }
    try {
      this.token = await this.api.fetchToken(this.credentials.name, this.credentials.secret);
      this.registration = await this.api.refreshRegistration(this.registration.racmSessionId);
      this.refreshCount += 1;
      this.log('info', `Registration refreshed with a new token (until ${new Date(this.registration.expiresAt).toLocaleTimeString()})`);
      this.#scheduleRefresh();
      this.changed();
    } catch (e) {
      if (this.state !== 'registered') {
        return;
      }
      this.fail(e, 'Refreshing the registration failed');
      if (e.status === 404 || e.code === 'BYON.UNKNOWN_RACM_SESSION') {
        await this.#lostRegistration('NETWORK_TERMINATED');
      } else if (Date.now() + 3_000 < expiry) {
        this.refreshTimer = setTimeout(() => this.#refresh(expiry), 3_000);
      }
    }
  }

  #scheduleChannelRenewal() {
    clearTimeout(this.channelTimer);
    const expiry = Date.parse(this.channelInfo?.expiresAt);
    if (!expiry) {
      return;
    }
    const lifetime = expiry - Date.now();
    const delay = Math.max(1_000, lifetime - Math.min(300_000, Math.max(2_000, lifetime * 0.25)));
    this.channelTimer = setTimeout(async () => {
      if (this.state !== 'registered') {
        return;
      }
      try {
        this.channelInfo = { ...this.channelInfo, ...(await this.api.renewChannel(this.channelInfo.channelId)) };
        this.log('info', 'Notification channel renewed');
        this.#scheduleChannelRenewal();
      } catch (e) {
        this.fail(e, 'Renewing the notification channel failed');
      }
    }, delay);
  }

  async signOut() {
    if (this.state !== 'registered') {
      return;
    }
    this.state = 'signing-out';
    this.status('Signing out…');
    await this.#teardown({ remote: true });
    this.state = 'signed-out';
    this.status('Signed out');
  }

  /** Best effort on page unload: de-register so that this profile can register again at once. */
  unload() {
    if (this.state === 'registered') {
      this.api.deleteRegistration(this.registration.racmSessionId, { keepalive: true }).catch(() => {});
      this.api.deleteChannel(this.channelInfo.channelId, { keepalive: true }).catch(() => {});
      localStorage.removeItem(REGISTRATION_KEY);
    }
  }

  async #teardown({ remote }) {
    clearTimeout(this.refreshTimer);
    clearTimeout(this.channelTimer);
    for (const call of [...this.calls.values(), this.draft].filter(Boolean)) {
      this.#endCall(call, 'Terminated', 'REGISTRATION_ENDED', { quiet: true });
    }
    this.draft = null;
    if (remote && this.registration) {
      await this.api.deleteRegistration(this.registration.racmSessionId).catch(() => {});
      localStorage.removeItem(REGISTRATION_KEY);
    }
    this.channel?.close();
    if (remote && this.channelInfo) {
      await this.api.deleteChannel(this.channelInfo.channelId).catch(() => {});
    }
    this.channel = null;
    this.channelInfo = null;
    this.registration = null;
    this.subscriber = null;
  }

  async #lostRegistration(reason) {
    const text = describeRegistrationEnd(reason);
    await this.#teardown({ remote: false });
    localStorage.removeItem(REGISTRATION_KEY);
    this.state = 'signed-out';
    this.alert(text, reason);
    this.status(text);
  }

  #onChannelState(state, info) {
    if (state === 'reconnecting') {
      this.log('warning', `Notification channel closed (code ${info.code}); reconnecting in ${info.delay} ms`);
    } else if (state === 'open') {
      this.log('info', 'Notification channel connected');
    } else if (state === 'replaced') {
      this.log('warning', 'Notification channel taken over by another connection (close 4409)');
    } else if (state === 'unknown' || state === 'ended') {
      this.log('warning', `Notification channel ${state === 'ended' ? 'ended' : 'is unknown to the gateway'}`);
    }
  }

  // ---- events ------------------------------------------------------------------------------

  #onEvent(ev) {
    const type = String(ev.type || '');
    const data = ev.data || {};
    const short = type.startsWith(EVENT_PREFIX) ? type.slice(EVENT_PREFIX.length) : type;
    const parts = [`#${ev.sequence}`, short, data.status, data.reason, data.terminationReason].filter(Boolean);
    this.log('event', parts.join(' '));
    switch (type) {
      case 'org.byon.voice.v1.session-invitation':
        this.#onInvitation(data);
        break;
      case 'org.byon.voice.v1.session-status': {
        const call = this.calls.get(data.voiceSessionId);
        if (call) {
          this.#enqueue(call, () => this.#applyStatus(call, data));
        } else if (this.draft) {
          const list = this.buffered.get(data.voiceSessionId) || [];
          list.push(data);
          this.buffered.set(data.voiceSessionId, list);
        }
        break;
      }
      case 'org.byon.racm.v1.registration-ends':
        if (this.state === 'registered' && data.racmSessionId === this.registration?.racmSessionId) {
          this.#lostRegistration(data.terminationReason);
        }
        break;
      case 'org.byon.channel.v1.channel-ends':
        if (this.state === 'registered' && data.channelId === this.channelInfo?.channelId) {
          this.#lostRegistration('DELETED');
        }
        break;
      default:
        break; // unknown types are ignored (contract)
    }
  }

  #onInvitation(data) {
    if (this.calls.has(data.voiceSessionId)) {
      return;
    }
    const call = new Call({
      id: data.voiceSessionId,
      direction: 'Incoming',
      remote: data.originatorAddress,
      status: data.status || 'Initial',
      offerSdp: data.offer?.sdp,
    });
    this.calls.set(call.id, call);
    this.status(`Incoming call from ${displayAddress(call.remote)}`);
    // tell the caller we are alerting the user (180 Ringing)
    this.#enqueue(call, async () => {
      try {
        const leg = await this.api.updateCallStatus(call.id, 'Ringing');
        if (!call.ended && !call.answered && leg?.status === 'Ringing') {
          call.status = 'Ringing';
          this.changed();
        }
      } catch (e) {
        if (e.code !== 'INCOMPATIBLE_STATE' && e.code !== 'NOT_FOUND') {
          this.fail(e, 'Ringing');
        }
      }
    });
  }

  #enqueue(call, fn) {
    call.queue = call.queue.then(fn).catch((e) => this.fail(e));
    return call.queue;
  }

  async #applyStatus(call, data) {
    if (call.ended) {
      return;
    }
    if (TERMINAL_STATUSES.has(data.status)) {
      this.#endCall(call, data.status, data.reason);
      return;
    }
    const previous = call.status;
    call.status = data.status;
    call.reason = data.reason || null;
    const pc = call.pc;
    if (data.status === 'Connected' && call.direction === 'Outgoing' && pc?.signalingState === 'have-local-offer' && data.answer?.sdp && !call.remoteAnswerApplied) {
      // the callee's answer (relayed unchanged from a web endpoint, or built by the network)
      try {
        await pc.setRemoteDescription({ type: 'answer', sdp: data.answer.sdp });
        call.remoteAnswerApplied = true;
        call.sdpNote = 'answer applied';
        this.log('media', 'setRemoteDescription(answer) accepted');
      } catch (e) {
        call.sdpNote = `answer rejected: ${e.message}`;
        this.fail({ code: 'WEBRTC_ERROR', message: e.message }, 'Applying the answer');
      }
    } else if ((data.status === 'Hold' || data.status === 'Connected') && (previous === 'Connected' || previous === 'Hold')) {
      // a re-INVITE: hold or resume by the peer, or the echo of our own request
      const offer = data.offer?.sdp;
      const ours = offer && pc?.localDescription && sdpSessionId(offer) === sdpSessionId(pc.localDescription.sdp);
      if (data.status === 'Hold' && call.heldBy !== 'me') {
        call.heldBy = 'peer';
      } else if (data.status === 'Connected') {
        call.heldBy = null;
      }
      if (offer && !ours && pc && pc.signalingState === 'stable') {
        try {
          const tr = pc.getTransceivers()[0];
          if (tr && data.status === 'Connected') {
            tr.direction = 'sendrecv';
          }
          await createCompleteAnswer(pc, offer);
          this.log('media', `peer's ${data.status === 'Hold' ? 'hold' : 'resume'} offer applied`);
        } catch (e) {
          this.log('warning', `could not apply the peer's re-offer: ${e.message}`);
        }
      }
    }
    this.status(this.#describeCall(call));
  }

  #describeCall(call) {
    const who = displayAddress(call.remote);
    if (call.status === 'Hold') {
      return `${call.heldBy === 'peer' ? 'Held by' : 'On hold with'} ${who}`;
    }
    return `${describeStatus(call.status, null)} ${call.direction === 'Outgoing' ? 'to' : 'with'} ${who}`;
  }

  #endCall(call, status, reason, { quiet = false } = {}) {
    if (call.ended) {
      return;
    }
    call.ended = true;
    call.status = status;
    call.reason = reason || null;
    try {
      call.pc?.close();
    } catch {
      // already closed
    }
    stopStream(call.stream);
    if (call.id) {
      this.calls.delete(call.id);
      this.buffered.delete(call.id);
    }
    if (this.draft === call) {
      this.draft = null;
    }
    if (!quiet) {
      const wasRinging = call.direction === 'Incoming' && !call.answered;
      this.lastResult = {
        remote: call.remote,
        direction: call.direction,
        status,
        reason: reason || null,
        text: `${wasRinging ? `Missed call from ${displayAddress(call.remote)}` : describeStatus(status, null)} (${describeStatus(status, reason)})`,
      };
      this.status(`${describeStatus(status, reason)} — ${displayAddress(call.remote)}`);
    }
    this.changed();
  }

  // ---- calls -------------------------------------------------------------------------------

  #attachMedia(call, stream) {
    call.stream = stream;
    call.pc = newPeerConnection(stream);
    call.pc.addEventListener('connectionstatechange', () => {
      call.mediaState = call.pc.connectionState;
      this.log('media', `RTCPeerConnection ${call.pc.connectionState}`);
      this.changed();
    });
    call.pc.addEventListener('track', (ev) => {
      call.remoteStream = ev.streams[0] || new MediaStream([ev.track]);
      this.changed();
    });
  }

  async dial(input) {
    if (this.state !== 'registered') {
      throw new ApiError(0, 'NOT_REGISTERED', 'not signed in');
    }
    if (this.activeCall) {
      throw new ApiError(0, 'INCOMPATIBLE_STATE', 'hang up the current call first');
    }
    const address = toAddress(input);
    const call = new Call({ id: null, direction: 'Outgoing', remote: address, status: 'Initial' });
    this.draft = call;
    this.buffered.clear();
    this.lastResult = null;
    this.status(`Calling ${displayAddress(address)}…`);
    try {
      this.#attachMedia(call, await getMicrophone());
      const offer = await createCompleteOffer(call.pc);
      if (call.ended) {
        return;
      }
      const leg = await this.api.createCall(this.registration.racmSessionId, address, offer);
      call.id = leg.voiceSessionId;
      call.status = leg.status || 'Initial';
      this.calls.set(call.id, call);
      this.draft = null;
      this.log('info', `Voice session ${call.id} created (${call.status})`);
      const early = this.buffered.get(call.id) || [];
      this.buffered.clear();
      for (const data of early) {
        this.#enqueue(call, () => this.#applyStatus(call, data));
      }
      if (call.cancelRequested) {
        this.#enqueue(call, () => this.#deleteCall(call));
      }
      this.changed();
    } catch (e) {
      this.#endCall(call, 'Failed', null, { quiet: true });
      this.status('Call not placed');
      throw e;
    }
  }

  async answer(voiceSessionId) {
    const call = this.calls.get(voiceSessionId);
    if (!call || call.ended) {
      throw new ApiError(404, 'NOT_FOUND', 'the call has ended');
    }
    if (this.activeCall) {
      throw new ApiError(0, 'INCOMPATIBLE_STATE', 'hang up the current call first');
    }
    call.answering = true;
    this.changed();
    return this.#enqueue(call, async () => {
      if (call.ended) {
        return;
      }
      try {
        if (!call.offerSdp) {
          throw new ApiError(0, 'WEBRTC_ERROR', 'the invitation carries no SDP offer');
        }
        this.#attachMedia(call, await getMicrophone());
        let answerSdp;
        try {
          answerSdp = await createCompleteAnswer(call.pc, call.offerSdp);
        } catch (e) {
          throw new ApiError(0, 'WEBRTC_ERROR', e.message);
        }
        if (call.ended) {
          return;
        }
        const leg = await this.api.updateCallStatus(call.id, 'Connected', { answerSdp });
        call.answered = true;
        call.answering = false;
        call.status = leg?.status || 'Connected';
        this.status(this.#describeCall(call));
      } catch (e) {
        call.answering = false;
        if (e.code === 'NOT_FOUND' || e.code === 'INCOMPATIBLE_STATE') {
          this.#endCall(call, 'SessionCancelled', null);
        } else {
          try {
            call.pc?.close();
          } catch {
            // ignore
          }
          stopStream(call.stream);
          call.pc = null;
          this.changed();
        }
        this.fail(e, 'Answering');
      }
    });
  }

  async decline(voiceSessionId) {
    const call = this.calls.get(voiceSessionId);
    if (!call || call.ended) {
      return;
    }
    return this.#enqueue(call, async () => {
      if (call.ended) {
        return;
      }
      try {
        await this.api.updateCallStatus(call.id, 'Declined');
        this.#endCall(call, 'Declined', 'DECLINED');
      } catch (e) {
        if (e.code === 'NOT_FOUND') {
          this.#endCall(call, 'SessionCancelled', null);
        }
        this.fail(e, 'Declining');
      }
    });
  }

  hold() {
    return this.#renegotiate('Hold');
  }

  resume() {
    return this.#renegotiate('Resume');
  }

  /** Hold (sendonly offer) or Resume (sendrecv offer); the PUT response carries the answer. */
  async #renegotiate(request) {
    const call = this.activeCall;
    if (!call?.id || !call.pc) {
      throw new ApiError(0, 'INCOMPATIBLE_STATE', 'there is no call to ' + request.toLowerCase());
    }
    return this.#enqueue(call, async () => {
      if (call.ended) {
        return;
      }
      const pc = call.pc;
      const tr = pc.getTransceivers()[0];
      const before = tr.direction;
      tr.direction = request === 'Hold' ? 'sendonly' : 'sendrecv';
      let leg;
      try {
        const offerSdp = await createCompleteOffer(pc);
        leg = await this.api.updateCallStatus(call.id, request, { offerSdp });
      } catch (e) {
        if (pc.signalingState === 'have-local-offer') {
          await pc.setLocalDescription({ type: 'rollback' }).catch(() => {});
        }
        tr.direction = before;
        this.fail(e, request);
        return;
      }
      const answerSdp = leg?.answer?.sdp;
      try {
        if (!answerSdp) {
          throw new Error('the response carries no answer');
        }
        if (call.remoteAnswerApplied || call.direction === 'Incoming') {
          // a web peer's answer keeps its ICE and DTLS parameters; anything else would restart
          // or break the running media session
          if (!sameTransport(answerSdp, pc.currentRemoteDescription?.sdp)) {
            throw new Error('it is not from the peer of this media session');
          }
        }
        await pc.setRemoteDescription({ type: 'answer', sdp: answerSdp });
        call.holdRenegotiated = request === 'Hold';
        this.log('media', `${request.toLowerCase()} answer applied: media direction ${tr.currentDirection}`);
      } catch (e) {
        // keep the media session as negotiated before, and hold by muting our microphone only
        await pc.setLocalDescription({ type: 'rollback' }).catch(() => {});
        tr.direction = before;
        call.holdRenegotiated = false;
        this.log('warning', `${request} answer not usable (${e.message}); ${request === 'Hold' ? 'muting' : 'unmuting'} the microphone instead`);
      }
      // on hold our microphone is silent too (a sendonly hold would otherwise still carry our voice)
      call.stream?.getAudioTracks().forEach((t) => {
        t.enabled = request !== 'Hold';
      });
      call.status = leg?.status || (request === 'Hold' ? 'Hold' : 'Connected');
      call.heldBy = request === 'Hold' ? 'me' : null;
      this.status(this.#describeCall(call));
    });
  }

  async hangUp() {
    const call = this.activeCall;
    if (!call) {
      return;
    }
    if (!call.id) {
      call.cancelRequested = true; // DELETE as soon as the voiceSessionId is known
      this.status('Cancelling…');
      return;
    }
    return this.#enqueue(call, () => this.#deleteCall(call));
  }

  async #deleteCall(call) {
    if (call.ended) {
      return;
    }
    const answered = call.status === 'Connected' || call.status === 'Hold';
    try {
      await this.api.deleteCall(call.id);
    } catch (e) {
      if (e.code !== 'NOT_FOUND') {
        this.fail(e, 'Hanging up');
        return;
      }
    }
    this.#endCall(call, answered ? 'Terminated' : 'SessionCancelled', 'LOCAL_HANGUP');
  }
}
