import type { RacmSession } from './generated/index.js';
import { Call, fromSession } from './call.js';
import type { CallUpdate } from './call.js';
import { ByonApiError } from './errors.js';
import type { Http } from './http.js';
import { later, unref } from './channel.js';

/** Reads a JWT's `exp` (not verified; only to schedule refreshes). */
export function jwtExpiry(token: string): Date | undefined {
  const part = token.split('.')[1];
  if (!part) {
    return undefined;
  }
  try {
    const json = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof json.exp === 'number' ? new Date(json.exp * 1000) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A device registered under the subscriber's own number. It refreshes itself (`PUT` with a fresh
 * token from the token source) before the token it last sent, or the registration, expires.
 */
export class Registration {
  readonly racmSessionId: string;
  readonly phoneNumber: string;
  readonly deviceId: string;
  readonly channelId: string;
  private expires: Date | undefined;
  private token: string;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private active = true;
  private endReason: string | undefined;
  private readonly refreshListeners = new Set<(registration: Registration) => void>();
  private readonly endListeners = new Set<(reason: string | undefined) => void>();

  constructor(private readonly http: Http, session: RacmSession, token: string,
              private readonly outgoing: (call: Call) => Call, private readonly requestedExpirySeconds?: number) {
    this.racmSessionId = session.racmSessionId;
    this.phoneNumber = session.phoneNumber;
    this.deviceId = session.deviceId;
    this.channelId = session.channelId;
    this.expires = session.expiresAt;
    this.token = token;
    this.schedule();
  }

  get expiresAt(): Date | undefined {
    return this.expires;
  }

  get isActive(): boolean {
    return this.active;
  }

  /** Why the gateway ended the registration (`registration-ends`' terminationReason), once it has. */
  get terminationReason(): string | undefined {
    return this.endReason;
  }

  /** Calls `listener` after each successful refresh; returns a function that unsubscribes. */
  onRefreshed(listener: (registration: Registration) => void): () => void {
    this.refreshListeners.add(listener);
    return () => this.refreshListeners.delete(listener);
  }

  /**
   * Calls `listener` once when the registration ends on the gateway (with the termination reason
   * of its `registration-ends` event; `undefined` when a refresh found it gone); not after `close()`.
   */
  onEnded(listener: (reason: string | undefined) => void): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  private schedule(): void {
    if (!this.active) {
      return;
    }
    const dues = [jwtExpiry(this.token)?.getTime(), this.expires?.getTime()].filter((t): t is number => t !== undefined);
    const due = dues.length ? Math.min(...dues) : Date.now() + 5 * 60_000;
    const left = due - Date.now();
    const delay = Math.max(2_000, left - Math.min(left / 3, 30_000));
    clearTimeout(this.timer);
    this.timer = later(() => {
      if (delay > 2 ** 31 - 1) {
        this.schedule();
      } else {
        void this.refreshInBackground();
      }
    }, delay);
  }

  private async refreshInBackground(): Promise<void> {
    try {
      await this.refresh();
    } catch (e) {
      if (e instanceof ByonApiError && e.status === 404) {
        this.ended(undefined);
        return;
      }
      clearTimeout(this.timer);
      this.timer = unref(setTimeout(() => void this.refreshInBackground(), 5_000));
    }
  }

  /** Refreshes now with a fresh token (normally automatic). */
  async refresh(): Promise<void> {
    const fresh = await this.http.token(this.token);
    const session = await this.http.send(() => this.http.racm.updateRacmSession({
      racmSessionId: this.racmSessionId,
      updateRacmSession: this.requestedExpirySeconds
        ? { registrationExpireTime: new Date(Date.now() + this.requestedExpirySeconds * 1000) } : {},
    }, async ({ init }) => ({ headers: { ...(init.headers as Record<string, string>), Authorization: 'Bearer ' + fresh } })));
    // (an init override replaces the headers whole: the generated Content-Type is kept above)
    this.token = fresh;
    this.expires = session.expiresAt ?? this.expires;
    this.schedule();
    for (const l of [...this.refreshListeners]) {
      l(this);
    }
  }

  /**
   * Places an outgoing call from the subscriber's own number (E.164 `+44...`, `tel:` or `sip:`).
   * `onUpdate`, when given, is subscribed before anything applies to the call: it sees the
   * response and any event that arrived while the request was in flight, in order.
   */
  async call(receiver: string, offerSdp: string, onUpdate?: (update: CallUpdate) => void): Promise<Call> {
    if (!this.active) {
      throw new Error('registration ' + this.racmSessionId + ' is not active');
    }
    const receiverAddress = receiver.startsWith('+') ? 'tel:' + receiver : receiver;
    const vs = await this.http.send(() => this.http.voice.createVoiceSession({
      createVoiceSession: { racmSessionId: this.racmSessionId, receiverAddress, offer: { sdp: offerSdp } },
    }));
    const call = new Call(this.http, vs.voiceSessionId, vs.racmSessionId, false, vs.receiverAddress);
    if (onUpdate) {
      call.onUpdate(onUpdate);
    }
    call.apply(fromSession(vs));
    return this.outgoing(call);
  }

  /** The registration ended on the gateway (`reason`: its termination reason, if known): stop refreshing, tell the listeners. */
  ended(reason?: string): void {
    const was = this.active;
    this.stop();
    if (was) {
      this.endReason = reason;
      for (const l of [...this.endListeners]) {
        l(reason);
      }
    }
  }

  private stop(): void {
    this.active = false;
    clearTimeout(this.timer);
  }

  /**
   * Stops refreshing and de-registers (`DELETE`; a 404 is ignored). `keepalive` lets the request
   * outlive a page that is being unloaded (fetch `keepalive`).
   */
  async close(options: { keepalive?: boolean } = {}): Promise<void> {
    const was = this.active;
    this.stop();
    if (!was) {
      return;
    }
    try {
      await this.http.send(() => this.http.racm.deleteRacmSession({ racmSessionId: this.racmSessionId },
        options.keepalive ? { keepalive: true } : undefined));
    } catch (e) {
      if (!(e instanceof ByonApiError && e.status === 404)) {
        throw e;
      }
    }
  }
}
