/**
 * The BYON TypeScript SDK: {@link ByonClient} over the client generated from byon.yaml
 * (`./generated`, not API). Runs in browsers and in Node 20 (pass a WebSocket constructor there).
 */
export { ByonClient, BASE_PATH } from './client.js';
export type { ByonClientOptions } from './client.js';
export type { TokenSource } from './http.js';
export { WebSocketChannel } from './channel.js';
export type { ChannelListener, WebSocketFactory } from './channel.js';
export { Registration, jwtExpiry } from './registration.js';
export { Call } from './call.js';
export type { StatusUpdate, CallUpdate } from './call.js';
export { parseEvent } from './events.js';
export type { ByonEvent, SessionInvitation, SessionStatusChanged, RegistrationEnded, ChannelEnded } from './events.js';
export { ByonError, ByonApiError, ByonTransportError } from './errors.js';
export type { CallStatus } from './status.js';
export { isTerminal } from './status.js';
export type { ErrorInfo } from './generated/index.js';
