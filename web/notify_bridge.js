// Emscripten JS library: alerts' browser APIs only. The Notification API (permission, its request, showing one and
// its click), the page's visibility, and the user's alert settings in localStorage (preferences, never a token).
// Which leads alert, and what a notification says, is decided by the app (src/app/alerts.cpp).
mergeInto(LibraryManager.library, {
  $LeadsNotify: {
    permission: function () {
      return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
    },
    newString: function (text) {
      const length = lengthBytesUTF8(text) + 1;
      const mem = _malloc(length);
      stringToUTF8(text, mem, length);
      return mem;
    },
  },

  leads_notify_start: function () {
    const report = () => _leads_page_visibility(document.visibilityState === 'hidden' ? 1 : 0);
    document.addEventListener('visibilitychange', report);
    report();
  },

  leads_notify_permission__deps: ['$LeadsNotify'],
  leads_notify_permission: function () {
    return LeadsNotify.newString(LeadsNotify.permission());
  },

  // Asked from the settings' click (the browser wants a user's gesture); answers leads_notify_permission_known.
  leads_notify_ask_permission__deps: ['$LeadsNotify', '$leadsWithTexts'],
  leads_notify_ask_permission: function () {
    const answer = (permission) => leadsWithTexts([permission], _leads_notify_permission_known);
    if (typeof Notification === 'undefined') { answer('unsupported'); return; }
    Promise.resolve(Notification.requestPermission()).then(answer, () => answer(LeadsNotify.permission()));
  },

  // A click brings the tab to the front and opens the lead by its address (the app follows the hash).
  leads_notify_show__deps: ['$LeadsNotify'],
  leads_notify_show: function (tagPtr, titlePtr, bodyPtr, leadPtr, langPtr) {
    if (LeadsNotify.permission() !== 'granted') return;
    const lead = UTF8ToString(leadPtr);
    const notification = new Notification(UTF8ToString(titlePtr), {
      tag: UTF8ToString(tagPtr), body: UTF8ToString(bodyPtr), lang: UTF8ToString(langPtr),
    });
    notification.onclick = () => {
      window.focus();
      if (lead) window.location.hash = '#/lead/' + encodeURIComponent(lead);
      notification.close();
    };
  },

  leads_alert_settings_read__deps: ['$LeadsNotify'],
  leads_alert_settings_read: function (userPtr) {
    let json = '';
    try { json = window.localStorage.getItem('leads.alerts.' + UTF8ToString(userPtr)) || ''; } catch (e) { json = ''; }
    return LeadsNotify.newString(json);
  },
  leads_alert_settings_save: function (userPtr, jsonPtr) {
    try {
      window.localStorage.setItem('leads.alerts.' + UTF8ToString(userPtr), UTF8ToString(jsonPtr));
    } catch (e) { /* storage blocked: kept for this page load only */ }
  },
});
