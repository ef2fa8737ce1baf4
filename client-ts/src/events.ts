import { CloudEventFromJSON } from './generated/index.js';
import type { CallStatus } from './status.js';

/** An incoming call offered to this endpoint; `call` answers, rings or declines it. */
export interface SessionInvitation {
  readonly type: 'session-invitation';
  readonly id: string;
  readonly sequence: number;
  readonly voiceSessionId: string;
  readonly racmSessionId: string;
  readonly originatorAddress: string;
  readonly receiverAddress: string;
  readonly offerSdp: string;
}

/** A call changed status. */
export interface SessionStatusChanged {
  readonly type: 'session-status';
  readonly id: string;
  readonly sequence: number;
  readonly voiceSessionId: string;
  readonly racmSessionId: string;
  readonly status: CallStatus;
  readonly reason: string | undefined;
  readonly answerSdp: string | undefined;
  readonly offerSdp: string | undefined;
}

/** A registration ended. */
export interface RegistrationEnded {
  readonly type: 'registration-ends';
  readonly id: string;
  readonly sequence: number;
  readonly racmSessionId: string;
  readonly terminationReason: string;
}

/** The notification channel ended; no reconnect follows. */
export interface ChannelEnded {
  readonly type: 'channel-ends';
  readonly id: string;
  readonly sequence: number;
  readonly channelId: string;
  readonly terminationReason: string;
}

/** Every event of the contract, discriminated by `type`: `switch (event.type)` narrows with no cast. */
export type ByonEvent = SessionInvitation | SessionStatusChanged | RegistrationEnded | ChannelEnded;

/**
 * Parses one structured-mode CloudEvent (a WebSocket frame or webhook body) with the generated
 * model. Returns `undefined` for an event type this SDK does not know (tolerant reader) and
 * throws on text that is not a CloudEvent of the contract.
 */
export function parseEvent(text: string): ByonEvent | undefined {
  const json: unknown = JSON.parse(text);
  if (!json || typeof json !== 'object' || typeof (json as { id?: unknown }).id !== 'string'
      || typeof (json as { type?: unknown }).type !== 'string') {
    throw new Error('not a CloudEvent: id and type are required');
  }
  const e = CloudEventFromJSON(json);
  switch (e.type) {
    case 'org.byon.voice.v1.session-invitation':
      return { type: 'session-invitation', id: e.id, sequence: e.sequence, voiceSessionId: e.data.voiceSessionId,
        racmSessionId: e.data.racmSessionId, originatorAddress: e.data.originatorAddress,
        receiverAddress: e.data.receiverAddress, offerSdp: e.data.offer.sdp };
    case 'org.byon.voice.v1.session-status':
      return { type: 'session-status', id: e.id, sequence: e.sequence, voiceSessionId: e.data.voiceSessionId,
        racmSessionId: e.data.racmSessionId, status: e.data.status as CallStatus, reason: e.data.reason,
        answerSdp: e.data.answer?.sdp, offerSdp: e.data.offer?.sdp };
    case 'org.byon.racm.v1.registration-ends':
      return { type: 'registration-ends', id: e.id, sequence: e.sequence, racmSessionId: e.data.racmSessionId,
        terminationReason: e.data.terminationReason };
    case 'org.byon.channel.v1.channel-ends':
      return { type: 'channel-ends', id: e.id, sequence: e.sequence, channelId: e.data.channelId,
        terminationReason: e.data.terminationReason };
    default:
      return undefined;
  }
}
