// Emscripten JS library: HTTP over the browser's fetch(), with a timeout and a response size cap.
// Answers are handed to C++ through the exported _leads_http_done; headers other than the few the client reads are dropped.
mergeInto(LibraryManager.library, {
  leads_http_send: function (requestId, methodPtr, urlPtr, headersPtr, bodyPtr, bodyLength, timeoutMs, maxBytes) {
    const method = UTF8ToString(methodPtr);
    const url = UTF8ToString(urlPtr);
    const headers = JSON.parse(UTF8ToString(headersPtr));
    const body = bodyLength > 0 ? HEAPU8.slice(bodyPtr, bodyPtr + bodyLength) : undefined;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs);
    let delivered = false;
    const wanted = ['etag', 'retry-after', 'date', 'content-type', 'request-id', 'location'];

    const deliver = (status, headerPairs, bytes, error) => {
      clearTimeout(timer);
      if (delivered) return;  // a failure inside the answer's own delivery must not answer twice
      delivered = true;
      const headerJson = JSON.stringify(headerPairs);
      const headerLength = lengthBytesUTF8(headerJson) + 1;
      const headerMem = _malloc(headerLength);
      stringToUTF8(headerJson, headerMem, headerLength);
      const errorLength = lengthBytesUTF8(error) + 1;
      const errorMem = _malloc(errorLength);
      stringToUTF8(error, errorMem, errorLength);
      const bodyMem = _malloc(Math.max(1, bytes.length));
      HEAPU8.set(bytes, bodyMem);
      try {
        _leads_http_done(requestId, status, timedOut ? 1 : 0, headerMem, bodyMem, bytes.length, errorMem);
      } finally {
        _free(headerMem); _free(errorMem); _free(bodyMem);
      }
    };

    // A request the page made before the app started (shell.js) answers the app's first GET of its address; this
    // request's timeout aborts it as it would the app's own fetch.
    const early = globalThis.leadsEarlyFetches || {};
    const started = method === 'GET' && !body ? early[url] : undefined;
    if (started) {
      delete early[url];
      controller.signal.addEventListener('abort', started.abort);
    }

    (async () => {
      let response;
      let readEarly = null;  // the body, when the page read it already
      try {
        if (started) ({ response, bytes: readEarly } = await started.answer);
        else response = await fetch(url, { method, headers, body, signal: controller.signal, credentials: 'omit',
                                           cache: 'no-store', redirect: 'error' });
      } catch (e) {
        deliver(0, [], new Uint8Array(0), timedOut ? 'timeout' : String(e && e.message || e));
        return;
      }
      const headerPairs = [];
      for (const name of wanted) {
        const value = response.headers.get(name);
        if (value !== null) headerPairs.push([name, value]);
      }
      if (readEarly) {
        if (readEarly.length > maxBytes) deliver(0, headerPairs, new Uint8Array(0), 'response larger than ' + maxBytes + ' bytes');
        else deliver(response.status, headerPairs, readEarly, '');
        return;
      }
      try {
        // A plain answer that says its size and fits is read whole: the browser then completes the request itself
        // (reading it through a stream reader raced that completion, and Chrome logged small answers as aborted).
        const length = response.headers.get('content-length');
        const encoding = response.headers.get('content-encoding');
        if (length !== null && /^[0-9]+$/.test(length) && Number(length) <= maxBytes && (!encoding || encoding === 'identity')) {
          deliver(response.status, headerPairs, new Uint8Array(await response.arrayBuffer()), '');
          return;
        }
        // Otherwise read in chunks, so an oversized answer is cut off instead of filling the heap.
        const reader = response.body ? response.body.getReader() : null;
        const chunks = [];
        let total = 0;
        while (reader) {
          const { done, value } = await reader.read();
          if (done) break;
          total += value.length;
          if (total > maxBytes) {
            controller.abort();
            deliver(0, headerPairs, new Uint8Array(0), 'response larger than ' + maxBytes + ' bytes');
            return;
          }
          chunks.push(value);
        }
        const bytes = new Uint8Array(total);
        let offset = 0;
        for (const chunk of chunks) { bytes.set(chunk, offset); offset += chunk.length; }
        deliver(response.status, headerPairs, bytes, '');
      } catch (e) {
        deliver(0, headerPairs, new Uint8Array(0), timedOut ? 'timeout' : 'connection lost while reading: ' + String(e && e.message || e));
      }
    })();
  },
});
