// Emscripten JS library: the postMessage link to a portal that embeds the app (docs/embedding.md). It only carries
// text: which origins may host the app comes from the app's configuration, and every message is checked in C++.
// Messages from any other window or origin are ignored and counted; nothing is ever posted with target '*'.
mergeInto(LibraryManager.library, {
  $leadsHostLink: { allowed: [], origin: null, ignored: 0 },

  leads_is_framed: function () {
    try { return window.parent !== window ? 1 : 0; } catch (e) { return 1; }
  },

  leads_host_start__deps: ['$leadsHostLink', '$leadsWithTexts'],
  leads_host_start: function (originsPtr) {
    const link = leadsHostLink;
    try { link.allowed = JSON.parse(UTF8ToString(originsPtr)).filter((o) => typeof o === 'string' && o !== '*'); }
    catch (e) { link.allowed = []; }
    window.leadsHost = { ignored: 0, accepted: 0, origin: null };
    // Chrome and Safari name the parent's origin; elsewhere it is learned from its first acceptable message.
    const ancestor = location.ancestorOrigins && location.ancestorOrigins.length ? location.ancestorOrigins[0] : null;
    if (link.allowed.length === 0 || (ancestor && !link.allowed.includes(ancestor))) {
      _leads_host_untrusted();
      return;
    }
    link.origin = ancestor;
    window.addEventListener('message', (event) => {
      const acceptable = event.source === window.parent && link.allowed.includes(event.origin) &&
                         (link.origin === null || event.origin === link.origin);
      if (!acceptable) { window.leadsHost.ignored++; return; }
      link.origin = event.origin;
      window.leadsHost.origin = event.origin;
      let text;
      try { text = typeof event.data === 'string' ? event.data : JSON.stringify(event.data); } catch (e) { text = ''; }
      if (typeof text !== 'string') text = '';
      if (text.length > 65536) text = text.slice(0, 65536);  // C++ refuses it as too large; no need to copy more
      window.leadsHost.accepted++;
      leadsWithTexts([text], _leads_host_message);
    });
    _leads_host_post_ready();
  },

  leads_host_post__deps: ['$leadsHostLink'],
  leads_host_post: function (jsonPtr) {
    const link = leadsHostLink;
    let message;
    try { message = JSON.parse(UTF8ToString(jsonPtr)); } catch (e) { return; }
    // Before the portal's origin is known, each allowed origin is tried: the browser delivers only to the real one.
    const targets = link.origin ? [link.origin] : link.allowed;
    for (const origin of targets) {
      try { window.parent.postMessage(message, origin); } catch (e) { /* a detached parent: nothing to tell */ }
    }
  },
});
