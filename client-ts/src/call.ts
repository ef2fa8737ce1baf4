import type { VoiceSession } from './generated/index.js';
import { ByonApiError } from './errors.js';
import type { Http } from './http.js';
import { isTerminal, rank } from './status.js';
import type { CallStatus } from './status.js';

/** A status update from an event (with its channel sequence) or from a response (sequence undefined). */
export interface StatusUpdate {
  status: CallStatus;
  reason?: string | undefined;
  answerSdp?: string | undefined;
  offerSdp?: string | undefined;
  sequence?: number | undefined;
}

/** An update that applied to a call: the new status, with the SDP it carried and where it came from. */
export interface CallUpdate extends StatusUpdate {
  /** The status before this update. */
  readonly previous: CallStatus;
  /** True for a `session-status` event of the channel, false for the response of this call's own request. */
  readonly fromEvent: boolean;
}

/**
 * An outgoing or incoming call leg. Its status follows the channel's events and the responses of
 * its own requests and never goes backwards (ranked Initial < InProgress < Ringing < Connected =
 * Hold < terminal; events in sequence order; a response within one rank only when no event came
 * while it was in flight).
 */
export class Call {
  private current: CallStatus;
  private reasonText: string | undefined;
  private remote: string | undefined;
  private lastSequence = 0;
  private eventsApplied = 0;
  private readonly reached = new Set<CallStatus>();
  private readonly listeners = new Set<(status: CallStatus) => void>();
  private readonly updateListeners = new Set<(update: CallUpdate) => void>();

  constructor(private readonly http: Http, readonly voiceSessionId: string, readonly racmSessionId: string,
              readonly incoming: boolean, readonly remoteAddress: string, remoteSdp?: string) {
    this.current = 'Initial';
    this.reached.add('Initial');
    this.remote = remoteSdp;
  }

  get status(): CallStatus {
    return this.current;
  }

  get reason(): string | undefined {
    return this.reasonText;
  }

  /** The other party's SDP: the answer of an outgoing call once connected, the caller's offer of an incoming one. */
  get remoteSdp(): string | undefined {
    return this.remote;
  }

  /** Applies an update unless it would move the status backwards; returns whether it applied. */
  apply(u: StatusUpdate, eventsBefore = this.eventsApplied): boolean {
    if (isTerminal(this.current)) {
      return false;
    }
    const fromEvent = u.sequence !== undefined;
    if (fromEvent && u.sequence! > 0 && u.sequence! <= this.lastSequence) {
      return false;
    }
    const now = rank(this.current);
    const next = rank(u.status);
    if (next === -1 ? !(fromEvent || now <= 0)
        : next !== now ? next < now
        : !(fromEvent || u.status === this.current || eventsBefore === this.eventsApplied)) {
      return false;
    }
    if (fromEvent) {
      this.eventsApplied++;
      this.lastSequence = Math.max(this.lastSequence, u.sequence!);
    }
    const previous = this.current;
    const changed = previous !== u.status;
    this.current = u.status;
    this.reached.add(u.status);
    if (u.reason !== undefined) {
      this.reasonText = u.reason;
    }
    if (this.incoming) {
      this.remote = u.offerSdp ?? this.remote;
    } else {
      this.remote = u.answerSdp ?? (u.status === 'Hold' ? u.offerSdp : undefined) ?? this.remote;
    }
    const update: CallUpdate = { ...u, previous, fromEvent };
    for (const l of [...this.updateListeners]) {
      l(update);
    }
    if (changed) {
      for (const l of [...this.listeners]) {
        l(this.current);
      }
    }
    return true;
  }

  /** Resolves `true` once the call reached `expected`, `false` when it ended otherwise or `timeoutMs` passed. */
  waitFor(expected: CallStatus, timeoutMs = 30_000): Promise<boolean> {
    if (this.reached.has(expected)) {
      return Promise.resolve(true);
    }
    if (isTerminal(this.current)) {
      return Promise.resolve(false);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(false), timeoutMs);
      const listener = (): void => {
        if (this.reached.has(expected)) {
          done(true);
        } else if (isTerminal(this.current)) {
          done(false);
        }
      };
      const done = (ok: boolean): void => {
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(ok);
      };
      this.listeners.add(listener);
    });
  }

  /** Calls `listener` with every new status; returns a function that unsubscribes. */
  onStatus(listener: (status: CallStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Calls `listener` with every update that applied (also those that keep the status, such as a
   * peer's re-offer), with its SDP and whether it came from an event; returns a function that
   * unsubscribes. A media layer answers offers and applies answers from here.
   */
  onUpdate(listener: (update: CallUpdate) => void): () => void {
    this.updateListeners.add(listener);
    return () => this.updateListeners.delete(listener);
  }

  /** Puts the call on hold; returns the SDP answer to `offerSdp` (direction mirrored: sendonly -> recvonly). */
  hold(offerSdp: string): Promise<string | undefined> {
    return this.put('Hold', offerSdp, undefined);
  }

  /** Resumes a held call; returns the SDP answer to `offerSdp`. */
  resume(offerSdp: string): Promise<string | undefined> {
    return this.put('Resume', offerSdp, undefined);
  }

  /** Incoming only: alerting. */
  async ringing(): Promise<void> {
    this.requireIncoming();
    await this.put('Ringing', undefined, undefined);
  }

  /** Incoming only: answers with `answerSdp`. */
  async answer(answerSdp: string): Promise<void> {
    this.requireIncoming();
    await this.put('Connected', undefined, answerSdp);
  }

  /** Incoming only: declines. */
  async decline(): Promise<void> {
    this.requireIncoming();
    await this.put('Declined', undefined, undefined);
  }

  /** Ends the call (hang up, cancel or decline); a 404 (already ended) is ignored. */
  async hangUp(): Promise<void> {
    try {
      await this.http.send(() => this.http.voice.deleteVoiceSession({ voiceSessionId: this.voiceSessionId }));
    } catch (e) {
      if (!(e instanceof ByonApiError && e.status === 404)) {
        throw e;
      }
    }
  }

  private requireIncoming(): void {
    if (!this.incoming) {
      throw new Error('not an incoming call: ' + this.voiceSessionId);
    }
  }

  private async put(status: 'Hold' | 'Resume' | 'Ringing' | 'Connected' | 'Declined', offer: string | undefined,
                    answer: string | undefined): Promise<string | undefined> {
    const before = this.eventsApplied;
    const vs: VoiceSession = await this.http.send(() => this.http.voice.updateVoiceSessionStatus({
      voiceSessionId: this.voiceSessionId,
      voiceSessionStatusChange: {
        status,
        ...(offer !== undefined ? { offer: { sdp: offer } } : {}),
        ...(answer !== undefined ? { answer: { sdp: answer } } : {}),
      },
    }));
    this.apply(fromSession(vs), before);
    return vs.answer?.sdp;
  }
}

/** The status update a VoiceSession response carries. */
export function fromSession(vs: VoiceSession): StatusUpdate {
  return { status: vs.status, reason: vs.reason, answerSdp: vs.answer?.sdp, offerSdp: vs.offer?.sdp };
}
