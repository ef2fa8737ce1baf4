// Entry point: one Phone per page, bound to the DOM. window.byonSoftphone exposes the phone
// for debugging and for the browser tests (web-e2e).

import { Phone } from './phone.js';
import { bindUi } from './ui.js';

const phone = new Phone(location.origin);
window.byonSoftphone = phone;
bindUi(phone);
window.addEventListener('pagehide', () => phone.unload());
phone.start();
