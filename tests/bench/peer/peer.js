// The benchmark's peer: the same leads from the same server-mock in AG Grid Community, loaded the way a typical
// admin app does it (follow @odata.nextLink page by page, show rows as pages arrive), timed for tests/bench/run.mjs.
'use strict';

(function () {
  const perf = (window.peerPerf = { search: [], sort: [], pages: 0, leads: 0, error: null });
  const mark = (name) => performance.mark(name);
  const afterNextFrame = (then) => requestAnimationFrame(() => { document.body.getBoundingClientRect(); then(performance.now()); });

  if (agGrid.ModuleRegistry && agGrid.AllCommunityModule) agGrid.ModuleRegistry.registerModules([agGrid.AllCommunityModule]);

  // Same visible texts as the workspace's table (English).
  const kindText = { Direct: 'Customer inquiry', MarketingQualified: 'Marketing qualified', SalesQualified: 'Sales qualified' };
  const dayFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
  const moneyFormats = new Map();
  const money = (value, currency) => {
    if (value === null || value === undefined) return '';
    const code = currency || 'USD';
    if (!moneyFormats.has(code)) {
      try { moneyFormats.set(code, new Intl.NumberFormat('en-US', { style: 'currency', currency: code, maximumFractionDigits: 0 })); }
      catch (e) { moneyFormats.set(code, new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })); }
    }
    return moneyFormats.get(code).format(value);
  };
  const stageOf = (lead) => {
    if (lead.status === 'New') return 'Received';
    if (lead.status === 'Active') return 'Accepted';
    if (lead.status === 'Closed') return 'Archived · ' + lead.substatus;
    return 'Unknown stage';
  };
  const timeLeft = (lead, now) => {
    if (lead.status !== 'New' || !lead.expirationDateTime) return '';
    const minutes = Math.max(0, Math.floor((Date.parse(lead.expirationDateTime) - now) / 60000));
    const days = Math.floor(minutes / 1440), hours = Math.floor((minutes % 1440) / 60);
    return days > 0 ? `${days} d ${hours} h` : `${hours} h ${minutes % 60} min`;
  };
  // The workspace's Marketplace tab: incoming, independent customer inquiries (an external filter, like a tab).
  const inMarketplace = (lead) => lead.direction === 'Incoming' && lead.type === 'Independent' && lead.qualification === 'Direct';

  const columnDefs = [
    { colId: 'heart', headerName: '', width: 40, sortable: false, valueGetter: () => '♡', getQuickFilterText: () => '' },
    { colId: 'flame', headerName: '', width: 40, sortable: false,
      valueGetter: (p) => (p.data.details && p.data.details.customerRequestedContact && p.data.status === 'New' ? '▲' : ''),
      getQuickFilterText: () => '' },
    { colId: 'customer', headerName: 'Customer', field: 'customerProfile.name', width: 223 },
    { colId: 'lead', headerName: 'Lead', field: 'name', width: 273 },
    { colId: 'kind', headerName: 'Kind', width: 163, valueGetter: (p) => kindText[p.data.qualification] || 'Out of scope' },
    { colId: 'stage', headerName: 'Stage', width: 133, valueGetter: (p) => stageOf(p.data) },
    { colId: 'received', headerName: 'Received', width: 123, sort: 'desc', sortingOrder: ['desc', 'asc'],
      valueGetter: (p) => Date.parse(p.data.createdDateTime),
      valueFormatter: (p) => (Number.isFinite(p.value) ? dayFormat.format(p.value) : ''),
      getQuickFilterText: (p) => (Number.isFinite(p.value) ? dayFormat.format(p.value) : '') },
    { colId: 'timeLeft', headerName: 'Time left', width: 103, valueGetter: (p) => timeLeft(p.data, Date.now()) },
    { colId: 'value', headerName: 'Est. value', width: 143, type: 'rightAligned',
      valueGetter: (p) => (p.data.details ? p.data.details.dealValue : null),
      valueFormatter: (p) => money(p.value, p.data.details && p.data.details.currency),
      getQuickFilterText: (p) => money(p.value, p.data.details && p.data.details.currency) },
    { colId: 'city', headerName: 'City', width: 143,
      valueGetter: (p) => { const a = (p.data.customerProfile || {}).address || {}; return a.country ? `${a.city}, ${a.country}` : a.city || ''; } },
  ];

  let lastInputAt = 0;
  const api = agGrid.createGrid(document.getElementById('grid'), {
    columnDefs,
    defaultColDef: { sortable: true, resizable: true },
    rowHeight: 23,
    headerHeight: 23,
    getRowId: (p) => p.data.id,
    isExternalFilterPresent: () => true,
    doesExternalFilterPass: (node) => inMarketplace(node.data),
    onSortChanged: () => {
      const start = lastInputAt;
      afterNextFrame((end) => perf.sort.push({ ms: end - start, rows: api.getDisplayedRowCount() }));
    },
  });
  afterNextFrame(() => mark('peer:first-frame'));

  // Search: the grid's quick filter, applied on every input event (no debounce, like the workspace).
  const search = document.getElementById('search');
  window.addEventListener('keydown', (event) => { lastInputAt = event.timeStamp; }, true);
  window.addEventListener('mouseup', (event) => { lastInputAt = event.timeStamp; }, true);
  search.addEventListener('input', () => {
    const start = lastInputAt;
    api.setGridOption('quickFilterText', search.value);
    const applied = performance.now() - start;
    afterNextFrame((end) => perf.search.push({ ms: end - start, applied, text: search.value, rows: api.getDisplayedRowCount() }));
  });

  const status = document.getElementById('status');
  async function load() {
    const token = (await (await fetch('/dev/token')).json()).token;
    let url = '/v1.0/engagements/referrals?$top=1000&$count=true&$orderby=' + encodeURIComponent('createdDateTime desc');
    let expected = 0;
    while (url) {
      const response = await fetch(url, { headers: { Authorization: 'Bearer ' + token } });
      if (!response.ok) throw new Error(`HTTP ${response.status} on ${url}`);
      const page = await response.json();
      if (typeof page['@odata.count'] === 'number') expected = page['@odata.count'];
      api.applyTransaction({ add: page.value });
      perf.pages++;
      perf.leads += page.value.length;
      status.textContent = `${perf.leads} of ${expected} leads`;
      if (perf.pages === 1) afterNextFrame(() => mark('peer:first-rows'));
      url = page['@odata.nextLink'];
    }
    afterNextFrame(() => { mark('peer:all-loaded'); perf.rows = api.getDisplayedRowCount(); });
  }
  load().catch((error) => { perf.error = String(error); status.textContent = 'Failed: ' + error; });
  window.peerGrid = api;
})();
