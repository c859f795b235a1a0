// Emscripten JS library: what the app tells the page (the document title, the language preference, the start-up
// status the shell shows) and what the page says of its reader (text size, touch, contrast, motion).
// The semantics tree goes to web/a11y_mirror.js.
mergeInto(LibraryManager.library, {
  $LeadsPreferences: {
    textScale: 0,
    flags: -1,
    queries: null,
    // The browser's text size (its default font size over the usual 16 px): WCAG 1.4.4 asks that it is followed.
    readTextScale: function () {
      const size = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      LeadsPreferences.textScale = size / 16;
      document.documentElement.style.setProperty('--text-scale', String(LeadsPreferences.textScale));
    },
    readFlags: function () {
      const q = LeadsPreferences.queries;
      LeadsPreferences.flags = (q.coarse.matches ? 1 : 0) | (q.forced.matches ? 2 : 0) | (q.motion.matches ? 4 : 0);
    },
    start: function () {
      if (LeadsPreferences.queries) return;
      const media = (query) => (window.matchMedia ? window.matchMedia(query) : { matches: false, addEventListener() {} });
      LeadsPreferences.queries = {
        coarse: media('(pointer: coarse)'),
        forced: media('(forced-colors: active)'),
        motion: media('(prefers-reduced-motion: reduce)'),
      };
      const changed = () => {
        LeadsPreferences.readFlags();
        LeadsPreferences.readTextScale();
        _leads_preferences_changed();
      };
      for (const query of Object.values(LeadsPreferences.queries)) query.addEventListener('change', changed);
      window.addEventListener('resize', () => LeadsPreferences.readTextScale());
      LeadsPreferences.readFlags();
      LeadsPreferences.readTextScale();
    },
  },
  leads_text_scale__deps: ['$LeadsPreferences'],
  leads_text_scale: function () {
    LeadsPreferences.start();
    return LeadsPreferences.textScale;
  },
  leads_page_flags__deps: ['$LeadsPreferences'],
  leads_page_flags: function () {
    LeadsPreferences.start();
    return LeadsPreferences.flags;
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
    // Mail and phone links in place; web pages (only Partner Center's, update() checks which) in a new tab, without
    // giving that page a handle on this one. Nothing else: data must not open arbitrary pages.
    if (/^(mailto|tel):/i.test(url)) window.location.href = url;
    else if (/^https:\/\//i.test(url)) window.open(url, '_blank', 'noopener,noreferrer');
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
