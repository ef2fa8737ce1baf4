// The phone: the state of one page's sign-in and of the calls of its registration, and the
// actions the UI calls on it. Every request and every event goes through the TypeScript SDK
// (@byon/client, served at ../sdk/, built from client-ts): ByonClient, its channel, registration
// and calls. No DOM here; the UI listens to 'change', 'log' and 'failure' events. The work is
// split by concern:
//   auth.js          sign-in at the IdP (authorization code + PKCE), renewal, logout; the SDK's token source
//   registration.js  sign-in, resume after a reload, logout, the loss of the registration (the SDK refreshes)
//   events.js        what the page does with the channel's typed events (invitations)
//   call.js          the call model beside the SDK's Call, its per-call queue, how a call ends
//   call-media.js    each call's RTCPeerConnection: answers, re-offers, hold renegotiation

import { Call, describeCall, displayAddress, endCall, enqueue, toAddress } from './call.js';
import { applyMicrophone, applyUpdate, attachMedia, renegotiate } from './call-media.js';
import { PageError } from './errors.js';
import { onEvent } from './events.js';
import { closePeerConnection, createCompleteAnswer, createCompleteOffer, getMicrophone, stopStream } from './media.js';
import { describeError } from './messages.js';
import { BrowserSignIn } from './auth.js';
import { signIn, signOut, start, unload } from './registration.js';

// RFC 4733 tone length and the pause after it
const DTMF_DURATION_MS = 120;
const DTMF_GAP_MS = 70;

export class Phone extends EventTarget {
  /** @param {string} origin the gateway's scheme, host and port (the SDK appends the contract's base path) */
  constructor(origin = location.origin) {
    super();
    this.origin = origin;
    this.state = 'signed-out'; // signed-out | signing-in | registered | signing-out
    this.subscriber = null; // {name, number}
    this.auth = new BrowserSignIn(origin); // the sign-in and the SDK's token source (auth.js)
    this.handledSequence = 0; // the sequence of the last event the page handled (kept for a reload)
    this.client = null; // the SDK's ByonClient
    this.channel = null; // its WebSocketChannel
    this.registration = null; // its Registration
    this.calls = new Map();
    this.draft = null; // outgoing call before the SDK returns it
    this.lastResult = null;
    this.refreshCount = 0;
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

  /** On page load: completes a sign-in coming back from the login page, or resumes this tab's registration after a reload. */
  start() {
    return start(this, (ev) => onEvent(this, ev));
  }

  /** Goes to the identity provider's login page (the page comes back signed in). */
  signIn() {
    return signIn(this);
  }

  /** Logout: de-registers every registration of the page, deletes its channel, ends the login session (revoking its tokens). */
  signOut() {
    return signOut(this);
  }

  /** On page unload (reload or close): keeps what a reload needs; a closed page's registration ends after the grace period. */
  unload() {
    unload(this);
  }

  // ---- calls -------------------------------------------------------------------------------

  async dial(input) {
    if (this.state !== 'registered') {
      throw new PageError('NOT_REGISTERED', 'not signed in');
    }
    if (this.activeCall) {
      throw new PageError('INCOMPATIBLE_STATE', 'hang up the current call first');
    }
    const address = toAddress(input);
    const call = new Call({ direction: 'Outgoing', remote: address });
    this.draft = call;
    this.lastResult = null;
    this.status(`Calling ${displayAddress(address)}…`);
    try {
      attachMedia(this, call, await getMicrophone());
      const offer = await createCompleteOffer(call.pc);
      if (call.ended) {
        return;
      }
      // the updates (the response, and events that came while the request was in flight) follow in order
      const sdkCall = await this.registration.call(address, offer, (update) =>
        enqueue(this, call, () => applyUpdate(this, call, update)));
      call.sdk = sdkCall;
      call.id = sdkCall.voiceSessionId;
      if (!call.ended) {
        this.calls.set(call.id, call);
      }
      this.draft = null;
      this.log('info', `Voice session ${call.id} created (${sdkCall.status})`);
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
      throw new PageError('NOT_FOUND', 'the call has ended');
    }
    if (this.activeCall) {
      throw new PageError('INCOMPATIBLE_STATE', 'hang up the current call first');
    }
    call.answering = true;
    this.changed();
    return enqueue(this, call, async () => {
      if (call.ended) {
        return;
      }
      try {
        if (!call.offerSdp) {
          throw new PageError('WEBRTC_ERROR', 'the invitation carries no SDP offer');
        }
        attachMedia(this, call, await getMicrophone());
        let answerSdp;
        try {
          answerSdp = await createCompleteAnswer(call.pc, call.offerSdp);
        } catch (e) {
          throw new PageError('WEBRTC_ERROR', e.message);
        }
        if (call.ended) {
          return;
        }
        await call.sdk.answer(answerSdp);
        call.answered = true;
        call.answering = false;
        call.status = call.sdk.status;
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
        await call.sdk.decline();
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
      throw new PageError('INCOMPATIBLE_STATE', 'there is no call to ' + request.toLowerCase());
    }
    return enqueue(this, call, () => renegotiate(this, call, request));
  }

  /** Mutes (or unmutes) our microphone in the current call; the call's media session is unchanged. */
  mute(on = true) {
    const call = this.activeCall;
    if (!call) {
      throw new PageError('INCOMPATIBLE_STATE', 'there is no call to mute');
    }
    call.muted = Boolean(on);
    applyMicrophone(call);
    this.log('media', call.muted ? 'microphone muted' : 'microphone unmuted');
    this.changed();
  }

  /** Sends DTMF tones in the current call as RFC 4733 telephone-events (RTCDTMFSender). */
  sendDtmf(tones) {
    const call = this.activeCall;
    const sender = call?.pc?.getSenders().find((s) => s.track?.kind === 'audio');
    if (!sender || call.status !== 'Connected') {
      throw new PageError('INCOMPATIBLE_STATE', 'keypad tones need a connected call');
    }
    if (!sender.dtmf?.canInsertDTMF) {
      throw new PageError('DTMF_UNAVAILABLE', 'the other side did not accept telephone-events');
    }
    // insertDTMF during playback would replace the tones still queued: keys pressed while tones
    // play wait until the sender's buffer has played out ('tonechange' with an empty tone)
    if (!call.dtmfQueue) {
      call.dtmfQueue = { pending: '', playing: false };
      sender.dtmf.addEventListener('tonechange', (ev) => {
        if (ev.tone !== '') {
          return;
        }
        const next = call.dtmfQueue.pending;
        call.dtmfQueue.pending = '';
        call.dtmfQueue.playing = next !== '' && !call.ended;
        if (call.dtmfQueue.playing) {
          sender.dtmf.insertDTMF(next, DTMF_DURATION_MS, DTMF_GAP_MS);
        }
      });
    }
    if (call.dtmfQueue.playing) {
      call.dtmfQueue.pending += tones;
    } else {
      call.dtmfQueue.playing = true;
      sender.dtmf.insertDTMF(tones, DTMF_DURATION_MS, DTMF_GAP_MS);
    }
    call.dtmfSent = (call.dtmfSent || '') + tones;
    this.log('media', `DTMF ${tones} sent (RFC 4733)`);
    this.changed();
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
      await call.sdk.hangUp(); // an ended call (404) is not an error
    } catch (e) {
      this.fail(e, 'Hanging up');
      return;
    }
    endCall(this, call, answered ? 'Terminated' : 'SessionCancelled', 'LOCAL_HANGUP');
  }
}
