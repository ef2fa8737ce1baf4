// Human messages for every ErrorInfo code of the contract, client-side failures, call
// statuses and reasons.

const ERROR_MESSAGES = {
  INVALID_ARGUMENT: 'The gateway rejected the request as invalid.',
  OUT_OF_RANGE: 'A requested time or value is outside what the gateway allows.',
  UNAUTHENTICATED: 'Sign-in failed or has expired. Sign in again.',
  LOGIN_REQUIRED: 'Your sign-in session has ended. Sign in again.',
  INSECURE_CONTEXT: 'Sign-in needs a secure page (https, or http on localhost or 127.0.0.1).',
  PERMISSION_DENIED: 'Not allowed: this subscriber may not do that (missing permission, or a number that is not yours).',
  INVALID_TOKEN_CONTEXT: 'The new sign-in belongs to a different subscriber than this registration. Sign out and sign in again.',
  'BYON.MAX_REGISTRATION_PER_USER':
    'Too many devices are registered for this number. Sign out in another browser or wait for an old registration to expire.',
  NOT_FOUND: 'The call or registration no longer exists; it has probably ended already.',
  METHOD_NOT_ALLOWED: 'The gateway does not support this request.',
  NOT_ACCEPTABLE: 'The gateway cannot answer in JSON.',
  ALREADY_EXISTS:
    'This browser profile is already registered for this number (another tab?). Close the other tab, or use another browser profile or a private window.',
  INCOMPATIBLE_STATE: 'That is not possible in the current state of the call (it may just have changed).',
  ABORTED: 'The request clashed with another change. Try again.',
  'BYON.UNKNOWN_CHANNEL': 'The notification channel is unknown or has ended. Sign in again.',
  'BYON.UNKNOWN_RACM_SESSION': 'This browser is no longer registered. Sign in again.',
  'BYON.NOTIFICATION_URL_NOT_ALLOWED': 'The gateway refused the notification address.',
  QUOTA_EXCEEDED: 'The usage quota is exhausted. Try again later.',
  TOO_MANY_REQUESTS: 'Too many requests. Wait a moment and try again.',
  INTERNAL: 'The gateway had an internal error. Try again.',
  NOT_IMPLEMENTED: 'The gateway does not implement this yet.',
  UNAVAILABLE: 'The gateway is temporarily unavailable. Try again shortly.',
  // client-side
  NETWORK_ERROR: 'The gateway cannot be reached. Check that it is running and reload the page.',
  TOKEN_ERROR: 'The identity provider did not issue a token.',
  MEDIA_UNAVAILABLE: 'The microphone is not available. Allow microphone access for this page.',
  WEBRTC_ERROR: 'The browser could not use the media description of the other side.',
  INVALID_NUMBER: 'Enter a number in international format, for example +447700900002.',
  NOT_REGISTERED: 'Sign in first.',
  CHANNEL_ERROR: 'The notification channel could not be opened.',
  DTMF_UNAVAILABLE: 'Keypad tones cannot be sent in this call.',
};

const BY_STATUS = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'INCOMPATIBLE_STATE',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/**
 * "What happened" for a failure: the SDK's ByonApiError ({status, code, message}), its
 * ByonTransportError (kind 'transport': no response; a failure of the token source comes wrapped
 * in one, as its cause), or the page's own PageError ({code, message}).
 */
export function describeError(err) {
  if (err?.kind === 'transport') {
    return err.cause?.code ? describeError(err.cause) : describeError({ code: 'NETWORK_ERROR', message: err.message });
  }
  const code = err?.code;
  let text = ERROR_MESSAGES[code];
  if (!text && err?.status && BY_STATUS[err.status]) {
    text = ERROR_MESSAGES[BY_STATUS[err.status]];
  }
  if (!text) {
    text = 'Something went wrong.';
  }
  const detail = err?.message && err.message !== code ? ` (${code ? `${code}: ` : ''}${err.message})` : code ? ` (${code})` : '';
  return `${text}${detail}`;
}

const STATUS_TEXT = {
  Initial: 'Calling…',
  InProgress: 'Connecting…',
  Ringing: 'Ringing…',
  Connected: 'Connected',
  Hold: 'On hold',
  Terminated: 'Call ended',
  Busy: 'Busy',
  Declined: 'Declined',
  NoAnswer: 'No answer',
  NotReachable: 'Not reachable',
  Failed: 'Call failed',
  SessionCancelled: 'Call cancelled',
};

const REASON_TEXT = {
  ANSWERED_ELSEWHERE: 'answered on another device',
  LOCAL_HANGUP: 'you hung up',
  REMOTE_HANGUP: 'the other party hung up',
  CALLER_CANCELLED: 'the caller hung up before it was answered',
  DECLINED: 'the call was declined',
  BUSY: 'the other party is in another call',
  NO_ANSWER: 'nobody answered',
  NOT_REACHABLE: 'the number cannot be reached',
  REGISTRATION_ENDED: 'this browser is no longer registered',
  NETWORK_FAILURE: 'a network failure',
};

export function describeStatus(status, reason) {
  const s = STATUS_TEXT[status] || status;
  const r = reason ? REASON_TEXT[reason] || reason : '';
  return r ? `${s}: ${r}` : s;
}

const REGISTRATION_END_TEXT = {
  REGISTRATION_EXPIRED: 'the registration expired',
  ACCESS_TOKEN_EXPIRED: 'the sign-in expired',
  NETWORK_TERMINATED: 'the network ended it',
  DELETED: 'it was removed (signed out elsewhere, or its channel ended)',
  CHANNEL_DISCONNECTED: 'the page was disconnected longer than the grace period',
};

export function describeRegistrationEnd(reason) {
  return `This browser is no longer registered: ${REGISTRATION_END_TEXT[reason] || reason || 'unknown reason'}. Sign in again.`;
}
