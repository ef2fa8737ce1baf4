// Failures the page itself detects (no request made, or the sign-in refused). Failures of API
// requests are the SDK's typed errors (ByonApiError with the contract's ErrorInfo code,
// ByonTransportError); messages.js describes both kinds.

export class PageError extends Error {
  constructor(code, message) {
    super(message || code);
    this.name = 'PageError';
    this.code = code;
  }
}
