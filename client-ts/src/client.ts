import { BASE_PATH as GENERATED_BASE_PATH } from './generated/runtime.js';
import { Call } from './call.js';
import type { ChannelListener, WebSocketFactory } from './channel.js';
import { WebSocketChannel } from './channel.js';
import type { ByonEvent } from './events.js';
import { ByonApiError } from './errors.js';
import { Http } from './http.js';
import type { TokenSource } from './http.js';
import { Registration } from './registration.js';

/** Options of a {@link ByonClient}. */
export interface ByonClientOptions {
  /** The gateway's API root, e.g. `https://gw.example.com`; the contract's base path is appended unless present. */
  apiRoot: string;
  /** Supplies access tokens (a callback: browsers never hold client secrets). */
  tokenSource: TokenSource;
  /** The fetch to use (default: the platform's). */
  fetch?: typeof fetch;
  /** The WebSocket constructor (default: the platform's `WebSocket`; on Node 20 pass one, e.g. from `ws`). */
  WebSocket?: WebSocketFactory;
  /** WebSocket reconnect backoff (default 200 ms doubling up to 10 s). */
  reconnect?: { initialMs: number; maxMs: number };
}

/** The contract's base path: the path of byon.yaml's server URL, as generated into the client (e.g. `/byon/v0.2`). */
export const BASE_PATH = new URL(GENERATED_BASE_PATH).pathname.replace(/\/+$/, '');

/**
 * A subscriber's session with a BYON gateway: channels, registrations and calls. Events of the
 * client's WebSocket channels update its calls and registrations.
 */
export class ByonClient {
  private readonly http: Http;
  private readonly WS: WebSocketFactory;
  private readonly calls = new Map<string, Call>();
  private readonly registrations = new Map<string, Registration>();
  private readonly channels = new Set<WebSocketChannel>();

  constructor(private readonly options: ByonClientOptions) {
    let root = options.apiRoot.replace(/\/+$/, '');
    if (!root.endsWith(BASE_PATH)) {
      root += BASE_PATH;
    }
    this.http = new Http(root, options.tokenSource, options.fetch);
    const ws = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketFactory }).WebSocket;
    if (!ws) {
      throw new Error('no WebSocket on this platform: pass options.WebSocket');
    }
    this.WS = ws;
  }

  /** Creates a WebSocket channel and connects it; `listener` receives its events in sequence order. */
  async openWebSocketChannel(listener: ChannelListener | ((event: ByonEvent) => void)): Promise<WebSocketChannel> {
    const l: ChannelListener = typeof listener === 'function' ? { onEvent: listener } : listener;
    const created = await this.http.send(() => this.http.channels.createNotificationChannel({
      createNotificationChannel: { channelType: 'WebSocket' },
    }));
    if (created.channelType !== 'WebSocket') {
      throw new Error('the gateway returned a ' + created.channelType + ' channel');
    }
    const channel = new WebSocketChannel(this.http, created.channelId, created.channelData.channelURL,
      created.expiresAt, l, (e) => this.route(e), this.WS, this.options.reconnect ?? { initialMs: 200, maxMs: 10_000 });
    try {
      await channel.connect();
    } catch (e) {
      await this.http.send(() => this.http.channels.deleteNotificationChannel({ channelId: created.channelId }))
        .catch(() => undefined);
      throw e;
    }
    this.channels.add(channel);
    return channel;
  }

  /**
   * Takes over an existing WebSocket channel of the subscriber, e.g. the page's own channel after a
   * reload (keep its id and {@link WebSocketChannel.lastSequence} in `sessionStorage`): reads it
   * (`GET`), connects with `?lastSequence=lastSequence` so that the events the gateway retained since
   * are delivered first (0: every retained event), and renews it from now on. Together with
   * {@link findRegistration} this keeps a registration across a reload, within the gateway's
   * disconnection grace period (`disconnectGraceSeconds`). `undefined` when the gateway does not know
   * the channel (404: it ended) or it is not a WebSocket channel.
   */
  async resumeWebSocketChannel(channelId: string, listener: ChannelListener | ((event: ByonEvent) => void),
                               lastSequence = 0): Promise<WebSocketChannel | undefined> {
    const l: ChannelListener = typeof listener === 'function' ? { onEvent: listener } : listener;
    let found;
    try {
      found = await this.http.send(() => this.http.channels.getNotificationChannel({ channelId }));
    } catch (e) {
      if (e instanceof ByonApiError && e.status === 404) {
        return undefined;
      }
      throw e;
    }
    if (found.channelType !== 'WebSocket') {
      return undefined;
    }
    const channel = new WebSocketChannel(this.http, found.channelId, found.channelData.channelURL,
      found.expiresAt, l, (e) => this.route(e), this.WS, this.options.reconnect ?? { initialMs: 200, maxMs: 10_000 });
    await channel.connect(lastSequence);
    this.channels.add(channel);
    return channel;
  }

  /** Registers a device on `channel`; the registration refreshes itself until closed. */
  async register(channel: { channelId: string }, options: { deviceId?: string; requestedExpirySeconds?: number } = {}):
      Promise<Registration> {
    const token = await this.http.token();
    const session = await this.http.send(() => this.http.racm.createRacmSession({
      createRacmSession: {
        deviceId: options.deviceId ?? crypto.randomUUID(),
        channelId: channel.channelId,
        ...(options.requestedExpirySeconds
          ? { registrationExpireTime: new Date(Date.now() + options.requestedExpirySeconds * 1000) } : {}),
      },
    }));
    const registration = new Registration(this.http, session, token, (c) => this.outgoing(c), options.requestedExpirySeconds);
    this.registrations.set(registration.racmSessionId, registration);
    return registration;
  }

  /**
   * The registration with this id (`GET`), held and refreshed by this client from now on, e.g.
   * one of this subscriber's registrations from before a page reload or a restart; `undefined`
   * when the gateway does not know it (404).
   */
  async findRegistration(racmSessionId: string): Promise<Registration | undefined> {
    const held = this.registrations.get(racmSessionId);
    if (held?.isActive) {
      return held;
    }
    const token = await this.http.token();
    let session;
    try {
      session = await this.http.send(() => this.http.racm.getRacmSession({ racmSessionId }));
    } catch (e) {
      if (e instanceof ByonApiError && e.status === 404) {
        return undefined;
      }
      throw e;
    }
    const registration = new Registration(this.http, session, token, (c) => this.outgoing(c));
    this.registrations.set(registration.racmSessionId, registration);
    return registration;
  }

  /** The call with this id that this client holds (incoming ones come with their invitation event). */
  call(voiceSessionId: string): Call | undefined {
    return this.calls.get(voiceSessionId);
  }

  /**
   * De-registers, deletes the channels and stops all timers. `keepalive` lets the requests outlive
   * a page that is being unloaded.
   */
  async close(options: { keepalive?: boolean } = {}): Promise<void> {
    await Promise.allSettled([...this.registrations.values()].map((r) => r.close(options)));
    await Promise.allSettled([...this.channels].map((c) => c.close(options)));
    this.registrations.clear();
    this.channels.clear();
  }

  private outgoing(call: Call): Call {
    const known = this.calls.get(call.voiceSessionId);
    if (known) {
      return known;
    }
    this.calls.set(call.voiceSessionId, call);
    const early = this.pending.get(call.voiceSessionId);
    this.pending.delete(call.voiceSessionId);
    early?.forEach((e) => this.route(e));
    return call;
  }

  private readonly pending = new Map<string, ByonEvent[]>();

  /** Updates calls and registrations from an event of one of this client's channels. */
  private route(event: ByonEvent): void {
    switch (event.type) {
      case 'session-invitation': {
        if (!this.calls.has(event.voiceSessionId)) {
          this.calls.set(event.voiceSessionId, new Call(this.http, event.voiceSessionId, event.racmSessionId, true,
            event.originatorAddress, event.offerSdp));
        }
        break;
      }
      case 'session-status': {
        const call = this.calls.get(event.voiceSessionId);
        if (!call) {
          const list = this.pending.get(event.voiceSessionId) ?? [];
          list.push(event);
          this.pending.set(event.voiceSessionId, list);
          if (this.pending.size > 512) {
            this.pending.delete(this.pending.keys().next().value as string);
          }
          break;
        }
        call.apply({ status: event.status, reason: event.reason, answerSdp: event.answerSdp, offerSdp: event.offerSdp,
          sequence: event.sequence });
        break;
      }
      case 'registration-ends':
        this.registrations.get(event.racmSessionId)?.ended(event.terminationReason);
        this.registrations.delete(event.racmSessionId);
        break;
      case 'channel-ends':
        break;
    }
  }
}
