// Dispatch of the CloudEvents that arrive on the notification channel: invitations become
// ringing calls, session-status events move calls along (with their SDP), and the end of the
// registration or of the channel signs the page out.

import { Call, describeCall, displayAddress, endCall, enqueue } from './call.js';
import { applyCalleeAnswer, applyPeerReoffer } from './call-media.js';
import { TERMINAL_STATUSES } from './messages.js';
import { lostRegistration } from './registration.js';
// generated at build time from byon.yaml (org.byon.openapi.JsFacts): the contract's event types
import { EVENT_TYPES } from './contract.js';

const EVENT_PREFIX = 'org.byon.';

export function onEvent(phone, ev) {
  const type = String(ev.type || '');
  const data = ev.data || {};
  const short = type.startsWith(EVENT_PREFIX) ? type.slice(EVENT_PREFIX.length) : type;
  const parts = [`#${ev.sequence}`, short, data.status, data.reason, data.terminationReason].filter(Boolean);
  phone.log('event', parts.join(' '));
  switch (type) {
    case EVENT_TYPES.SESSION_INVITATION:
      onInvitation(phone, data);
      break;
    case EVENT_TYPES.SESSION_STATUS: {
      const call = phone.calls.get(data.voiceSessionId);
      if (call) {
        enqueue(phone, call, () => applyStatus(phone, call, data));
      } else if (phone.draft) {
        // an event for a voiceSessionId not yet known: the outgoing call in flight applies it
        const list = phone.buffered.get(data.voiceSessionId) || [];
        list.push(data);
        phone.buffered.set(data.voiceSessionId, list);
      }
      break;
    }
    case EVENT_TYPES.REGISTRATION_ENDS:
      if (phone.state === 'registered' && data.racmSessionId === phone.registration?.racmSessionId) {
        lostRegistration(phone, data.terminationReason);
      }
      break;
    case EVENT_TYPES.CHANNEL_ENDS:
      if (phone.state === 'registered' && data.channelId === phone.channelInfo?.channelId) {
        lostRegistration(phone, 'DELETED');
      }
      break;
    default:
      break; // unknown types are ignored (contract)
  }
}

function onInvitation(phone, data) {
  if (phone.calls.has(data.voiceSessionId)) {
    return;
  }
  const call = new Call({
    id: data.voiceSessionId,
    direction: 'Incoming',
    remote: data.originatorAddress,
    status: data.status || 'Initial',
    offerSdp: data.offer?.sdp,
  });
  phone.calls.set(call.id, call);
  phone.status(`Incoming call from ${displayAddress(call.remote)}`);
  // tell the caller we are alerting the user (180 Ringing)
  enqueue(phone, call, async () => {
    try {
      const leg = await phone.api.updateCallStatus(call.id, 'Ringing');
      if (!call.ended && !call.answered && leg?.status === 'Ringing') {
        call.status = 'Ringing';
        phone.changed();
      }
    } catch (e) {
      if (e.code !== 'INCOMPATIBLE_STATE' && e.code !== 'NOT_FOUND') {
        phone.fail(e, 'Ringing');
      }
    }
  });
}

/** A session-status event for a known call (run in the call's queue). */
export async function applyStatus(phone, call, data) {
  if (call.ended) {
    return;
  }
  if (TERMINAL_STATUSES.has(data.status)) {
    endCall(phone, call, data.status, data.reason);
    return;
  }
  const previous = call.status;
  call.status = data.status;
  call.reason = data.reason || null;
  const pc = call.pc;
  if (data.status === 'Connected' && call.direction === 'Outgoing' && pc?.signalingState === 'have-local-offer' && data.answer?.sdp && !call.remoteAnswerApplied) {
    await applyCalleeAnswer(phone, call, data.answer.sdp);
  } else if ((data.status === 'Hold' || data.status === 'Connected') && (previous === 'Connected' || previous === 'Hold')) {
    // a re-INVITE: hold or resume by the peer, or the echo of our own request
    if (data.status === 'Hold' && call.heldBy !== 'me') {
      call.heldBy = 'peer';
    } else if (data.status === 'Connected') {
      call.heldBy = null;
    }
    await applyPeerReoffer(phone, call, data.status, data.offer?.sdp);
  }
  phone.status(describeCall(call));
}
