import type { ByonEvent } from './events.js';
import { parseEvent } from './events.js';
import { ByonApiError } from './errors.js';
import type { Http } from './http.js';

/** Receives the events of one channel, one at a time, in sequence order. */
export interface ChannelListener {
  onEvent(event: ByonEvent): void | Promise<void>;
  /** Events were lost: `received` came when `expected` should have. */
  onGap?(expected: number, received: number): void;
  /** The socket was lost; the channel reconnects with `lastSequence` resume. */
  onDisconnected?(reason: string): void;
  /** Reconnected; replayed events follow. */
  onReconnected?(lastSequence: number): void;
  /** Closed for good (close(), channel-ends, or the gateway refused the channel). */
  onClosed?(): void;
}

/** The WebSocket constructor of the platform (browsers, Node 22) or one the application passes (Node 20: `ws`). */
export type WebSocketFactory = new (url: string) => WebSocket;

/** Close codes after which the channel is gone: 1000 normal, 4404 unknown channel, 4409 replaced. */
const FINAL_CLOSE = new Set([1000, 4404, 4409]);

/**
 * A WebSocket notification channel: one CloudEvent per text frame, automatic reconnect with
 * `?lastSequence=N` and exponential backoff, duplicates dropped, gaps reported, and renewal
 * (`PUT`) before it expires.
 */
export class WebSocketChannel {
  private socket: WebSocket | undefined;
  private last = 0;
  private attempts = 0;
  private closed = false;
  private queue: Promise<void> = Promise.resolve();
  private renewTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly lifetimeMs: number;

  constructor(private readonly http: Http, readonly channelId: string, private readonly url: string,
              private expires: Date | undefined, private readonly listener: ChannelListener,
              private readonly route: (event: ByonEvent) => void, private readonly WS: WebSocketFactory,
              private readonly backoff: { initialMs: number; maxMs: number }) {
    this.lifetimeMs = expires ? expires.getTime() - Date.now() : 0;
  }

  /** The sequence of the last event delivered, 0 before the first: what a reconnect resumes after. */
  get lastSequence(): number {
    return this.last;
  }

  get expiresAt(): Date | undefined {
    return this.expires;
  }

  get isConnected(): boolean {
    return this.socket !== undefined && this.socket.readyState === 1 && !this.closed;
  }

  /**
   * Opens the first connection. With `resumeAfter` (the sequence of the last event the application
   * saw, 0 for none) the connection asks for the events retained after it (`?lastSequence=N`).
   */
  connect(resumeAfter?: number): Promise<void> {
    const resuming = resumeAfter !== undefined;
    if (resuming) {
      this.last = resumeAfter;
    }
    return new Promise<void>((resolve, reject) => {
      this.open(resuming, () => resolve(), reject, resuming);
    }).then(() => this.scheduleRenewal());
  }

  private open(resume: boolean, opened?: () => void, failed?: (e: Error) => void, fromStart = false): void {
    const target = resume && (fromStart || this.last > 0)
      ? this.url + (this.url.includes('?') ? '&' : '?') + 'lastSequence=' + this.last : this.url;
    const ws = new this.WS(target);
    let isOpen = false;
    ws.onopen = () => {
      isOpen = true;
      this.socket = ws;
      this.attempts = 0;
      if (resume) {
        this.deliver(() => this.listener.onReconnected?.(this.last));
      }
      opened?.();
    };
    ws.onmessage = (m: MessageEvent) => {
      if (this.socket === ws && typeof m.data === 'string') {
        this.frame(m.data);
      }
    };
    ws.onclose = (c: CloseEvent) => {
      if (!isOpen && failed) {
        failed(new Error('WebSocket connect to channel ' + this.channelId + ' failed (' + c.code + ')'));
        return;
      }
      if (this.socket !== ws && isOpen) {
        return;
      }
      this.socket = undefined;
      if (this.closed) {
        return;
      }
      if (FINAL_CLOSE.has(c.code)) {
        this.finish();
        return;
      }
      if (isOpen) {
        this.deliver(() => this.listener.onDisconnected?.('closed ' + c.code + ' ' + c.reason));
      }
      const delay = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** Math.min(this.attempts++, 16));
      unref(setTimeout(() => {
        if (!this.closed) {
          this.open(true);
        }
      }, delay));
    };
  }

  private frame(text: string): void {
    let event: ByonEvent | undefined;
    let sequence = -1;
    try {
      sequence = Number((JSON.parse(text) as { sequence?: unknown }).sequence ?? -1);
      event = parseEvent(text);
    } catch {
      return; // not a valid event: skipped
    }
    if (sequence > 0 && sequence <= this.last) {
      return; // replayed duplicate
    }
    const expected = this.last + 1;
    const gap = sequence > 0 && sequence !== expected;
    if (sequence > 0) {
      this.last = sequence;
    }
    if (event) {
      this.route(event);
    }
    this.deliver(async () => {
      if (gap) {
        this.listener.onGap?.(expected, sequence);
      }
      if (event) {
        await this.listener.onEvent(event);
      }
    });
    if (event?.type === 'channel-ends') {
      this.finish();
    }
  }

  /** Queues a listener call after the previous ones; a listener that throws does not stop delivery. */
  private deliver(call: () => unknown): void {
    this.queue = this.queue.then(call).then(() => undefined, () => undefined);
  }

  private scheduleRenewal(): void {
    if (!this.expires || this.closed) {
      return;
    }
    const left = this.expires.getTime() - Date.now();
    const margin = Math.min(left / 5, 5 * 60_000);
    const delay = left - margin;
    this.renewTimer = later(() => {
      if (delay > 2 ** 31 - 1) {
        this.scheduleRenewal();
      } else {
        void this.renew();
      }
    }, delay);
  }

  private async renew(): Promise<void> {
    try {
      const renewed = await this.http.send(() => this.http.channels.updateNotificationChannel({
        channelId: this.channelId,
        updateNotificationChannel: { requestedExpiresAt: new Date(Date.now() + this.lifetimeMs) },
      }));
      this.expires = renewed.expiresAt ?? this.expires;
      this.scheduleRenewal();
    } catch (e) {
      if (e instanceof ByonApiError && e.status === 404) {
        this.finish();
        return;
      }
      this.renewTimer = unref(setTimeout(() => void this.renew(), 5_000));
    }
  }

  private finish(): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    clearTimeout(this.renewTimer);
    const ws = this.socket;
    this.socket = undefined;
    ws?.close(1000, 'closed');
    this.deliver(() => this.listener.onClosed?.());
  }

  /**
   * Deletes the channel on the gateway (a 404 is ignored), closes the socket and stops
   * reconnecting. `keepalive` lets the request outlive a page that is being unloaded.
   */
  async close(options: { keepalive?: boolean } = {}): Promise<void> {
    this.finish();
    try {
      await this.http.send(() => this.http.channels.deleteNotificationChannel({ channelId: this.channelId },
        options.keepalive ? { keepalive: true } : undefined));
    } catch (e) {
      if (!(e instanceof ByonApiError && e.status === 404)) {
        throw e;
      }
    }
  }

  /** Test hook: drops the socket as a network failure would; the channel reconnects with resume. */
  simulateConnectionLoss(): void {
    this.socket?.close(4000, 'simulated loss');
  }
}

export function unref<T>(timer: T): T {
  (timer as { unref?: () => void }).unref?.();
  return timer;
}

/** setTimeout fires at once for delays beyond 2^31-1 ms: clamp (a far timer is simply re-armed when it fires early). */
export function later(run: () => void, delayMs: number): ReturnType<typeof setTimeout> {
  return unref(setTimeout(run, Math.min(Math.max(0, delayMs), 2 ** 31 - 1)));
}
