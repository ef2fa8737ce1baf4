// The call model: one Call per voice session leg of this registration, beside the SDK's Call
// (`call.sdk`, which makes the requests and orders the status); an outgoing call starts as a
// draft until the SDK returns it. The addresses a call is dialled to and shown with, the per-call
// queue that keeps its updates and actions in order, and how a call ends.

import { applyUpdate } from './call-media.js';
import { PageError } from './errors.js';
import { closePeerConnection, stopStream } from './media.js';
import { describeStatus } from './messages.js';

/** A dialled string as a TEL URI (or a SIP URI as typed). */
export function toAddress(input) {
  const raw = String(input || '').trim();
  if (/^sips?:[^\s@]+@[^\s@]+$/.test(raw)) {
    return raw;
  }
  const digits = raw.replace(/^tel:/, '').replace(/[\s().-]/g, '');
  const number = digits.startsWith('00') ? `+${digits.slice(2)}` : digits;
  if (!/^\+[1-9][0-9]{4,14}$/.test(number)) {
    throw new PageError('INVALID_NUMBER', `"${raw}" is not an international number`);
  }
  return `tel:${number}`;
}

export function displayAddress(address) {
  return String(address || '').replace(/^tel:/, '');
}

export class Call {
  constructor({ direction, remote, offerSdp }) {
    this.id = null; // the voiceSessionId, once the SDK's call is known
    this.sdk = null; // the SDK's Call
    this.direction = direction;
    this.remote = remote;
    this.status = 'Initial';
    this.reason = null;
    this.startedAt = Date.now(); // dialled, or the invitation arrived
    this.connectedAt = null; // first Connected (the call timer counts from here)
    this.endedAt = null;
    this.muted = false; // our microphone muted by the user (independent of hold)
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

  get status() {
    return this._status;
  }

  /** The call's status (the contract's CallStatus); the first Connected starts the call timer. */
  set status(status) {
    this._status = status;
    if ((status === 'Connected' || status === 'Hold') && !this.connectedAt) {
      this.connectedAt = Date.now();
    }
  }
}

/** The status line for a call in progress. */
export function describeCall(call) {
  const who = displayAddress(call.remote);
  if (call.status === 'Hold') {
    return `${call.heldBy === 'peer' ? 'Held by' : 'On hold with'} ${who}`;
  }
  return `${describeStatus(call.status, null)} ${call.direction === 'Outgoing' ? 'to' : 'with'} ${who}`;
}

/** Runs `fn` after everything queued before on this call; a failure is shown to the user. */
export function enqueue(phone, call, fn) {
  call.queue = call.queue.then(fn).catch((e) => phone.fail(e));
  return call.queue;
}

/** Ends the call on this page: media released, call forgotten, result shown unless `quiet`. */
export function endCall(phone, call, status, reason, { quiet = false } = {}) {
  if (call.ended) {
    return;
  }
  call.ended = true;
  call.status = status;
  call.reason = reason || null;
  call.endedAt = Date.now();
  closePeerConnection(call.pc);
  stopStream(call.stream);
  if (call.id) {
    phone.calls.delete(call.id);
  }
  if (phone.draft === call) {
    phone.draft = null;
  }
  if (!quiet) {
    const wasRinging = call.direction === 'Incoming' && !call.answered;
    const missed = wasRinging && reason !== 'ANSWERED_ELSEWHERE' && reason !== 'DECLINED';
    phone.lastResult = {
      remote: call.remote,
      direction: call.direction,
      status,
      reason: reason || null,
      text: `${missed ? `Missed call from ${displayAddress(call.remote)}` : describeStatus(status, null)} (${describeStatus(status, reason)})`,
    };
    phone.status(`${describeStatus(status, reason)} — ${displayAddress(call.remote)}`);
    // for the call history (history.js)
    phone.dispatchEvent(new CustomEvent('ended', { detail: { ...phone.lastResult, missed, startedAt: call.startedAt, connectedAt: call.connectedAt, endedAt: call.endedAt } }));
  }
  phone.changed();
}

/** Binds the page's call to the SDK's call: every update of the SDK call is applied in the call's queue. */
export function followCall(phone, call, sdkCall) {
  call.sdk = sdkCall;
  call.id = sdkCall.voiceSessionId;
  sdkCall.onUpdate((update) => enqueue(phone, call, () => applyUpdate(phone, call, update)));
}
