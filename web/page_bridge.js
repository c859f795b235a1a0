// Emscripten JS library: what the app tells the page: its semantics tree (for tests and, later, screen readers),
// the document title, the language preference, and the start-up status the shell shows.
mergeInto(LibraryManager.library, {
  leads_semantics_publish: function (jsonPtr) {
    const text = UTF8ToString(jsonPtr);
    window.leadsSemantics = JSON.parse(text);
    window.leadsSemanticsVersion = (window.leadsSemanticsVersion || 0) + 1;
  },
  // Sizes the canvas's backing store through emscripten's Browser helper, which also tells GLFW (and so ImGui).
  // glfwSetWindowSize is avoided: at exactly the screen's size it asks for fullscreen, which a page may not do.
  leads_set_canvas_pixel_size__deps: ['$Browser'],
  leads_set_canvas_pixel_size: function (width, height) {
    Browser.setCanvasSize(width, height);
  },
  leads_set_title: function (titlePtr) {
    document.title = UTF8ToString(titlePtr);
  },
  leads_saved_language: function () {
    let code = '';
    try { code = window.localStorage.getItem('leads.language') || ''; } catch (e) { code = ''; }
    if (!code) code = (navigator.language || 'en').toLowerCase().startsWith('tr') ? 'tr' : 'en';
    const length = lengthBytesUTF8(code) + 1;
    const mem = _malloc(length);
    stringToUTF8(code, mem, length);
    return mem;
  },
  leads_save_language: function (codePtr) {
    try { window.localStorage.setItem('leads.language', UTF8ToString(codePtr)); } catch (e) { /* storage blocked: session only */ }
  },
  leads_current_hash: function () {
    const hash = window.location.hash || '';
    const length = lengthBytesUTF8(hash) + 1;
    const mem = _malloc(length);
    stringToUTF8(hash, mem, length);
    return mem;
  },
  leads_set_hash: function (hashPtr, replace) {
    const hash = UTF8ToString(hashPtr);
    if (window.location.hash === hash) return;
    // pushState/replaceState change the URL without a hashchange event, so the app is not told about its own moves.
    if (replace) history.replaceState(history.state, '', hash);
    else history.pushState(null, '', hash);
  },
  leads_app_ready: function () {
    if (window.leadsShell) window.leadsShell.ready();
    const followLocation = () => {
      const hash = window.location.hash || '';
      const length = lengthBytesUTF8(hash) + 1;
      const mem = _malloc(length);
      stringToUTF8(hash, mem, length);
      try { _leads_hash_changed(mem); } finally { _free(mem); }
    };
    window.addEventListener('hashchange', followLocation);
    window.addEventListener('popstate', followLocation);
    // Coming back to the page is when a user expects fresh data.
    const focused = () => { if (document.visibilityState === 'visible') _leads_page_focused(); };
    document.addEventListener('visibilitychange', focused);
    window.addEventListener('focus', focused);
  },
  leads_download: function (namePtr, mimePtr, bytesPtr, length) {
    const blob = new Blob([HEAPU8.slice(bytesPtr, bytesPtr + length)], { type: UTF8ToString(mimePtr) });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = UTF8ToString(namePtr);
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  },
  leads_copy_text: function (textPtr) {
    const text = UTF8ToString(textPtr);
    window.leadsLastCopied = text;
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).catch(() => {});
  },
  leads_open_url: function (urlPtr) {
    const url = UTF8ToString(urlPtr);
    // Only mail and phone links: anything else would let data open arbitrary pages.
    if (/^(mailto|tel):/i.test(url)) window.location.href = url;
  },
  // For the benchmark: performance marks, drawn-frame counts, the last list query's time and the heap size.
  leads_perf_mark: function (namePtr) {
    performance.mark(UTF8ToString(namePtr));
  },
  leads_perf_frame: function (queryMs, frameMs, leads, drew) {
    const perf = window.leadsPerf || (window.leadsPerf = { frames: 0, queries: 0, lastQueryMs: 0, heapBytes: 0, leads: 0, frameMs: [] });
    if (drew) perf.frames++;  // frames that reached the canvas (identical frames are not drawn)
    // The main thread's cost of each recent frame (update, query, UI, GL calls), for the benchmark.
    if (!perf.frameMs) perf.frameMs = [];
    perf.frameMs.push(frameMs);
    if (perf.frameMs.length > 1000) perf.frameMs.splice(0, 500);
    perf.lastFrameAt = performance.now();
    if (queryMs >= 0) { perf.queries++; perf.lastQueryMs = queryMs; }
    perf.heapBytes = HEAP8.length;
    perf.leads = leads;
  },
  leads_prefers_dark: function () {
    try { return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 1 : 0; } catch (e) { return 0; }
  },
  leads_now_ms: function () {
    return Date.now();
  },
});
