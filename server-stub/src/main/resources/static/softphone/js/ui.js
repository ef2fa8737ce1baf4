// DOM binding: renders the Phone's state and forwards user actions to it.

import { displayAddress } from './call.js';
import { bindCallCard } from './call-card.js';
import { deviceId } from './registration.js';
import { describeError, describeStatus } from './messages.js';

const MAX_LOG_LINES = 300;

const $ = (id) => document.getElementById(id);

export function bindUi(phone) {
  const act = async (fn) => {
    clearError();
    try {
      await fn();
    } catch (e) {
      showError(describeError(e));
      phone.log('error', describeError(e));
    }
  };

  $('signin-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    act(() => phone.signIn());
  });
  $('signout-button').addEventListener('click', () => act(() => phone.signOut()));

  const dialInput = $('dial-input');
  document.querySelectorAll('.keypad [data-key]').forEach((b) =>
    b.addEventListener('click', () => {
      const key = b.dataset.key;
      dialInput.value = key === 'back' ? dialInput.value.slice(0, -1) : dialInput.value + key;
    }),
  );
  document.querySelectorAll('[data-dial]').forEach((b) =>
    b.addEventListener('click', () => {
      dialInput.value = b.dataset.dial;
    }),
  );
  $('dial-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    act(() => phone.dial(dialInput.value));
  });
  $('hold-button').addEventListener('click', () => act(() => phone.hold()));
  $('resume-button').addEventListener('click', () => act(() => phone.resume()));
  $('hangup-button').addEventListener('click', () => act(() => phone.hangUp()));

  const renderCallCard = bindCallCard(phone, act, {
    dial: (number) => {
      dialInput.value = number;
      dialInput.focus();
    },
  });
  const renderAll = () => {
    render(phone, act);
    renderCallCard();
  };
  phone.addEventListener('change', renderAll);
  phone.addEventListener('log', (ev) => appendLog(ev.detail));
  phone.addEventListener('failure', (ev) => showError(ev.detail.text));
  renderAll();
}

function clearError() {
  $('error').hidden = true;
  $('error').textContent = '';
}

function showError(text) {
  $('error').textContent = text;
  $('error').hidden = false;
}

function appendLog({ kind, text, time }) {
  const li = document.createElement('li');
  li.className = `log-${kind}`;
  li.dataset.kind = kind;
  li.textContent = `${time.toLocaleTimeString()} ${kind}: ${text}`;
  const log = $('log');
  log.prepend(li);
  while (log.children.length > MAX_LOG_LINES) {
    log.lastElementChild.remove();
  }
}

function render(phone, act) {
  const registered = phone.state === 'registered';
  const busy = phone.state === 'signing-in' || phone.state === 'signing-out';
  $('signin-form').hidden = registered;
  $('signin-button').disabled = busy;
  $('registered').hidden = !registered;
  document.body.dataset.state = phone.state;
  $('registration-state').textContent = {
    'signed-out': 'Signed out',
    'signing-in': 'Signing in…',
    registered: 'Registered',
    'signing-out': 'Logging out…',
  }[phone.state];
  if (registered) {
    $('my-number').textContent = phone.subscriber.number;
    $('my-name').textContent = phone.subscriber.name;
    $('device-id').textContent = deviceId();
    $('reg-expiry').textContent = new Date(phone.registration.expiresAt).toLocaleTimeString();
    $('refresh-count').textContent = String(phone.refreshCount);
  }
  $('status-line').textContent = phone.statusText;

  const active = phone.activeCall;
  $('call-button').disabled = !registered || Boolean(active);
  $('call-panel').hidden = !active;
  document.body.dataset.call = active ? active.status : '';
  if (active) {
    $('call-direction').textContent = active.direction === 'Outgoing' ? 'Call to' : 'Call from';
    $('call-remote').textContent = displayAddress(active.remote);
    // in words; the contract's status value stays in data-status
    $('call-state').textContent = describeStatus(active.status, null);
    $('call-state').dataset.status = active.status;
    $('media-state').textContent = active.mediaState;
    $('sdp-note').textContent = active.sdpNote ? `(${active.sdpNote})` : '';
    const inCall = active.status === 'Connected' || active.status === 'Hold';
    $('hold-note').hidden = active.status !== 'Hold';
    $('hold-note').textContent = active.heldBy === 'peer' ? 'The other party put the call on hold.' : 'You put the call on hold.';
    $('hold-button').hidden = active.status === 'Hold';
    $('hold-button').disabled = active.status !== 'Connected';
    $('resume-button').hidden = active.status !== 'Hold';
    $('hangup-button').textContent = inCall ? 'Hang up' : 'Cancel';
    const audio = $('remote-audio');
    if (active.remoteStream && audio.srcObject !== active.remoteStream) {
      audio.srcObject = active.remoteStream;
    }
  } else {
    $('remote-audio').srcObject = null;
  }

  const last = $('last-call');
  last.hidden = !phone.lastResult;
  last.textContent = phone.lastResult ? `Last call: ${phone.lastResult.text}` : '';
  last.dataset.status = phone.lastResult?.status || '';
  last.dataset.reason = phone.lastResult?.reason || '';

  const incoming = phone.incomingCalls;
  $('incoming').hidden = incoming.length === 0;
  const list = $('incoming-list');
  const ids = incoming.map((c) => c.id).join(',');
  if (list.dataset.ids !== ids) {
    list.dataset.ids = ids;
    list.replaceChildren(
      ...incoming.map((call) => {
        const li = $('incoming-item').content.firstElementChild.cloneNode(true);
        li.dataset.voiceSessionId = call.id;
        li.querySelector('[data-testid=incoming-caller]').textContent = displayAddress(call.remote);
        li.querySelector('[data-testid=answer-button]').addEventListener('click', () => act(() => phone.answer(call.id)));
        li.querySelector('[data-testid=decline-button]').addEventListener('click', () => act(() => phone.decline(call.id)));
        return li;
      }),
    );
  }
  for (const li of list.children) {
    const call = phone.calls.get(li.dataset.voiceSessionId);
    if (call) {
      const state = li.querySelector('[data-testid=incoming-state]');
      state.textContent = describeStatus(call.status, null);
      state.dataset.status = call.status;
      li.querySelector('[data-testid=answer-button]').disabled = Boolean(active);
    }
  }
}
