import type { VoiceSessionStatus } from './generated/index.js';
import { TERMINAL_VOICE_STATUSES } from './generated/contract.js';

/** A call's status: the contract's VoiceSessionStatus values (a newer gateway may send others). */
export type CallStatus = VoiceSessionStatus;

// byon.yaml's terminal VoiceSessionStatus values (x-terminal): generated/contract.ts is written from the contract at build time
const TERMINAL: ReadonlySet<string> = new Set(TERMINAL_VOICE_STATUSES);

/** Whether no status follows this one. */
export function isTerminal(status: CallStatus): boolean {
  return TERMINAL.has(status);
}

/** Initial < InProgress < Ringing < Connected = Hold < terminal; -1 for a value this SDK does not know. */
export function rank(status: CallStatus): number {
  if (isTerminal(status)) {
    return 5;
  }
  switch (status) {
    case 'Initial': return 0;
    case 'InProgress': return 1;
    case 'Ringing': return 2;
    case 'Connected':
    case 'Hold': return 3;
    default: return -1;
  }
}
