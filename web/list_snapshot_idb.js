// Emscripten JS library: the lead list's snapshot in IndexedDB, one record per signed-in user and tenant, so that a
// second visit shows the list at once and asks the service only for what changed. The bytes are the app's own
// encoding (domain/list_store.h checks them on the way back); this file only stores them, as a Blob (kept as a file,
// its bytes read back off the main thread; records of the first version hold an ArrayBuffer, still read):
// - its own database, apart from the favorites, so clearing or upgrading one never touches the other;
// - a write is one transaction that also deletes every other owner's record (one snapshot per browser profile, bounded)
//   and keeps a newer snapshot another tab wrote meanwhile (compared by the time the data was synced), so two tabs
//   never interleave or roll each other back; durability 'strict', reported only once committed;
// - failures (no IndexedDB, quota, a newer schema) are reported as i18n-free reasons the app only logs: the snapshot
//   is an optimisation, and without it the app loads the full list as before.
mergeInto(LibraryManager.library, {
  $leadsSnapshot: { name: 'leads-list-snapshot', version: 1, store: 'snapshots', schema: 1, maxBytes: 256 << 20 },

  // Opens the database once; calls back with it or with null.
  // The bound on a snapshot's size. A page may only lower it (window.leadsSnapshotLimit), so a test can try a
  // record over the bound without writing 256 MB.
  $leadsSnapshotMaxBytes__deps: ['$leadsSnapshot'],
  $leadsSnapshotMaxBytes: function () {
    const lowered = Number(globalThis.leadsSnapshotLimit);
    return lowered > 0 && lowered < leadsSnapshot.maxBytes ? lowered : leadsSnapshot.maxBytes;
  },

  $leadsSnapshotOpen__deps: ['$leadsSnapshot'],
  $leadsSnapshotOpen: function (done) {
    const state = leadsSnapshot;
    if (state.db) { done(state.db); return; }
    if (state.waiting) { state.waiting.push(done); return; }
    state.waiting = [done];
    const finish = (db) => {
      state.db = db;
      const waiting = state.waiting;
      state.waiting = null;
      waiting.forEach((callback) => callback(db));
    };
    let request;
    try {
      if (typeof indexedDB === 'undefined' || indexedDB === null) throw new Error('no IndexedDB');
      request = indexedDB.open(state.name, state.version);
    } catch (e) {
      finish(null);
      return;
    }
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(state.store)) db.createObjectStore(state.store, { keyPath: 'owner' });
    };
    request.onblocked = () => {};  // another tab holds an older version open: onsuccess or onerror still follows
    request.onerror = () => finish(null);
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => { db.close(); if (state.db === db) state.db = null; };
      db.onclose = () => { if (state.db === db) state.db = null; };
      finish(db);
    };
  },

  // Started as soon as this file runs, while the wasm compiles and the app signs in: the one snapshot this browser
  // profile keeps (a write deletes every other owner's) is read ahead, held here, and handed to the app only when it
  // asks for that very owner's (else read again as asked); an empty store answers a first visit at once. Once asked,
  // or after a minute unasked (signed out, another user), it is let go: it is tens of megabytes, and an answer a
  // minute old is read again. A write or a clear drops it too, so it is never older than what this tab last kept;
  // one kept meanwhile by another tab is older at worst, and the delta query since its time brings the list up to
  // date all the same.
  $leadsSnapshotEarlyRead__deps: ['$leadsSnapshot', '$leadsSnapshotOpen', '$leadsSnapshotMaxBytes'],
  $leadsSnapshotEarlyRead__postset: 'leadsSnapshotEarlyRead();',
  $leadsSnapshotEarlyRead: function () {
    const state = leadsSnapshot;
    const early = (state.early = { done: false, record: null, empty: false, content: null, waiting: [] });
    const finish = (record, empty = false) => {
      early.done = true;
      early.record = record;
      early.empty = empty;
      // A Blob's bytes are read ahead too (off the main thread); a failure is answered when the app asks.
      const bytes = record && record.bytes;
      if (typeof Blob !== 'undefined' && bytes instanceof Blob && bytes.size <= leadsSnapshotMaxBytes()) {
        early.content = bytes.arrayBuffer();
        early.content.catch(() => {});
      }
      const waiting = early.waiting;
      early.waiting = [];
      waiting.forEach((callback) => callback());
      setTimeout(() => { if (state.early === early) state.early = null; }, 60000);  // asked later: read then
    };
    leadsSnapshotOpen((db) => {
      if (!db) { finish(null); return; }
      try {
        const request = db.transaction(state.store, 'readonly').objectStore(state.store).openCursor();
        request.onsuccess = () => finish(request.result ? request.result.value : null, !request.result);
        request.onerror = () => finish(null);
      } catch (e) {
        finish(null);
      }
    });
  },

  // Answers _leads_snapshot_loaded(owner, length, syncedAt, problem), the bytes handed over first a chunk at a time
  // (_leads_snapshot_read_begin, then per chunk _leads_snapshot_read_chunk_buffer and _leads_snapshot_read_chunk),
  // which the app reads as they come: length 0 with a problem when there is nothing usable ('none' when simply
  // absent).
  leads_snapshot_read__deps: ['$leadsSnapshot', '$leadsSnapshotMaxBytes', '$leadsSnapshotOpen', '$leadsWithTexts',
                              '$leadsSnapshotEarlyRead'],
  leads_snapshot_read: function (ownerPtr) {
    const owner = UTF8ToString(ownerPtr);
    const state = leadsSnapshot;
    const kChunkBytes = 1 << 20;
    // This read's number once it runs: the app may stop waiting for it (leads_snapshot_abandon), and then nothing it
    // finds reaches the app any more.
    let readId = 0;
    const live = () => readId !== 0 && state.readId === readId;
    // Copies one chunk into the heap and decodes it: 'fed', 'refused' (not a snapshot: the rest is not copied) or
    // 'no_memory' (the heap has no room for it).
    const feedChunk = (chunk) => {
      if (!live()) return 'refused';
      const chunkMem = _leads_snapshot_read_chunk_buffer(chunk.length);
      if (!chunkMem) return 'no_memory';
      HEAPU8.set(chunk, chunkMem);
      return _leads_snapshot_read_chunk(chunk.length) ? 'fed' : 'refused';
    };
    const loaded = (length, syncedAt, problem) => {
      if (!live()) return;
      leadsWithTexts([owner, length ? problem : (problem || 'no_memory')], (ownerMem, problemMem) =>
        _leads_snapshot_loaded(ownerMem, length, syncedAt, problemMem));
    };
    // Hands the record's bytes (an ArrayBuffer) to the app a chunk per task: the changes asked for when the record
    // was found can then arrive between two chunks (a response is only taken in between tasks), and are applied with
    // the rows instead of in a second frame after them. A message, not a timer: nested timers wait 4 ms each. The
    // read ends (done()) before another may begin: the app decodes one at a time.
    const handOver = (buffer, syncedAt, done) => {
      if (!live()) { done(); return; }
      _leads_snapshot_read_begin(buffer.byteLength);
      const bytes = new Uint8Array(buffer);
      const channel = new MessageChannel();
      let at = 0;
      const step = () => {
        const end = Math.min(bytes.length, at + kChunkBytes);
        const fed = end > at ? feedChunk(bytes.subarray(at, end)) : 'fed';
        if (fed === 'no_memory') {
          channel.port1.close();
          loaded(0, 0, 'no_memory');
          done();
          return;
        }
        at = fed === 'refused' ? bytes.length : end;  // a refused record ends here: the app finds it unreadable
        if (at < bytes.length) {
          channel.port2.postMessage(null);
          return;
        }
        channel.port1.close();
        loaded(bytes.length, syncedAt, '');
        done();
      };
      channel.port1.onmessage = step;
      step();
    };
    // A Blob (what writes keep) is read off the main thread (its read may have begun early, `content`).
    const answerBlob = (blob, syncedAt, content, done) => {
      (content || blob.arrayBuffer()).then((buffer) => handOver(buffer, syncedAt, done),
                                           () => { loaded(0, 0, 'unreadable'); done(); });  // its file gone, say
    };
    const answerRecord = (record, done, content = null) => {
      const fail = (problem) => { loaded(0, 0, problem); done(); };
      if (!record) return fail('none');
      if (record.schema !== state.schema) return fail('old_schema');
      const bytes = record.bytes;
      const isBlob = typeof Blob !== 'undefined' && bytes instanceof Blob;
      if (!(isBlob || bytes instanceof ArrayBuffer) || typeof record.syncedAt !== 'number') return fail('unreadable');
      // Bounded before it is copied into the heap: no write keeps more, so a larger record is not ours.
      if ((isBlob ? bytes.size : bytes.byteLength) > leadsSnapshotMaxBytes()) return fail('too_large');
      // Found: the app asks for the changes since now, before the bytes hold the main thread (records written before
      // this field existed do not say, 0; the app then asks once the rows are shown).
      const newestChange = Number.isFinite(record.newestChange) && record.newestChange > 0 ? record.newestChange : 0;
      if (live()) leadsWithTexts([owner], (ownerMem) => _leads_snapshot_found(ownerMem, newestChange));
      if (isBlob) return answerBlob(bytes, record.syncedAt, content, done);
      handOver(bytes, record.syncedAt, done);  // an ArrayBuffer: as the first snapshots were kept
    };
    const readNow = (done) => leadsSnapshotOpen((db) => {
      if (!db) { loaded(0, 0, 'unavailable'); done(); return; }
      let request;
      try {
        request = db.transaction(state.store, 'readonly').objectStore(state.store).get(owner);
      } catch (e) {
        loaded(0, 0, 'unavailable');
        done();
        return;
      }
      request.onerror = () => { loaded(0, 0, 'unreadable'); done(); };
      request.onsuccess = () => answerRecord(request.result, done);
    });
    const fromEarly = (done) => {
      const early = state.early;
      state.early = null;  // handed over once at most
      if (early && early.record && early.record.owner === owner) answerRecord(early.record, done, early.content);
      // Nothing was kept when read ahead, and this tab has kept nothing since (a write drops the early read): a first
      // visit need not ask the storage a second time before its list loads. A record another tab wrote in the
      // meantime is missed: this visit loads in full, as without one.
      else if (early && early.empty) answerRecord(null, done);
      else readNow(done);
    };
    const read = () => new Promise((done) => {
      readId = state.readId = (state.readId || 0) + 1;
      state.endRead = done;
      if (state.early && !state.early.done) state.early.waiting.push(() => fromEarly(done));
      else fromEarly(done);
    });
    state.reads = (state.reads || Promise.resolve()).then(read);
  },

  // The app stopped waiting for the read under way (the storage did not answer in time): whatever it finds later is
  // dropped, and the next read need not wait for it.
  leads_snapshot_abandon__deps: ['$leadsSnapshot'],
  leads_snapshot_abandon: function () {
    const state = leadsSnapshot;
    state.readId = (state.readId || 0) + 1;
    const end = state.endRead;
    state.endRead = null;
    if (end) end();
  },

  // A write comes in three calls: begin (the whole size), each chunk copied out of the heap at once, then the owner
  // and time, which keeps the chunks as one Blob (IndexedDB stores it as a file, read back off the main thread) and
  // answers _leads_snapshot_written(owner, kept, problem) once the transaction has committed or failed. The heap
  // never holds the whole encoding.
  leads_snapshot_write_begin__deps: ['$leadsSnapshot', '$leadsSnapshotMaxBytes'],
  leads_snapshot_write_begin: function (length) {
    leadsSnapshot.pending = { length, filled: 0, chunks: length > leadsSnapshotMaxBytes() ? null : [] };
  },
  leads_snapshot_write_chunk__deps: ['$leadsSnapshot'],
  leads_snapshot_write_chunk: function (bytesPtr, length) {
    const pending = leadsSnapshot.pending;
    if (!pending || !pending.chunks || pending.filled + length > pending.length) return;
    try {
      pending.chunks.push(HEAPU8.slice(bytesPtr, bytesPtr + length));
      pending.filled += length;
    } catch (e) {
      pending.chunks = null;  // no memory for it: reported as unavailable
    }
  },
  leads_snapshot_write__deps: ['$leadsSnapshot', '$leadsSnapshotMaxBytes', '$leadsSnapshotOpen', '$leadsWithTexts', '$leadsSnapshotReadBack'],
  leads_snapshot_write: function (ownerPtr, syncedAt, newestChange) {
    const owner = UTF8ToString(ownerPtr);
    const state = leadsSnapshot;
    state.early = null;
    const pending = state.pending || { length: 0, filled: 0, chunks: null };
    state.pending = null;
    const length = pending.length;
    let reported = false;
    const report = (kept, problem) => {
      if (reported) return;
      reported = true;
      leadsWithTexts([owner, problem], (ownerMem, problemMem) =>
        _leads_snapshot_written(ownerMem, kept ? 1 : 0, problemMem));
    };
    if (length > leadsSnapshotMaxBytes()) { report(false, 'too_large'); return; }
    if (!pending.chunks || pending.filled !== length) { report(false, 'unavailable'); return; }
    let bytes;
    try {
      bytes = new Blob(pending.chunks);
    } catch (e) {
      report(false, 'unavailable');
      return;
    }
    leadsSnapshotOpen((db) => {
      if (!db) { report(false, 'unavailable'); return; }
      let tx;
      try {
        tx = db.transaction(state.store, 'readwrite', { durability: 'strict' });
        const store = tx.objectStore(state.store);
        // A request made in a callback can throw too (a full storage): the write is then abandoned whole.
        const guarded = (step) => () => {
          try {
            step();
          } catch (e) {
            report(false, e && e.name === 'QuotaExceededError' ? 'quota' : 'unavailable');
            try { tx.abort(); } catch (ignored) { /* already finished */ }
          }
        };
        const keys = store.getAllKeys();
        keys.onsuccess = guarded(() => {
          for (const key of keys.result) if (key !== owner) store.delete(key);
        });
        const existing = store.get(owner);
        existing.onsuccess = guarded(() => {
          const newer = existing.result && existing.result.schema === state.schema &&
            typeof existing.result.syncedAt === 'number' && existing.result.syncedAt > syncedAt;
          if (newer) return;  // another tab synced later: its snapshot stays
          store.put({ owner, schema: state.schema, syncedAt, newestChange, savedAt: Date.now(), size: length, bytes });
        });
      } catch (e) {
        report(false, e && e.name === 'QuotaExceededError' ? 'quota' : 'unavailable');
        return;
      }
      tx.oncomplete = () => leadsSnapshotReadBack(db, owner, report);
      tx.onabort = () => report(false, tx.error && tx.error.name === 'QuotaExceededError' ? 'quota' : 'aborted');
      tx.onerror = () => {};
    });
  },

  // A committed write is not yet a kept list: a page closed right after the commit could leave a Blob whose bytes the
  // browser never got (a warm visit at 100,000 then found it unreadable 4 times in 20; with the page closed 3 s later,
  // never). So the stored record is read back, its Blob's last byte included, before the list is reported kept. A
  // record that cannot be read back is removed and the write reported: "unreadable" for its bytes, "unavailable" for
  // a read that failed or found nothing (a sign-out's removal came between); the next visit loads in full.
  $leadsSnapshotReadBack__deps: ['$leadsSnapshot'],
  $leadsSnapshotReadBack: function (db, owner, report) {
    const state = leadsSnapshot;
    const drop = (problem) => {
      try { db.transaction(state.store, 'readwrite').objectStore(state.store).delete(owner); } catch (e) { /* closed */ }
      report(false, problem);
    };
    let request;
    try {
      request = db.transaction(state.store, 'readonly').objectStore(state.store).get(owner);
    } catch (e) {
      drop('unavailable');
      return;
    }
    request.onerror = () => drop('unavailable');
    request.onsuccess = () => {
      if (!request.result) { drop('unavailable'); return; }
      const bytes = request.result.bytes;
      // Another tab's newer record (this write then put nothing) is read back the same way: it is what is kept.
      if (!(typeof Blob !== 'undefined' && bytes instanceof Blob)) { report(true, ''); return; }  // bytes held inline
      if (bytes.size === 0) { drop('unreadable'); return; }  // no list can be read from nothing
      let reading;
      try {
        reading = bytes.slice(bytes.size - 1).arrayBuffer();
      } catch (e) {
        drop('unreadable');
        return;
      }
      reading.then(() => report(true, ''), () => drop('unreadable'));
    };
  },

  // Removes every snapshot (sign-out); answers _leads_snapshot_cleared(done) once committed, or at once without a
  // database (done 0: there was none to clear).
  leads_snapshot_clear__deps: ['$leadsSnapshot', '$leadsSnapshotOpen'],
  leads_snapshot_clear: function () {
    const state = leadsSnapshot;
    state.early = null;
    leadsSnapshotOpen((db) => {
      if (!db) { _leads_snapshot_cleared(0); return; }
      let tx;
      try {
        tx = db.transaction(state.store, 'readwrite', { durability: 'strict' });
        tx.objectStore(state.store).clear();
      } catch (e) {
        _leads_snapshot_cleared(0);
        return;
      }
      tx.oncomplete = () => _leads_snapshot_cleared(1);
      tx.onabort = () => _leads_snapshot_cleared(0);
      tx.onerror = () => {};
    });
  },
});
