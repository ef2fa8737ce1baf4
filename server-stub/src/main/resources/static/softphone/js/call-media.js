// The WebRTC media of a call: its RTCPeerConnection and microphone stream, the updates of the
// SDK's call applied to it (the callee's answer to our offer, the peer's hold/resume re-offers),
// and our own hold/resume renegotiation. SDP and ICE-gathering helpers are in media.js.

import { isTerminal } from '../sdk/index.js';
import { describeCall, endCall } from './call.js';
import { createCompleteAnswer, createCompleteOffer, newPeerConnection, sameTransport, sdpSessionId } from './media.js';

/** Gives the call a peer connection carrying `stream`, reported to the UI as it changes. */
export function attachMedia(phone, call, stream) {
  call.stream = stream;
  applyMicrophone(call, false);
  call.pc = newPeerConnection(stream);
  call.pc.addEventListener('connectionstatechange', () => {
    call.mediaState = call.pc.connectionState;
    phone.log('media', `RTCPeerConnection ${call.pc.connectionState}`);
    phone.changed();
  });
  call.pc.addEventListener('track', (ev) => {
    call.remoteStream = ev.streams[0] || new MediaStream([ev.track]);
    phone.changed();
  });
}

/** Enables the microphone's tracks unless the user muted them or the call is held (`held`). */
export function applyMicrophone(call, held = call.status === 'Hold' && call.heldBy === 'me') {
  call.stream?.getAudioTracks().forEach((t) => {
    t.enabled = !held && !call.muted;
  });
}

/** The callee's answer (relayed unchanged from a web endpoint, or built by the network). */
export async function applyCalleeAnswer(phone, call, sdp) {
  try {
    await call.pc.setRemoteDescription({ type: 'answer', sdp });
    call.remoteAnswerApplied = true;
    call.sdpNote = 'answer applied';
    phone.log('media', 'setRemoteDescription(answer) accepted');
  } catch (e) {
    call.sdpNote = `answer rejected: ${e.message}`;
    phone.fail({ code: 'WEBRTC_ERROR', message: e.message }, 'Applying the answer');
  }
}

/**
 * Answers the offer of a re-INVITE (hold or resume by the peer). The echo of our own hold or
 * resume request carries our own offer (same o= session id): there is nothing to answer then.
 */
export async function applyPeerReoffer(phone, call, status, offer) {
  const pc = call.pc;
  const ours = offer && pc?.localDescription && sdpSessionId(offer) === sdpSessionId(pc.localDescription.sdp);
  if (offer && !ours && pc && pc.signalingState === 'stable') {
    try {
      const tr = pc.getTransceivers()[0];
      if (tr && status === 'Connected') {
        tr.direction = 'sendrecv';
      }
      await createCompleteAnswer(pc, offer);
      phone.log('media', `peer's ${status === 'Hold' ? 'hold' : 'resume'} offer applied`);
    } catch (e) {
      phone.log('warning', `could not apply the peer's re-offer: ${e.message}`);
    }
  }
}

/**
 * An update of the SDK's call (run in the call's queue): a terminal status ends the call; an
 * event's SDP is applied to the media session. Updates from the responses of the page's own
 * requests only move the status: the action that made the request handles its SDP.
 */
export async function applyUpdate(phone, call, update) {
  if (call.ended) {
    return;
  }
  if (isTerminal(update.status)) {
    endCall(phone, call, update.status, update.reason);
    return;
  }
  const previous = call.status;
  call.status = update.status;
  call.reason = update.reason || null;
  if (!update.fromEvent) {
    phone.changed();
    return;
  }
  const pc = call.pc;
  if (update.status === 'Connected' && call.direction === 'Outgoing' && pc?.signalingState === 'have-local-offer' && update.answerSdp && !call.remoteAnswerApplied) {
    await applyCalleeAnswer(phone, call, update.answerSdp);
  } else if ((update.status === 'Hold' || update.status === 'Connected') && (previous === 'Connected' || previous === 'Hold')) {
    // a re-INVITE: hold or resume by the peer, or the echo of our own request
    if (update.status === 'Hold' && call.heldBy !== 'me') {
      call.heldBy = 'peer';
    } else if (update.status === 'Connected') {
      call.heldBy = null;
    }
    await applyPeerReoffer(phone, call, update.status, update.offerSdp);
  }
  phone.status(describeCall(call));
}

/** Hold (sendonly offer) or Resume (sendrecv offer); the PUT response carries the answer. */
export async function renegotiate(phone, call, request) {
  if (call.ended) {
    return;
  }
  const pc = call.pc;
  const tr = pc.getTransceivers()[0];
  const before = tr.direction;
  tr.direction = request === 'Hold' ? 'sendonly' : 'sendrecv';
  let answerSdp;
  try {
    const offerSdp = await createCompleteOffer(pc);
    answerSdp = request === 'Hold' ? await call.sdk.hold(offerSdp) : await call.sdk.resume(offerSdp);
  } catch (e) {
    if (pc.signalingState === 'have-local-offer') {
      await pc.setLocalDescription({ type: 'rollback' }).catch(() => {});
    }
    tr.direction = before;
    phone.fail(e, request);
    return;
  }
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
    phone.log('media', `${request.toLowerCase()} answer applied: media direction ${tr.currentDirection}`);
  } catch (e) {
    // keep the media session as negotiated before, and hold by muting our microphone only
    await pc.setLocalDescription({ type: 'rollback' }).catch(() => {});
    tr.direction = before;
    call.holdRenegotiated = false;
    phone.log('warning', `${request} answer not usable (${e.message}); ${request === 'Hold' ? 'muting' : 'unmuting'} the microphone instead`);
  }
  // on hold our microphone is silent too (a sendonly hold would otherwise still carry our voice);
  // resuming keeps a muted microphone muted
  applyMicrophone(call, request === 'Hold');
  call.status = call.sdk.status;
  call.heldBy = request === 'Hold' ? 'me' : null;
  phone.status(describeCall(call));
}
