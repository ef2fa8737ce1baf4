/** A scripted fetch: answers each request with the next matching route; records the requests. */
export interface Recorded {
  method: string;
  url: string;
  headers: Headers;
  body: string | undefined;
}

export type Route = (req: Recorded) => Response | undefined | Promise<Response | undefined>;

export function fakeFetch(routes: Route[]): { fetch: typeof fetch; requests: Recorded[] } {
  const requests: Recorded[] = [];
  const f = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const req: Recorded = {
      method: init?.method ?? 'GET',
      url: String(input),
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : undefined,
    };
    requests.push(req);
    for (const r of routes) {
      const res = await r(req);
      if (res) {
        return res;
      }
    }
    return new Response('{"status":404,"code":"NOT_FOUND","message":"no route"}', { status: 404 });
  };
  return { fetch: f as typeof fetch, requests };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

/** An in-memory WebSocket: tests push frames and close it; records the URLs opened. */
export class FakeSocket {
  static opened: FakeSocket[] = [];
  static refuse = false;
  readyState = 0;
  onopen: ((e: unknown) => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: ((e: { code: number; reason: string }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.opened.push(this);
    queueMicrotask(() => {
      if (FakeSocket.refuse) {
        this.readyState = 3;
        this.onclose?.({ code: 1006, reason: 'refused' });
        return;
      }
      this.readyState = 1;
      this.onopen?.({});
    });
  }

  send(): void {
    // events only flow to the client
  }

  frame(text: string): void {
    this.onmessage?.({ data: text });
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState === 3) {
      return;
    }
    this.readyState = 3;
    queueMicrotask(() => this.onclose?.({ code, reason }));
  }

  /** The network drops the connection. */
  drop(): void {
    this.readyState = 3;
    this.onclose?.({ code: 1006, reason: 'abnormal' });
  }
}

export function statusEvent(sequence: number, voiceSessionId: string, status: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    specversion: '1.0', id: 'ev-' + sequence, source: '/byon/v1/voice/sessions/' + voiceSessionId,
    type: 'org.byon.voice.v1.session-status', time: '2030-01-01T10:00:00Z', datacontenttype: 'application/json',
    sequence, data: { voiceSessionId, racmSessionId: 'rs-1', status, ...extra },
  });
}

export function invitationEvent(sequence: number, voiceSessionId: string, offer: string): string {
  return JSON.stringify({
    specversion: '1.0', id: 'ev-' + sequence, source: '/byon/v1/voice/sessions/' + voiceSessionId,
    type: 'org.byon.voice.v1.session-invitation', time: '2030-01-01T10:00:00Z', datacontenttype: 'application/json',
    sequence, data: { voiceSessionId, racmSessionId: 'rs-1', originatorAddress: 'tel:+447700900002',
      receiverAddress: 'tel:+447700900001', status: 'Initial', offer: { sdp: offer } },
  });
}
