// A small partner portal that embeds the leads workspace and speaks its postMessage protocol (docs/embedding.md):
// it hands over a token, follows the app's navigation in its own address bar, sizes the frame, and can push a fresh
// token or switch the language. Its user signs in at the identity provider first (portal-sign-in.js). Tokens stay in
// memory; they never go into a URL or storage.
(async function () {
  'use strict';
  const status = document.getElementById('status');
  // The portal's user signs in first (portal-sign-in.js), at the workspace's identity provider by default.
  const appOf = (query) => new URL(query.get('app') || 'http://127.0.0.1:8080/');
  try {
    await portalSignIn.signIn(() => {
      const query = new URLSearchParams(location.search);
      return query.get('authority') || appOf(query).origin;
    });
  } catch (error) {
    status.textContent = error.message;
    return;
  }
  const params = new URLSearchParams(location.search);  // the page's own address again, after the round trip
  const appUrl = appOf(params);
  const appOrigin = appUrl.origin;
  const frame = document.getElementById('leads');
  // ?sandbox=strict frames the app without allow-same-origin: its origin is then opaque ("null"), so its messages
  // are recognised by their window alone, and nothing can be addressed to it but '*' — which would hand a token to
  // whatever document the frame holds by then. So such a frame gets layout and language messages, never a token
  // (see docs/embedding.md).
  const strictSandbox = params.get('sandbox') === 'strict';
  if (strictSandbox) frame.setAttribute('sandbox', 'allow-scripts allow-forms allow-popups allow-downloads');
  const targetOrigin = strictSandbox ? '*' : appOrigin;  // for messages that carry no token
  const fromApp = (event) => event.source === frame.contentWindow && event.origin === (strictSandbox ? 'null' : appOrigin);
  const languageButton = document.getElementById('language');
  const themeButton = document.getElementById('theme');
  let language = params.get('lang') === 'tr' ? 'tr' : 'en';
  let theme = params.get('theme') === 'dark' ? 'dark' : 'light';
  let nextId = 1;
  window.portalLog = [];  // what the app told the portal (for the demo's tests; no token is ever in it)
  window.portalTokenRequests = 0;

  // The portal's user is signed in at the workspace's identity provider (portal-sign-in.js); a token asked for
  // after the workspace refused one, or said it is about to expire, is a renewed one.
  async function freshToken(renew) {
    window.portalTokenRequests++;
    return renew ? portalSignIn.renewedToken() : portalSignIn.token();
  }

  function post(message) {
    message.v = 1;
    message.id = 'portal-' + (nextId++) + '-' + Date.now();
    // A token goes only to the app's exact origin; the browser drops it if the frame holds anything else.
    frame.contentWindow.postMessage(message, 'token' in message ? appOrigin : targetOrigin);
  }

  // Signs the framed app in, unless its origin is opaque (no origin can be named for the token to go to).
  async function postWithToken(message) {
    if (strictSandbox) {
      status.textContent = 'The workspace is framed without allow-same-origin: it cannot be handed a token safely.';
      return false;
    }
    message.token = await freshToken(message.type === 'leads.token');
    post(message);
    return true;
  }

  function appRouteFromHash() {
    const match = /^#app=(\/.*)$/.exec(location.hash);
    return match ? '#' + decodeURIComponent(match[1]) : null;
  }

  function markNavigation(route) {
    for (const link of document.querySelectorAll('nav a')) link.classList.toggle('active', route && route.startsWith(link.dataset.route));
  }

  window.addEventListener('message', async (event) => {
    if (!fromApp(event)) return;
    const message = event.data || {};
    window.portalLog.push({ type: message.type, route: message.route, height: message.height, reason: message.reason,
                            expiresAt: message.expiresAt, at: Date.now() });
    switch (message.type) {
      case 'leads.ready': {
        const init = { type: 'leads.init', language, theme };
        const route = appRouteFromHash();
        if (route) init.route = route;
        if (await postWithToken(init)) status.textContent = 'Signed in to the leads workspace.';
        break;
      }
      case 'leads.navigated':
        history.replaceState(null, '', '#app=' + message.route.slice(1));
        document.title = message.title + ' · Contoso Partner Portal';
        markNavigation(message.route);
        break;
      case 'leads.resize':
        frame.style.height = Math.max(320, Math.min(2000, Number(message.height) || 640)) + 'px';
        break;
      case 'leads.tokenRefused':
      case 'leads.tokenExpiring':
        if (await postWithToken({ type: 'leads.token' })) status.textContent = 'Token refreshed at ' + new Date().toLocaleTimeString();
        break;
      case 'leads.rejected':
        status.textContent = 'The workspace refused a message: ' + message.reason;
        break;
    }
  });

  for (const link of document.querySelectorAll('nav a')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      post({ type: 'leads.navigate', route: link.dataset.route });
    });
  }
  document.getElementById('refresh-token').addEventListener('click', async () => {
    if (await postWithToken({ type: 'leads.token' })) status.textContent = 'Token refreshed at ' + new Date().toLocaleTimeString();
  });
  languageButton.addEventListener('click', () => {
    language = language === 'tr' ? 'en' : 'tr';
    languageButton.textContent = language === 'tr' ? 'English' : 'Türkçe';
    post({ type: 'leads.language', language });
  });
  languageButton.textContent = language === 'tr' ? 'English' : 'Türkçe';
  themeButton.addEventListener('click', () => {
    theme = theme === 'dark' ? 'light' : 'dark';
    themeButton.textContent = theme === 'dark' ? 'Light' : 'Dark';
    document.body.classList.toggle('dark', theme === 'dark');
    post({ type: 'leads.theme', theme });
  });
  themeButton.textContent = theme === 'dark' ? 'Light' : 'Dark';
  document.body.classList.toggle('dark', theme === 'dark');
  frame.src = appUrl.href;
})();
