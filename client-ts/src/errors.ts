import type { ErrorInfo } from './generated/index.js';

/** The base of every failure the SDK reports; narrow with `instanceof` or on `kind`. */
export abstract class ByonError extends Error {
  abstract readonly kind: 'api' | 'transport';
}

/**
 * The gateway answered with an error: the contract's ErrorInfo (`status`, `code`, `message`) and
 * the `x-correlator` of the exchange. Branch on `code` (`INCOMPATIBLE_STATE`, `NOT_FOUND`, ...).
 * When the body was not an ErrorInfo, `code` is `UNKNOWN`.
 */
export class ByonApiError extends ByonError {
  readonly kind = 'api' as const;
  readonly status: number;
  readonly code: string;
  readonly errorInfo: ErrorInfo;
  readonly correlator: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(errorInfo: ErrorInfo, correlator?: string, retryAfterSeconds?: number) {
    super(`${errorInfo.status} ${errorInfo.code}: ${errorInfo.message}` + (correlator ? ` [x-correlator ${correlator}]` : ''));
    this.name = 'ByonApiError';
    this.errorInfo = errorInfo;
    this.status = errorInfo.status;
    this.code = errorInfo.code;
    this.correlator = correlator;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Whether the gateway refused the token (401). */
  get isAuthentication(): boolean {
    return this.status === 401;
  }
}

/** No HTTP response at all (network down, connection refused, aborted). */
export class ByonTransportError extends ByonError {
  readonly kind = 'transport' as const;
  override readonly cause: unknown;

  constructor(message: string, cause: unknown) {
    super(message);
    this.name = 'ByonTransportError';
    this.cause = cause;
  }
}

/** Reads an error response into a ByonApiError (never throws). */
export async function apiErrorOf(response: Response, sentCorrelator?: string): Promise<ByonApiError> {
  const correlator = response.headers.get('x-correlator') ?? sentCorrelator;
  const retryAfter = Number(response.headers.get('retry-after'));
  let text = '';
  try {
    text = await response.text();
  } catch {
    // body unreadable
  }
  let info: ErrorInfo = { status: response.status, code: 'UNKNOWN', message: text.slice(0, 200) };
  try {
    const json: unknown = JSON.parse(text);
    if (json && typeof json === 'object' && typeof (json as { code?: unknown }).code === 'string') {
      const j = json as { status?: number; code: string; message?: string };
      info = { status: typeof j.status === 'number' ? j.status : response.status, code: j.code, message: j.message ?? '' };
    }
  } catch {
    // not JSON: keep UNKNOWN
  }
  return new ByonApiError(info, correlator, Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined);
}
