// Emscripten JS library: the browser's part of signing in with OpenID Connect. Every rule (URLs, state and nonce,
// the ID token, timing) is C++ (src/app/update_sign_in.cpp, oidc_client.cpp); this only carries: random bytes and
// SHA-256 from WebCrypto, the one sessionStorage record of a round trip, leaving for the provider's page, the address
// bar, the sign-in popup, and the other tabs (BroadcastChannel "leads-sign-in"). It never logs, and keeps nothing.
mergeInto(LibraryManager.library, {
  $leadsSignIn: {
    pendingKey: 'leads.sign-in.pending',
    popup: null,
    popupWatch: 0,
    channel: null,
    // A string handed to C++ for the length of one call.
    withString: function (text, call) {
      const length = lengthBytesUTF8(text) + 1;
      const mem = _malloc(length);
      stringToUTF8(text, mem, length);
      try { call(mem); } finally { _free(mem); }
    },
    // A string C++ takes and frees.
    mallocString: function (text) {
      const length = lengthBytesUTF8(text) + 1;
      const mem = _malloc(length);
      stringToUTF8(text, mem, length);
      return mem;
    },
  },

  leads_sign_in_random__deps: ['$leadsSignIn'],
  leads_sign_in_random: function (count, outPtr) {
    try {
      const bytes = new Uint8Array(count);
      crypto.getRandomValues(bytes);
      HEAPU8.set(bytes, outPtr);
      return 1;
    } catch (e) {
      return 0;
    }
  },

  // SHA-256 of the text's UTF-8 bytes; the digest (or nothing, when WebCrypto is missing: an insecure page) goes to
  // _leads_sign_in_digest with the caller's id.
  leads_sign_in_sha256: function (textPtr, id) {
    const text = UTF8ToString(textPtr);
    const answer = (digest) => {
      const bytes = new Uint8Array(digest || new ArrayBuffer(0));
      const mem = _malloc(Math.max(1, bytes.length));
      HEAPU8.set(bytes, mem);
      try { _leads_sign_in_digest(id, mem, bytes.length); } finally { _free(mem); }
    };
    if (!window.crypto || !crypto.subtle) { Promise.resolve().then(() => answer(null)); return; }
    crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)).then(answer, () => answer(null));
  },

  leads_sign_in_launch_query__deps: ['$leadsSignIn'],
  leads_sign_in_launch_query: function () {
    return leadsSignIn.mallocString(String(window.location.search || '').slice(0, 16384));
  },

  // The round trip's record is read once and removed at once, whatever it holds.
  leads_sign_in_take_pending__deps: ['$leadsSignIn'],
  leads_sign_in_take_pending: function () {
    let record = '';
    try {
      record = window.sessionStorage.getItem(leadsSignIn.pendingKey) || '';
      window.sessionStorage.removeItem(leadsSignIn.pendingKey);
    } catch (e) { record = ''; }
    return leadsSignIn.mallocString(record.slice(0, 16384));
  },

  leads_sign_in_keep_pending__deps: ['$leadsSignIn'],
  leads_sign_in_keep_pending: function (jsonPtr) {
    try { window.sessionStorage.setItem(leadsSignIn.pendingKey, UTF8ToString(jsonPtr)); } catch (e) { /* the answer is then refused */ }
  },

  leads_sign_in_go_to: function (urlPtr) {
    window.location.assign(UTF8ToString(urlPtr));
  },

  leads_sign_in_replace_url: function (urlPtr) {
    try { history.replaceState(null, '', UTF8ToString(urlPtr)); } catch (e) { /* another origin: left as it is */ }
  },

  // Opened from the user's click, empty at first: the authorize URL follows once WebCrypto has made the challenge
  // (an asynchronous step a popup blocker would not count as part of the click). The page the provider sends it
  // back to hands its query over (shell/shell.js) and closes itself.
  leads_sign_in_open_popup__deps: ['$leadsSignIn'],
  leads_sign_in_open_popup: function () {
    const width = 520, height = 680;
    const left = Math.max(0, (window.screenX || 0) + ((window.outerWidth || width) - width) / 2);
    const top = Math.max(0, (window.screenY || 0) + ((window.outerHeight || height) - height) / 2);
    let popup = null;
    try { popup = window.open('', 'leads-sign-in', 'popup,width=' + width + ',height=' + height + ',left=' + left + ',top=' + top); } catch (e) { popup = null; }
    if (!popup) return 0;
    leadsSignIn.popup = popup;
    window.leadsSignInPopupAnswer = (search) => {
      let fromOurPopup = false;
      try { fromOurPopup = leadsSignIn.popup === popup && !popup.closed && popup.location.search === search; } catch (e) { fromOurPopup = false; }
      if (!fromOurPopup) return false;
      const query = String(search).slice(0, 16384);
      setTimeout(() => leadsSignIn.withString(query, (mem) => _leads_sign_in_popup_answer(mem)), 0);
      return true;
    };
    clearInterval(leadsSignIn.popupWatch);
    leadsSignIn.popupWatch = setInterval(() => {
      if (!popup.closed) return;
      clearInterval(leadsSignIn.popupWatch);
      if (leadsSignIn.popup === popup) leadsSignIn.popup = null;
      _leads_sign_in_popup_closed();
    }, 400);
    return 1;
  },

  leads_sign_in_navigate_popup__deps: ['$leadsSignIn'],
  leads_sign_in_navigate_popup: function (urlPtr) {
    const popup = leadsSignIn.popup;
    if (popup && !popup.closed) popup.location.href = UTF8ToString(urlPtr);
  },

  leads_sign_in_listen__deps: ['$leadsSignIn'],
  leads_sign_in_listen: function () {
    if (leadsSignIn.channel || typeof BroadcastChannel !== 'function') return;
    leadsSignIn.channel = new BroadcastChannel('leads-sign-in');
    leadsSignIn.channel.onmessage = (event) => {
      const text = typeof event.data === 'string' ? event.data.slice(0, 1024) : '';
      leadsSignIn.withString(text, (mem) => _leads_sign_in_news(mem));
    };
  },

  leads_sign_in_tell__deps: ['$leadsSignIn'],
  leads_sign_in_tell: function (jsonPtr) {
    if (typeof BroadcastChannel !== 'function') return;
    if (!leadsSignIn.channel) leadsSignIn.channel = new BroadcastChannel('leads-sign-in');
    leadsSignIn.channel.postMessage(UTF8ToString(jsonPtr));
  },
});
