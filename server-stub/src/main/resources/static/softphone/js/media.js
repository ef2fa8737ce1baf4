// WebRTC helpers. The BYON contract carries whole SDP (no trickle ICE), so every local
// description is sent only after ICE gathering has completed.

const ICE_GATHERING_TIMEOUT_MS = 5000;

export async function getMicrophone() {
  if (!navigator.mediaDevices?.getUserMedia) {
    const err = new Error('This page needs a secure context (https or localhost) to use the microphone.');
    err.code = 'MEDIA_UNAVAILABLE';
    throw err;
  }
  try {
    return await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
  } catch (e) {
    const err = new Error(`Microphone not available: ${e.name}${e.message ? ` (${e.message})` : ''}`);
    err.code = 'MEDIA_UNAVAILABLE';
    throw err;
  }
}

/** A peer connection with the microphone's audio track attached. */
export function newPeerConnection(stream, iceServers = []) {
  // bundlePolicy 'balanced' (the default): an answer from a network that does not BUNDLE is
  // still accepted; with one audio m-line there is nothing to bundle anyway
  const pc = new RTCPeerConnection({ iceServers, bundlePolicy: 'balanced', rtcpMuxPolicy: 'require' });
  for (const track of stream.getAudioTracks()) {
    pc.addTrack(track, stream);
  }
  return pc;
}

export function waitForIceGathering(pc, timeoutMs = ICE_GATHERING_TIMEOUT_MS) {
  if (pc.iceGatheringState === 'complete') {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', check);
      resolve();
    };
    const check = () => {
      if (pc.iceGatheringState === 'complete') {
        done();
      }
    };
    // on timeout, send what has been gathered so far (host candidates come first)
    const timer = setTimeout(done, timeoutMs);
    pc.addEventListener('icegatheringstatechange', check);
  });
}

/** createOffer + setLocalDescription + complete ICE gathering; returns the whole SDP. */
export async function createCompleteOffer(pc) {
  await pc.setLocalDescription(await pc.createOffer());
  await waitForIceGathering(pc);
  return pc.localDescription.sdp;
}

/** Applies the remote offer and returns the whole local answer SDP. */
export async function createCompleteAnswer(pc, offerSdp) {
  await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
  await pc.setLocalDescription(await pc.createAnswer());
  await waitForIceGathering(pc);
  return pc.localDescription.sdp;
}

/** The session id of an SDP's o= line: tells our own SDP from the peer's. */
export function sdpSessionId(sdp) {
  const m = /^o=\S+ (\S+) /m.exec(sdp || '');
  return m ? m[1] : null;
}

/** The ICE ufrag and DTLS fingerprint of an SDP: they identify the transport of the far end. */
export function sdpTransport(sdp) {
  const ufrag = /^a=ice-ufrag:(\S+)/m.exec(sdp || '');
  const fingerprint = /^a=fingerprint:(\S+ \S+)/m.exec(sdp || '');
  return { ufrag: ufrag ? ufrag[1] : null, fingerprint: fingerprint ? fingerprint[1].toUpperCase() : null };
}

/** True when `answer` comes from the same far end as `current` (same ICE and DTLS: no restart). */
export function sameTransport(answer, current) {
  const a = sdpTransport(answer);
  const c = sdpTransport(current);
  return Boolean(a.ufrag && a.fingerprint) && a.ufrag === c.ufrag && a.fingerprint === c.fingerprint;
}

/** Closes a peer connection, if any; closing one that is already closed is not an error. */
export function closePeerConnection(pc) {
  try {
    pc?.close();
  } catch {
    // already closed
  }
}

export function stopStream(stream) {
  stream?.getTracks().forEach((t) => t.stop());
}
