import { Configuration, FetchError, NotificationChannelsApi, RACMApi, ResponseError, VoiceSessionsApi } from './generated/index.js';
import type { Middleware } from './generated/index.js';
import { ByonError, ByonTransportError, apiErrorOf } from './errors.js';

/**
 * Where access tokens come from: a callback of the application (browsers never hold client
 * secrets). `stale` is set when the gateway refused that token (401) or a registration needs a
 * fresh one before it expires: return a newer token if you can.
 */
export type TokenSource = (request: { stale?: string }) => string | Promise<string>;

/** The generated API classes of one client, with the token, the x-correlator and typed errors. */
export class Http {
  readonly channels: NotificationChannelsApi;
  readonly racm: RACMApi;
  readonly voice: VoiceSessionsApi;
  private current: string | undefined;

  constructor(readonly basePath: string, readonly tokens: TokenSource, fetchApi?: typeof fetch) {
    // the bearer token and the x-correlator on every request (a request may bring its own token: registration refresh)
    const auth: Middleware = {
      pre: async (ctx) => {
        const headers = new Headers(ctx.init.headers);
        if (!headers.has('Authorization')) {
          headers.set('Authorization', 'Bearer ' + await this.token());
        }
        if (!headers.has('x-correlator')) {
          headers.set('x-correlator', crypto.randomUUID());
        }
        return { url: ctx.url, init: { ...ctx.init, headers } };
      },
    };
    const config = new Configuration({ basePath, fetchApi, middleware: [auth] });
    this.channels = new NotificationChannelsApi(config);
    this.racm = new RACMApi(config);
    this.voice = new VoiceSessionsApi(config);
  }

  /** The current token, asked from the token source once and then reused until refused. */
  async token(stale?: string): Promise<string> {
    if (this.current === undefined || (stale !== undefined && stale === this.current)) {
      this.current = await this.tokens(stale === undefined ? {} : { stale });
    }
    return this.current;
  }

  /** Runs one generated operation; a 401 asks the token source for a fresh token once and retries. */
  async send<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (e) {
      const err = await toByonError(e);
      if (err.kind === 'api' && (err as { status?: number }).status === 401 && this.current !== undefined) {
        const used = this.current;
        const fresh = await this.token(used);
        if (fresh !== used) {
          try {
            return await op();
          } catch (again) {
            throw await toByonError(again);
          }
        }
      }
      throw err;
    }
  }
}

/** Maps the generated client's failures to the SDK's typed errors. */
export async function toByonError(e: unknown): Promise<ByonError> {
  if (e instanceof ByonError) {
    return e;
  }
  if (e instanceof ResponseError) {
    return apiErrorOf(e.response);
  }
  if (e instanceof FetchError) {
    return new ByonTransportError('request failed: ' + (e.cause?.message ?? e.message), e.cause);
  }
  return new ByonTransportError('request failed: ' + String(e), e);
}
