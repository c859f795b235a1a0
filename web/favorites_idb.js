// Emscripten JS library: the user's favorites in IndexedDB. A write is reported only once its transaction
// has committed (durability 'strict'); when IndexedDB cannot be opened the app is told, and keeps favorites in memory.
mergeInto(LibraryManager.library, {
  $leadsFavorites: { db: null, name: 'leads-workspace', version: 1, store: 'favorites' },

  leads_favorites_open__deps: ['$leadsFavorites'],
  leads_favorites_open: function () {
    const state = leadsFavorites;
    const answer = (ids, persistent, problem) => {
      const json = JSON.stringify({ ids, persistent, problem });
      const length = lengthBytesUTF8(json) + 1;
      const mem = _malloc(length);
      stringToUTF8(json, mem, length);
      try { _leads_favorites_loaded(mem); } finally { _free(mem); }
    };
    let request;
    try {
      if (typeof indexedDB === 'undefined' || indexedDB === null) throw new Error('IndexedDB is not available');
      request = indexedDB.open(state.name, state.version);
    } catch (e) {
      answer([], false, 'favorites.unavailable');
      return;
    }
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(state.store)) db.createObjectStore(state.store, { keyPath: 'id' });
    };
    request.onblocked = () => answer([], false, 'favorites.blocked');
    request.onerror = () => answer([], false, 'favorites.unavailable');
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the schema: let it, and stop writing here.
      db.onversionchange = () => { db.close(); state.db = null; };
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

  leads_favorites_put__deps: ['$leadsFavorites'],
  leads_favorites_put: function (idPtr, favorite) {
    const id = UTF8ToString(idPtr);
    const state = leadsFavorites;
    const done = (kept) => {
      const length = lengthBytesUTF8(id) + 1;
      const mem = _malloc(length);
      stringToUTF8(id, mem, length);
      try { _leads_favorites_saved(mem, favorite, kept ? 1 : 0); } finally { _free(mem); }
    };
    if (!state.db) { done(false); return; }
    let tx;
    try {
      tx = state.db.transaction(state.store, 'readwrite', { durability: 'strict' });
      const store = tx.objectStore(state.store);
      if (favorite) store.put({ id, savedAt: Date.now() });
      else store.delete(id);
    } catch (e) {
      done(false);
      return;
    }
    tx.oncomplete = () => done(true);
    tx.onabort = () => done(false);
    tx.onerror = () => {};
  },
});
