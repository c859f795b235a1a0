// Emscripten JS library: the user's favorites in IndexedDB. A write is reported only once its transaction has
// committed (durability 'strict'), with why when it did not (the storage is full, the database was closed for a newer
// version in another tab…); committed changes are told to the other tabs of this origin through a BroadcastChannel,
// so every tab shows the same set. When IndexedDB cannot be opened the app is told, and keeps favorites in memory.
mergeInto(LibraryManager.library, {
  // Version 2 added the 'views' store (web/views_idb.js) beside the favorites.
  $leadsFavorites: { db: null, name: 'leads-workspace', version: 2, store: 'favorites', channel: null, closedFor: null },

  // The one upgrade of the shared database, whoever opens it first: it only creates the stores that are missing, so
  // the favorites of an older version are kept as they are (never deleted, never cleared).
  $leadsWorkspaceUpgrade: function (db) {
    if (!db.objectStoreNames.contains('favorites')) db.createObjectStore('favorites', { keyPath: 'id' });
    if (!db.objectStoreNames.contains('views')) db.createObjectStore('views', { keyPath: 'owner' });
  },

  // Why a write failed, as the i18n key the app shows.
  $leadsFavoritesProblem: function (error) {
    const name = error && error.name;
    if (name === 'QuotaExceededError' || (error && error.code === 22)) return 'favorites.quota';
    if (name === 'InvalidStateError' && leadsFavorites.closedFor) return leadsFavorites.closedFor;
    return 'favorites.save_failed';
  },

  leads_favorites_open__deps: ['$leadsFavorites', '$leadsWithTexts', '$leadsWorkspaceUpgrade'],
  leads_favorites_open: function () {
    const state = leadsFavorites;
    const answer = (ids, persistent, problem) =>
      leadsWithTexts([JSON.stringify({ ids, persistent, problem })], _leads_favorites_loaded);
    // Another tab's committed change: shown here too, without writing it again.
    if (!state.channel && typeof BroadcastChannel !== 'undefined') {
      try {
        state.channel = new BroadcastChannel('leads-favorites');
        state.channel.onmessage = (event) => {
          const change = event.data;
          if (!change || typeof change.id !== 'string') return;
          leadsWithTexts([change.id], (idMem) => _leads_favorites_changed(idMem, change.favorite ? 1 : 0));
        };
      } catch (e) {
        state.channel = null;
      }
    }
    let request;
    try {
      if (typeof indexedDB === 'undefined' || indexedDB === null) throw new Error('IndexedDB is not available');
      request = indexedDB.open(state.name, state.version);
    } catch (e) {
      answer([], false, 'favorites.unavailable');
      return;
    }
    request.onupgradeneeded = () => leadsWorkspaceUpgrade(request.result);
    request.onblocked = () => answer([], false, 'favorites.blocked');
    request.onerror = () => answer([], false, 'favorites.unavailable');
    request.onsuccess = () => {
      const db = request.result;
      // A newer version of the app opened the database in another tab: let it upgrade (close at once, or it waits
      // for this tab forever) and tell the user to reload this one. Favorites stay in memory meanwhile.
      db.onversionchange = () => {
        db.close();
        state.db = null;
        state.closedFor = 'favorites.newer_version';
        leadsWithTexts([state.closedFor], _leads_favorites_closed);
      };
      // The browser closed it (storage cleared, disk error): writes would fail from now on.
      db.onclose = () => {
        state.db = null;
        state.closedFor = 'favorites.unavailable';
        leadsWithTexts([state.closedFor], _leads_favorites_closed);
      };
      state.db = db;
      let tx;
      try {
        tx = db.transaction(state.store, 'readonly');
      } catch (e) {
        answer([], false, 'favorites.unavailable');
        return;
      }
      const all = tx.objectStore(state.store).getAllKeys();
      all.onsuccess = () => answer(all.result.map(String), true, '');
      all.onerror = () => answer([], false, 'favorites.unavailable');
    };
  },

  leads_favorites_put__deps: ['$leadsFavorites', '$leadsWithTexts', '$leadsFavoritesProblem'],
  leads_favorites_put: function (idPtr, favorite) {
    const id = UTF8ToString(idPtr);
    const state = leadsFavorites;
    let reported = false;
    const report = (kept, problem) => {
      if (reported) return;
      reported = true;
      leadsWithTexts([id, problem], (idMem, problemMem) => _leads_favorites_saved(idMem, favorite, kept ? 1 : 0, problemMem));
    };
    if (!state.db) { report(false, state.closedFor || 'favorites.unavailable'); return; }
    let tx;
    try {
      tx = state.db.transaction(state.store, 'readwrite', { durability: 'strict' });
      const store = tx.objectStore(state.store);
      if (favorite) store.put({ id, savedAt: Date.now() });
      else store.delete(id);
    } catch (e) {
      report(false, leadsFavoritesProblem(e));
      return;
    }
    tx.oncomplete = () => {
      report(true, '');
      if (state.channel) {
        try { state.channel.postMessage({ id, favorite: !!favorite }); } catch (e) { /* the other tabs re-read at start */ }
      }
    };
    tx.onabort = () => report(false, leadsFavoritesProblem(tx.error));
    tx.onerror = () => {};
  },
});
