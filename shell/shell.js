// The shell: checks that the browser can run the app, shows download progress, then starts leads.js.
// A failure at any step replaces the canvas with a readable message.
(function () {
  'use strict';
  // The sign-in popup's way back (web/sign_in_bridge.js): the provider sent this window to the redirect URI with its
  // answer. The app that opened it takes the answer (it alone holds the round trip), and this window closes without
  // starting a second app, which would otherwise try the answer itself.
  try {
    const opener = window.opener;
    if (opener && opener !== window && /[?&](code|error)=/.test(location.search) &&
        typeof opener.leadsSignInPopupAnswer === 'function' && opener.leadsSignInPopupAnswer(location.search)) {
      history.replaceState(null, '', location.pathname);
      window.close();
      return;
    }
  } catch (e) { /* an opener of another origin: not the app's popup */ }
  const loading = document.getElementById('loading');
  const fill = document.getElementById('loading-fill');
  const text = document.getElementById('loading-text');
  let failed = false;

  function fail(message) {
    if (failed) return;
    failed = true;
    loading.hidden = true;
    document.getElementById('canvas').style.display = 'none';
    document.getElementById('failure-text').textContent = message;
    document.getElementById('failure').hidden = false;
    window.leadsShellFailure = message;
  }

  function progress(fraction, label) {
    fill.style.width = Math.max(5, Math.min(100, Math.round(fraction * 100))) + '%';
    if (label) text.textContent = label;
  }

  window.leadsShell = {
    ready() { progress(1, 'Ready'); loading.hidden = true; window.leadsShellReady = true; },
    fail,
  };

  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    fail('This browser cannot run WebAssembly, which the workspace needs.');
    return;
  }
  // The app's own WebGL 2 context is the real test (it says the same when it cannot get one); creating a probe
  // context here as well cost ~60–100 ms before anything could start.
  const noWebGL = 'This browser cannot draw with WebGL 2, which the workspace needs (it may be turned off, or the graphics driver blocked).';
  window.leadsShell.failNoWebGL = () => fail(noWebGL);
  if (typeof WebGL2RenderingContext === 'undefined') {
    fail(noWebGL);
    return;
  }

  window.Module = {
    canvas: document.getElementById('canvas'),
    // Emscripten reports downloads as "Downloading data... (done/total)".
    setStatus(status) {
      const match = /\((\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)\)/.exec(status || '');
      if (match) progress(0.2 + 0.7 * (Number(match[1]) / Number(match[2])), 'Downloading… ' + Math.round(Number(match[1]) / 1024) + ' KB');
    },
    monitorRunDependencies(left) { if (left === 0) progress(0.95, 'Starting…'); },
    onAbort(what) { fail('The workspace stopped while starting: ' + what); },
    printErr(message) { console.warn(message); },
  };
  window.addEventListener('error', (event) => {
    if (!window.leadsShellReady) fail('The workspace failed to start: ' + (event.message || 'unknown error'));
  });
  progress(0.1, 'Downloading…');
  // The app's first request (its configuration), sent now instead of once leads.wasm has compiled and started:
  // its answer is then waiting when the app asks, and the sign-in that follows it need not wait for the first
  // frame to be drawn. The app's own request for this address takes it, once (web/http_fetch.js).
  // It can be aborted, so the app's own timeout still ends it (and the reading of its body). A small answer that says
  // its size is read here too: the app then takes it whole in the same turn as it asks, before its first frame is
  // drawn, instead of in a task after that frame. A larger one is left for the app to read, within its own bound.
  const stopConfig = new AbortController();
  const kEarlyBodyBytes = 64 * 1024;
  const config = fetch('/app-config.json', { credentials: 'omit', cache: 'no-store', redirect: 'error',
                                             signal: stopConfig.signal }).then(async (response) => {
    const length = response.headers.get('content-length');
    const small = length !== null && /^[0-9]+$/.test(length) && Number(length) <= kEarlyBodyBytes &&
                  !response.headers.get('content-encoding');
    return { response, bytes: small ? new Uint8Array(await response.arrayBuffer()) : null };
  });
  config.catch(() => {});  // a failure is the app's to report, when it asks
  window.leadsEarlyFetches = { '/app-config.json': { answer: config, abort: () => stopConfig.abort() } };
  const script = document.createElement('script');
  script.src = 'leads.js';
  script.onerror = () => fail('The workspace could not be downloaded. Check your connection and reload.');
  document.body.appendChild(script);
})();
