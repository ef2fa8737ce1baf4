// BYON REST client: token endpoint (client_credentials) and the /byon/v0.2 operations the
// softphone needs. Every failure becomes an ApiError carrying the contract's ErrorInfo
// {status, code, message} (or a client-side code such as NETWORK_ERROR).

export class ApiError extends Error {
  constructor(status, code, message, correlator) {
    super(message || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.correlator = correlator;
  }
}

/** A random UUID v4; crypto.randomUUID exists only in secure contexts. */
export function uuid() {
  if (globalThis.crypto?.randomUUID) {
    return crypto.randomUUID();
  }
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** OAuth 2.0 error codes of the token endpoint (RFC 6749 section 5.2), mapped to ErrorInfo-like codes. */
const OAUTH_ERRORS = {
  invalid_client: 'UNAUTHENTICATED',
  unauthorized_client: 'PERMISSION_DENIED',
  invalid_scope: 'PERMISSION_DENIED',
  invalid_request: 'INVALID_ARGUMENT',
  unsupported_grant_type: 'INVALID_ARGUMENT',
};

export class ByonApi {
  /** @param {string} origin the gateway's scheme, host and port (API root without /byon/v0.2) */
  constructor(origin = location.origin) {
    this.origin = origin.replace(/\/$/, '');
    this.root = `${this.origin}/byon/v0.2`;
    this.accessToken = null;
  }

  /**
   * Client credentials grant with HTTP Basic client authentication (RFC 6749 section 4.4).
   * @returns {{accessToken: string, expiresAt: number}} expiresAt in epoch milliseconds
   */
  async fetchToken(clientId, clientSecret) {
    const basic = btoa(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`);
    let res;
    try {
      res = await fetch(`${this.origin}/oauth2/token`, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${basic}`,
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body: 'grant_type=client_credentials',
      });
    } catch (e) {
      throw new ApiError(0, 'NETWORK_ERROR', `The gateway cannot be reached (${e.message}).`);
    }
    const body = await res.json().catch(() => ({}));
    if (!res.ok || !body.access_token) {
      const code = OAUTH_ERRORS[body.error] || (res.status === 401 ? 'UNAUTHENTICATED' : 'TOKEN_ERROR');
      throw new ApiError(res.status, code, body.error_description || body.error || `token endpoint answered ${res.status}`);
    }
    this.accessToken = body.access_token;
    const lifetime = Number(body.expires_in) > 0 ? Number(body.expires_in) : 300;
    return { accessToken: body.access_token, expiresAt: Date.now() + lifetime * 1000, scope: body.scope };
  }

  async request(method, path, body, { keepalive = false } = {}) {
    const correlator = uuid();
    const headers = { Accept: 'application/json', 'x-correlator': correlator };
    if (this.accessToken) {
      headers.Authorization = `Bearer ${this.accessToken}`;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    let res;
    try {
      res = await fetch(`${this.root}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        keepalive,
      });
    } catch (e) {
      throw new ApiError(0, 'NETWORK_ERROR', `The gateway cannot be reached (${e.message}).`, correlator);
    }
    const text = await res.text();
    let json = null;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
    }
    if (!res.ok) {
      const code = json?.code || `HTTP_${res.status}`;
      const message = json?.message || res.statusText || `HTTP ${res.status}`;
      throw new ApiError(res.status, code, message, res.headers.get('x-correlator') || correlator);
    }
    return json;
  }

  createChannel() {
    return this.request('POST', '/channels', { channelType: 'WebSocket' });
  }

  renewChannel(channelId) {
    return this.request('PUT', `/channels/${encodeURIComponent(channelId)}`, {});
  }

  deleteChannel(channelId, opts) {
    return this.request('DELETE', `/channels/${encodeURIComponent(channelId)}`, undefined, opts);
  }

  createRegistration(deviceId, channelId) {
    return this.request('POST', '/racm/sessions', { deviceId, channelId });
  }

  /** Shares the current access token (the request's own bearer token) and renews the registration. */
  refreshRegistration(racmSessionId) {
    return this.request('PUT', `/racm/sessions/${encodeURIComponent(racmSessionId)}`, {});
  }

  deleteRegistration(racmSessionId, opts) {
    return this.request('DELETE', `/racm/sessions/${encodeURIComponent(racmSessionId)}`, undefined, opts);
  }

  createCall(racmSessionId, receiverAddress, offerSdp) {
    return this.request('POST', '/voice/sessions', { racmSessionId, receiverAddress, offer: { sdp: offerSdp } });
  }

  /** status: Ringing | Connected (answerSdp) | Declined | Hold (offerSdp) | Resume (offerSdp) */
  updateCallStatus(voiceSessionId, status, { offerSdp, answerSdp } = {}) {
    const body = { status };
    if (offerSdp) {
      body.offer = { sdp: offerSdp };
    }
    if (answerSdp) {
      body.answer = { sdp: answerSdp };
    }
    return this.request('PUT', `/voice/sessions/${encodeURIComponent(voiceSessionId)}/status`, body);
  }

  deleteCall(voiceSessionId) {
    return this.request('DELETE', `/voice/sessions/${encodeURIComponent(voiceSessionId)}`);
  }
}
