// What the page does with the notification channel's events. The SDK parses every CloudEvent
// into a typed ByonEvent (a discriminated union on `type`) and keeps its calls and registrations
// up to date; the page logs each event and turns invitations into ringing calls. Status changes
// reach each call through its SDK Call's updates (call.js), the end of the registration or of
// the channel through the registration's and the channel's listeners (registration.js).

import { Call, displayAddress, enqueue, followCall } from './call.js';

export function onEvent(phone, event) {
  const parts = [`#${event.sequence}`, event.type, event.status, event.reason, event.terminationReason].filter(Boolean);
  phone.log('event', parts.join(' '));
  if (event.type === 'session-invitation') {
    onInvitation(phone, event);
  }
}

function onInvitation(phone, event) {
  const sdkCall = phone.client?.call(event.voiceSessionId);
  if (!sdkCall || phone.calls.has(event.voiceSessionId)) {
    return;
  }
  const call = new Call({ direction: 'Incoming', remote: event.originatorAddress, offerSdp: event.offerSdp });
  followCall(phone, call, sdkCall);
  phone.calls.set(call.id, call);
  phone.status(`Incoming call from ${displayAddress(call.remote)}`);
  // tell the caller we are alerting the user (180 Ringing)
  enqueue(phone, call, async () => {
    if (call.ended) {
      return;
    }
    try {
      await sdkCall.ringing();
    } catch (e) {
      if (e.code !== 'INCOMPATIBLE_STATE' && e.code !== 'NOT_FOUND') {
        phone.fail(e, 'Ringing');
      }
    }
  });
}
