// The demo portal signs its own user in at the workspace's identity provider (server-mock here, Microsoft Entra ID
// for a real portal): OpenID Connect authorization code flow with PKCE, as a public client ("portal-demo"). Tokens
// stay in this closure; only the round trip's verifier, state and nonce wait in sessionStorage, and only until the
// provider answers.
window.portalSignIn = (function () {
  'use strict';
  const kPendingKey = 'portal-demo.sign-in';
  const clientId = 'portal-demo';
  const redirectUri = location.origin + location.pathname;
  const scopes = 'openid profile offline_access urn:leads:referrals-api/user_impersonation';
  let endpoints = null;
  let accessToken = '';
  let refreshToken = '';

  function base64url(bytes) {
    let text = '';
    for (const byte of new Uint8Array(bytes)) text += String.fromCharCode(byte);
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  const randomText = (size) => base64url(crypto.getRandomValues(new Uint8Array(size)));

  async function discover(authority) {
    if (endpoints) return endpoints;
    const response = await fetch(authority + '/.well-known/openid-configuration', { cache: 'no-store' });
    if (!response.ok) throw new Error('the identity provider did not answer: ' + response.status);
    const document = await response.json();
    if (document.issuer !== authority) throw new Error('the identity provider names another issuer');
    endpoints = document;
    return endpoints;
  }

  async function redeem(body) {
    body.set('client_id', clientId);
    const response = await fetch(endpoints.token_endpoint, { method: 'POST', body, cache: 'no-store' });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok || !answer.access_token) throw new Error('sign-in failed: ' + (answer.error || response.status));
    accessToken = answer.access_token;
    if (answer.refresh_token) refreshToken = answer.refresh_token;
  }

  // Leaves for the provider's sign-in page; the page comes back to redirectUri with a code.
  async function start(authority) {
    await discover(authority);
    const verifier = randomText(32);
    const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    const pending = { verifier, state: randomText(16), nonce: randomText(16), authority, returnTo: location.href };
    sessionStorage.setItem(kPendingKey, JSON.stringify(pending));
    const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri,
      scope: scopes, state: pending.state, nonce: pending.nonce, code_challenge: challenge,
      code_challenge_method: 'S256' });
    location.assign(endpoints.authorization_endpoint + '?' + query);
    return new Promise(() => {});  // the page is leaving
  }

  // The provider's answer: the code is redeemed with the verifier, then the address bar is put back as it was.
  async function finish(query) {
    const pending = JSON.parse(sessionStorage.getItem(kPendingKey) || 'null');
    sessionStorage.removeItem(kPendingKey);
    if (!pending || pending.state !== query.get('state')) throw new Error('the sign-in answer does not match a sign-in of this page');
    history.replaceState(null, '', pending.returnTo);
    if (query.has('error')) throw new Error('sign-in failed: ' + query.get('error'));
    await discover(pending.authority);
    await redeem(new URLSearchParams({ grant_type: 'authorization_code', code: query.get('code'),
      redirect_uri: redirectUri, code_verifier: pending.verifier }));
  }

  return {
    // Resolves once the portal's user is signed in; else leaves for the provider (`authorityOf()` names it), whose
    // answer brings the page back here with the address it had.
    async signIn(authorityOf) {
      const query = new URLSearchParams(location.search);
      if (query.has('state') && (query.has('code') || query.has('error'))) return finish(query);
      return start(authorityOf());
    },
    // The token the sign-in brought, for the workspace's first message.
    token: () => accessToken,
    // A new token from the refresh token (which the provider rotates), when the workspace refused the old one or
    // said it is about to expire.
    async renewedToken() {
      await redeem(new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }));
      return accessToken;
    },
  };
})();
