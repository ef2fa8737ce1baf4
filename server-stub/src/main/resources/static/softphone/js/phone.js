// The phone: the state of one page's sign-in and of the calls of its registration, and the
// actions the UI calls on it. No DOM here; the UI listens to 'change', 'log' and 'failure'
// events. The work is split by concern:
//   registration.js  sign-in, token/registration refresh, channel renewal, sign-out
//   events.js        dispatch of the notification channel's CloudEvents
//   call.js          the call model, its per-call queue, and how a call ends
//   call-media.js    each call's RTCPeerConnection: answers, re-offers, hold renegotiation

import { ApiError, ByonApi } from './api.js';
import { Call, describeCall, displayAddress, endCall, enqueue, toAddress } from './call.js';
import { attachMedia, renegotiate } from './call-media.js';
import { applyStatus, onEvent } from './events.js';
import { closePeerConnection, createCompleteAnswer, createCompleteOffer, getMicrophone, stopStream } from './media.js';
import { describeError } from './messages.js';
import { signIn, signOut, unload } from './registration.js';

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

  // ---- sign-in and registration (registration.js) ------------------------------------------

  signIn(name, secret) {
    return signIn(this, name, secret, (ev) => onEvent(this, ev));
  }

  signOut() {
    return signOut(this);
  }

  /** Best effort on page unload: de-register so that this profile can register again at once. */
  unload() {
    unload(this);
  }

  // ---- calls -------------------------------------------------------------------------------

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
      attachMedia(this, call, await getMicrophone());
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
        enqueue(this, call, () => applyStatus(this, call, data));
      }
      if (call.cancelRequested) {
        enqueue(this, call, () => this.#deleteCall(call));
      }
      this.changed();
    } catch (e) {
      endCall(this, call, 'Failed', null, { quiet: true });
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
    return enqueue(this, call, async () => {
      if (call.ended) {
        return;
      }
      try {
        if (!call.offerSdp) {
          throw new ApiError(0, 'WEBRTC_ERROR', 'the invitation carries no SDP offer');
        }
        attachMedia(this, call, await getMicrophone());
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
        this.status(describeCall(call));
      } catch (e) {
        call.answering = false;
        if (e.code === 'NOT_FOUND' || e.code === 'INCOMPATIBLE_STATE') {
          endCall(this, call, 'SessionCancelled', null);
        } else {
          closePeerConnection(call.pc);
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
    return enqueue(this, call, async () => {
      if (call.ended) {
        return;
      }
      try {
        await this.api.updateCallStatus(call.id, 'Declined');
        endCall(this, call, 'Declined', 'DECLINED');
      } catch (e) {
        if (e.code === 'NOT_FOUND') {
          endCall(this, call, 'SessionCancelled', null);
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

  async #renegotiate(request) {
    const call = this.activeCall;
    if (!call?.id || !call.pc) {
      throw new ApiError(0, 'INCOMPATIBLE_STATE', 'there is no call to ' + request.toLowerCase());
    }
    return enqueue(this, call, () => renegotiate(this, call, request));
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
    return enqueue(this, call, () => this.#deleteCall(call));
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
    endCall(this, call, answered ? 'Terminated' : 'SessionCancelled', 'LOCAL_HANGUP');
  }
}
