// Peer generation's public API (pure: the MASTER's text in, the peer's text and edits out).
export { generatePeer, deriveRouterId, DEFAULT_PRIORITY_STEP } from './peer.js';
export type { PeerOptions, PeerResult, PeerError } from './peer.js';
