// Emscripten JS library: each user's remembered layout and saved views in IndexedDB, in the favorites' database
// ('leads-workspace', store 'views', one record per owner: { owner, text, savedAt }). The text is the app's own
// record (app/saved_views.cpp checks it); this file only keeps it. A write is reported once committed (durability
// 'strict'), with why when not (storage full…). Without IndexedDB every call answers 'unavailable' and the app keeps
// the views in memory for the session.
mergeInto(LibraryManager.library, {
  // maxTextLength: what the app reads at most (1 MB, app/saved_views.cpp), checked before a copy reaches the heap.
  // oversized: owners whose kept record was over it: their next write first moves that record aside, not over it.
  $leadsViews: { db: null, opening: null, store: 'views', maxTextLength: 1 << 20, oversized: {} },

  // Opens the shared database once; then(db) or then(null) when it cannot be used.
  $leadsViewsOpen__deps: ['$leadsViews', '$leadsFavorites', '$leadsWorkspaceUpgrade'],
  $leadsViewsOpen: function (then) {
    const state = leadsViews;
    if (state.db) { then(state.db); return; }
    if (state.opening) { state.opening.push(then); return; }
    state.opening = [then];
    const finish = (db) => {
      const waiting = state.opening || [];
      state.opening = null;
      state.db = db;
      waiting.forEach((fn) => fn(db));
    };
    let request;
    try {
      if (typeof indexedDB === 'undefined' || indexedDB === null) throw new Error('IndexedDB is not available');
      request = indexedDB.open(leadsFavorites.name, leadsFavorites.version);
    } catch (e) {
      finish(null);
      return;
    }
    request.onupgradeneeded = () => leadsWorkspaceUpgrade(request.result);
    request.onblocked = () => {};  // an older tab holds version 1 open: onsuccess or onerror still follows
    request.onerror = () => finish(null);
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => { db.close(); if (state.db === db) state.db = null; };
      db.onclose = () => { if (state.db === db) state.db = null; };
      finish(db.objectStoreNames.contains(state.store) ? db : null);
    };
  },

  leads_views_read__deps: ['$leadsViews', '$leadsViewsOpen', '$leadsWithTexts'],
  leads_views_read: function (ownerPtr) {
    const owner = UTF8ToString(ownerPtr);
    const answer = (text, problem) => leadsWithTexts([owner, text, problem], _leads_views_loaded);
    leadsViewsOpen((db) => {
      if (!db) { answer('', 'unavailable'); return; }
      try {
        const get = db.transaction(leadsViews.store, 'readonly').objectStore(leadsViews.store).get(owner);
        get.onsuccess = () => {
          const record = get.result;
          if (!record) { answer('', 'none'); return; }
          // Anything but our text is handed over as it is: the app finds it unreadable and sets it aside.
          let text = typeof record.text === 'string' ? record.text : '';
          if (typeof record.text !== 'string') {
            try { text = JSON.stringify(record); } catch (e) { text = '?'; }
          }
          if (text.length > leadsViews.maxTextLength) {  // a UTF-8 copy is at least as long: not ours to read
            leadsViews.oversized[owner] = true;
            answer('', 'too_large');
            return;
          }
          answer(text, '');
        };
        get.onerror = () => answer('', 'unavailable');
      } catch (e) {
        answer('', 'unavailable');
      }
    });
  },

  leads_views_write__deps: ['$leadsViews', '$leadsViewsOpen', '$leadsWithTexts'],
  leads_views_write: function (ownerPtr, textPtr, asidePtr) {
    const owner = UTF8ToString(ownerPtr);
    const text = UTF8ToString(textPtr);
    const aside = UTF8ToString(asidePtr);
    let reported = false;
    const report = (kept, problem) => {
      if (reported) return;
      reported = true;
      leadsWithTexts([owner, problem], (ownerMem, problemMem) => _leads_views_written(ownerMem, kept ? 1 : 0, problemMem));
    };
    const why = (error) => {
      const name = error && error.name;
      return name === 'QuotaExceededError' || (error && error.code === 22) ? 'views.quota' : 'views.save_failed';
    };
    leadsViewsOpen((db) => {
      if (!db) { report(false, 'views.unavailable'); return; }
      let tx;
      try {
        tx = db.transaction(leadsViews.store, 'readwrite', { durability: 'strict' });
        const store = tx.objectStore(leadsViews.store);
        const keep = () => store.put({ owner, text, savedAt: Date.now() });
        if (aside) store.put({ owner: owner + '#unreadable', text: aside, savedAt: Date.now() });
        if (leadsViews.oversized[owner]) {
          // The record too large to read is moved aside as it is, in the same transaction as the new one.
          const old = store.get(owner);
          old.onsuccess = () => {
            if (old.result) store.put(Object.assign({}, old.result, { owner: owner + '#unreadable' }));
            keep();
          };
        } else {
          keep();
        }
      } catch (e) {
        report(false, why(e));
        return;
      }
      tx.oncomplete = () => { delete leadsViews.oversized[owner]; report(true, ''); };
      tx.onabort = () => report(false, why(tx.error));
      tx.onerror = () => {};
    });
  },
});
