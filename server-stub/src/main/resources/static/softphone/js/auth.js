// Where the page's access tokens come from: the subscriber signs in on the identity provider's login
// page (OAuth 2.0 authorization code with PKCE, RFC 7636, S256; OpenID Connect) as the public client
// `softphone`. The page holds no client secret: a public client has none. The endpoints and the
// scopes come from the IdP's discovery document (/.well-known/openid-configuration), whose
// scopes_supported the gateway fills from byon.yaml.
//
// Renewal: a public client gets no refresh token, so a new access token comes from a new
// authorization request with prompt=none, which the IdP's login session answers without showing the
// login page (a same-origin fetch that follows the redirect back to this page). When the session has
// ended the IdP answers login_required and the subscriber signs in again. Tokens are kept in memory
// only; after a reload the page renews once.

import { PageError } from './errors.js';

export const CLIENT_ID = 'softphone';
const PENDING_KEY = 'byon.softphone.pkce';

/** OAuth 2.0 error codes (RFC 6749 sections 4.1.2.1 and 5.2, OIDC prompt=none), as ErrorInfo-like codes. */
const OAUTH_ERRORS = {
  invalid_client: 'UNAUTHENTICATED',
  invalid_grant: 'UNAUTHENTICATED',
  login_required: 'LOGIN_REQUIRED',
  access_denied: 'PERMISSION_DENIED',
  unauthorized_client: 'PERMISSION_DENIED',
  invalid_scope: 'PERMISSION_DENIED',
  invalid_request: 'INVALID_ARGUMENT',
  unsupported_grant_type: 'INVALID_ARGUMENT',
};

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(n = 32) {
  return base64url(crypto.getRandomValues(new Uint8Array(n)));
}

async function s256(verifier) {
  if (!crypto.subtle) {
    throw new PageError('INSECURE_CONTEXT', 'sign-in needs a secure context (https, or http on localhost / 127.0.0.1)');
  }
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

/** The claims of a JWT (not verified: the gateway verifies; the page only shows who signed in). */
export function claimsOf(jwt) {
  try {
    return JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return {};
  }
}

function oauthError(code, description, status) {
  return new PageError(OAUTH_ERRORS[code] || (status === 401 ? 'UNAUTHENTICATED' : 'TOKEN_ERROR'),
    description || code || `the identity provider answered ${status}`);
}

/**
 * The subscriber's sign-in at the identity provider, and the token source of the SDK: `tokenSource({ stale })`
 * returns the current access token, and a renewed one when the SDK reports the current one stale.
 */
export class BrowserSignIn {
  /** @param {string} origin the gateway's origin (its embedded IdP serves discovery there) */
  constructor(origin, { redirectUri = `${origin.replace(/\/$/, '')}/softphone/index.html` } = {}) {
    this.origin = origin.replace(/\/$/, '');
    this.redirectUri = redirectUri;
    this.accessToken = null;
    this.idToken = null;
    this.config = null;
    this.renewals = 0;
    this.pendingRenewal = null;
    this.tokenSource = ({ stale } = {}) => this.token(stale);
  }

  async discovery() {
    if (!this.config) {
      let res;
      try {
        res = await fetch(`${this.origin}/.well-known/openid-configuration`, { headers: { Accept: 'application/json' } });
      } catch (e) {
        throw new PageError('NETWORK_ERROR', `The gateway cannot be reached (${e.message}).`);
      }
      if (!res.ok) {
        throw new PageError('TOKEN_ERROR', `the identity provider's discovery document answered ${res.status}`);
      }
      this.config = await res.json();
    }
    return this.config;
  }

  async #authorizeUrl(state, verifier, extra = {}) {
    const cfg = await this.discovery();
    const scopes = ['openid', ...(cfg.scopes_supported || []).filter((s) => s.startsWith('byon:'))];
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: this.redirectUri,
      scope: [...new Set(scopes)].join(' '),
      state,
      code_challenge: await s256(verifier),
      code_challenge_method: 'S256',
      ...extra,
    });
    return `${cfg.authorization_endpoint}?${q}`;
  }

  /** Sends the browser to the IdP's login page; it comes back to this page with a code (see completeSignIn). */
  async startSignIn() {
    const state = randomString(16);
    const verifier = randomString(32);
    const url = await this.#authorizeUrl(state, verifier);
    sessionStorage.setItem(PENDING_KEY, JSON.stringify({ state, verifier }));
    location.assign(url);
  }

  /**
   * When this page is the redirect back from the IdP (`?code=&state=` or `?error=`): checks the state,
   * exchanges the code with its PKCE verifier and removes them from the address bar. Resolves true when
   * signed in, false when the page was not a redirect back.
   */
  async completeSignIn(url = new URL(location.href)) {
    const code = url.searchParams.get('code');
    const error = url.searchParams.get('error');
    if (!code && !error) {
      return false;
    }
    const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) || 'null');
    sessionStorage.removeItem(PENDING_KEY);
    history.replaceState(null, '', url.pathname); // the code is used once and is nobody's business
    if (error) {
      throw oauthError(error, url.searchParams.get('error_description'));
    }
    if (!pending || pending.state !== url.searchParams.get('state')) {
      throw new PageError('INVALID_ARGUMENT', 'the sign-in answer does not belong to this page (state mismatch): sign in again');
    }
    await this.#exchange(code, pending.verifier);
    return true;
  }

  async #exchange(code, verifier) {
    const cfg = await this.discovery();
    let res;
    try {
      res = await fetch(cfg.token_endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: this.redirectUri,
          client_id: CLIENT_ID, code_verifier: verifier }),
      });
    } catch (e) {
      throw new PageError('NETWORK_ERROR', `The gateway cannot be reached (${e.message}).`);
    }
    const body = await res.json().catch(() => ({}));
    if (!res.ok || !body.access_token) {
      throw oauthError(body.error, body.error_description, res.status);
    }
    this.accessToken = body.access_token;
    this.idToken = body.id_token || this.idToken;
    return this.accessToken;
  }

  /** Who signed in: {name, number} from the access token's sub and phone_number. */
  get subscriber() {
    const c = this.accessToken ? claimsOf(this.accessToken) : {};
    return { name: c.sub, number: c.phone_number };
  }

  /**
   * A new access token without the login page, from the IdP's login session (authorization request with
   * prompt=none); rejects with LOGIN_REQUIRED when that session has ended.
   */
  renew() {
    if (!this.pendingRenewal) {
      this.pendingRenewal = this.#renew().finally(() => {
        this.pendingRenewal = null;
      });
    }
    return this.pendingRenewal;
  }

  async #renew() {
    const state = randomString(16);
    const verifier = randomString(32);
    const url = await this.#authorizeUrl(state, verifier, { prompt: 'none' });
    let res;
    try {
      res = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
    } catch (e) {
      throw new PageError('NETWORK_ERROR', `The gateway cannot be reached (${e.message}).`);
    }
    const back = new URL(res.url);
    if (back.searchParams.get('state') !== state) {
      throw new PageError('LOGIN_REQUIRED', 'the sign-in session has ended');
    }
    if (back.searchParams.get('error')) {
      throw oauthError(back.searchParams.get('error'), back.searchParams.get('error_description'));
    }
    const token = await this.#exchange(back.searchParams.get('code'), verifier);
    this.renewals += 1;
    return token;
  }

  async token(stale) {
    if (!this.accessToken || stale === this.accessToken) {
      await this.renew();
    }
    return this.accessToken;
  }

  /**
   * Ends the login session at the IdP (OpenID Connect RP-initiated logout with the ID token as hint), which
   * also revokes every token of this sign-in; forgets the tokens. Best effort: a failure is reported, the
   * tokens are forgotten anyway.
   */
  async logout() {
    const idToken = this.idToken;
    this.accessToken = null;
    this.idToken = null;
    if (!idToken) {
      return;
    }
    const cfg = await this.discovery();
    const res = await fetch(cfg.end_session_endpoint || `${this.origin}/connect/logout`, {
      method: 'POST',
      credentials: 'same-origin',
      redirect: 'manual', // the IdP answers with a redirect: the page stays where it is
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ id_token_hint: idToken, client_id: CLIENT_ID }),
    });
    if (res.type !== 'opaqueredirect' && !res.ok) {
      const body = await res.json().catch(() => ({}));
      throw new PageError('TOKEN_ERROR', `the identity provider's logout answered ${res.status}`
        + (body.error ? ` (${body.error}${body.error_description ? `: ${body.error_description}` : ''})` : ''));
    }
  }
}
