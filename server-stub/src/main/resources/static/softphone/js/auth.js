// Where the page's access tokens come from: the token source the SDK (ByonClient) asks.
//
// DEMO ONLY: the client-credentials grant with the reference gateway's published demo secrets.
// A real web application never holds a client secret; it signs the subscriber in with the
// operator's identity provider (authorization code + PKCE) and hands the SDK those tokens.

import { PageError } from './errors.js';

/** OAuth 2.0 error codes of the token endpoint (RFC 6749 section 5.2), as ErrorInfo-like codes. */
const OAUTH_ERRORS = {
  invalid_client: 'UNAUTHENTICATED',
  unauthorized_client: 'PERMISSION_DENIED',
  invalid_scope: 'PERMISSION_DENIED',
  invalid_request: 'INVALID_ARGUMENT',
  unsupported_grant_type: 'INVALID_ARGUMENT',
};

/**
 * A token source for the SDK: `get({ stale })` returns the current token, and a new one when the
 * SDK reports the current one stale (refused, or a registration refresh needs a fresh one).
 */
export class DemoCredentials {
  constructor(origin, clientId, clientSecret) {
    this.origin = origin.replace(/\/$/, '');
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.current = null;
    this.tokenSource = ({ stale } = {}) => this.get(stale);
  }

  async get(stale) {
    if (!this.current || stale === this.current) {
      this.current = await this.#fetch();
    }
    return this.current;
  }

  async #fetch() {
    const basic = btoa(`${encodeURIComponent(this.clientId)}:${encodeURIComponent(this.clientSecret)}`);
    let res;
    try {
      res = await fetch(`${this.origin}/oauth2/token`, {
        method: 'POST',
        headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: 'grant_type=client_credentials',
      });
    } catch (e) {
      throw new PageError('NETWORK_ERROR', `The gateway cannot be reached (${e.message}).`);
    }
    const body = await res.json().catch(() => ({}));
    if (!res.ok || !body.access_token) {
      const code = OAUTH_ERRORS[body.error] || (res.status === 401 ? 'UNAUTHENTICATED' : 'TOKEN_ERROR');
      throw new PageError(code, body.error_description || body.error || `token endpoint answered ${res.status}`);
    }
    return body.access_token;
  }

  /** Forgets the token (sign-out). */
  clear() {
    this.current = null;
  }
}
