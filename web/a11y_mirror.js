// Emscripten JS library: the semantics tree the app publishes, mirrored as a DOM tree with ARIA over the canvas.
// Screen readers read it, Tab walks it, and each text field is a real <input>/<textarea> while it is edited (typing,
// IME, dictation, paste, undo, phone keyboards). Elements are transparent and let the pointer through to the canvas;
// they are updated by diff only when the app publishes a change (never per frame, nothing while idle).
mergeInto(LibraryManager.library, {
  $LeadsMirror__deps: ['$LeadsStrings', '$leadsWithTexts'],
  $LeadsMirror: {
    root: null,
    ring: null,
    polite: null,
    assertive: null,
    // Made in start(): emscripten writes this object into leads.js as text, and a Map would become {}.
    byKey: null,       // key -> element
    nodeOf: null,      // element -> its last node
    lastSent: null,    // key -> the text this page last sent for a field
    wasFocused: null,  // keys of text fields ImGui held focus on at the last update
    shownLive: null,   // keys of alerts and toasts already announced
    dialogs: null,     // keys of the dialogs shown at the last update
    textboxes: [],     // drawn leaf nodes in drawing order (popups and toasts last), for pointer hit tests

    start: function () {
      if (LeadsMirror.root) return;
      LeadsMirror.byKey = new Map();
      LeadsMirror.nodeOf = new Map();
      LeadsMirror.lastSent = new Map();
      LeadsMirror.wasFocused = new Set();
      LeadsMirror.shownLive = new Set();
      LeadsMirror.dialogs = new Set();
      const root = document.createElement('div');
      root.id = 'a11y-root';
      const ring = document.createElement('div');
      ring.id = 'a11y-ring';
      ring.setAttribute('aria-hidden', 'true');
      ring.hidden = true;
      const live = (politeness) => {
        const region = document.createElement('div');
        region.className = 'a11y-live';
        region.setAttribute('role', politeness === 'assertive' ? 'alert' : 'status');
        region.setAttribute('aria-live', politeness);
        region.setAttribute('aria-atomic', 'true');
        document.body.appendChild(region);
        return region;
      };
      document.body.appendChild(root);
      document.body.appendChild(ring);
      LeadsMirror.root = root;
      LeadsMirror.ring = ring;
      LeadsMirror.polite = live('polite');
      LeadsMirror.assertive = live('assertive');
      root.addEventListener('focusin', LeadsMirror.onFocusIn);
      root.addEventListener('focusout', LeadsMirror.onFocusOut);
      root.addEventListener('click', LeadsMirror.onClick);
      root.addEventListener('keydown', LeadsMirror.onKeyDown);
      root.addEventListener('input', LeadsMirror.onInput);
    },

    // What element a node becomes. Native elements where the platform has one (buttons, links, text fields).
    tagFor: function (node) {
      switch (node.role) {
        case 'button': return 'button';
        case 'link': return 'a';
        case 'textbox': return node.multiline ? 'textarea' : 'input';
        default: return 'div';
      }
    },

    // Roles that hold others: drawn by nothing, so they need no transparency (which would also hide a child field).
    containers: { tablist: 1, grid: 1, row: 1, headerrow: 1, dialog: 1, listbox: 1, region: 1, main: 1, banner: 1 },

    update: function (tree) {
      if (window.leadsMirrorPaused) return;  // the benchmark measures the page without the mirror's updates
      LeadsMirror.start();
      const nodes = tree.nodes || [];
      const language = tree.app && tree.app.language;
      const present = new Set(nodes.map((node) => node.key));
      // Stale elements go first, so the ones kept (a focused field above all) are never moved to make room.
      // (No destructuring in for-of here: emscripten 3.1.6's meta-DCE pass mangles it.)
      LeadsMirror.byKey.forEach(function (element, key) {
        if (present.has(key)) return;
        element.remove();
        LeadsMirror.byKey.delete(key);
        LeadsMirror.nodeOf.delete(element);
        LeadsMirror.lastSent.delete(key);
      });
      const elements = [];
      const lastChild = new Map();  // parent element -> the child placed last
      const textboxes = [];
      const hasChildren = new Uint8Array(nodes.length);
      for (const node of nodes) if (node.parent >= 0) hasChildren[node.parent] = 1;
      let rowTabStop = null;
      for (let i = 0; i < nodes.length; i++) {
        const node = nodes[i];
        let element = LeadsMirror.byKey.get(node.key);
        const previous = element && LeadsMirror.nodeOf.get(element);
        if (element && (previous.role !== node.role || element.tagName.toLowerCase() !== LeadsMirror.tagFor(node))) {
          element.remove();
          element = null;
        }
        if (!element) {
          element = document.createElement(LeadsMirror.tagFor(node));
          element.dataset.key = node.key;
          if (!LeadsMirror.containers[node.role]) element.className = 'leaf';
          LeadsMirror.byKey.set(node.key, element);
        }
        const parentNode = node.parent >= 0 ? nodes[node.parent] : null;
        const parent = node.parent >= 0 ? elements[node.parent] : LeadsMirror.root;
        LeadsMirror.apply(element, node, previous, parentNode, hasChildren[i] === 1);
        LeadsMirror.nodeOf.set(element, node);
        const before = lastChild.get(parent) || null;
        const wanted = before ? before.nextSibling : parent.firstChild;
        if (element.parentNode !== parent || (element !== wanted && element.previousSibling !== before)) {
          parent.insertBefore(element, wanted);
        }
        lastChild.set(parent, element);
        elements.push(element);
        if (!LeadsMirror.containers[node.role] && node.rect.width > 0 && node.rect.height > 0) textboxes.push(node);
        if (node.role === 'row' && node.rowIndex > 1 && (node.selected || !rowTabStop)) {
          if (!rowTabStop || node.selected) rowTabStop = element;
        }
      }
      // The grid is one stop of the Tab order: its selected row (or its first), arrows move within it.
      for (const element of elements) {
        const node = LeadsMirror.nodeOf.get(element);
        if (node.role === 'row' && node.rowIndex > 1) element.tabIndex = element === rowTabStop ? 0 : -1;
      }
      LeadsMirror.textboxes = textboxes;
      LeadsMirror.followFocus(nodes);
      LeadsMirror.announce(nodes);
      LeadsMirror.placeRing();
      if (language && document.documentElement.lang !== language) document.documentElement.lang = language;
      const theme = tree.app && tree.app.theme;
      if (theme && LeadsMirror.root.dataset.theme !== theme) LeadsMirror.root.dataset.theme = theme;
    },

    // Attributes from a node, each written only when it changed.
    apply: function (element, node, previous, parentNode, hasChildren) {
      const set = (name, value) => {
        if (value === undefined || value === null || value === false) {
          if (element.hasAttribute(name)) element.removeAttribute(name);
        } else if (element.getAttribute(name) !== String(value)) {
          element.setAttribute(name, String(value));
        }
      };
      const role = node.role;
      const rect = node.rect;
      const px = parentNode ? parentNode.rect.x : 0;
      const py = parentNode ? parentNode.rect.y : 0;
      const style = element.style;
      const left = (rect.x - px) + 'px', top = (rect.y - py) + 'px';
      const width = Math.max(0, rect.width) + 'px', height = Math.max(0, rect.height) + 'px';
      if (style.left !== left) style.left = left;
      if (style.top !== top) style.top = top;
      if (style.width !== width) style.width = width;
      if (style.height !== height) style.height = height;

      const native = element.tagName === 'BUTTON' || element.tagName === 'A' || element.tagName === 'INPUT' || element.tagName === 'TEXTAREA';
      set('role', native ? null : LeadsMirror.ariaRole(role));
      const labelled = role !== 'heading' && role !== 'gridcell' && role !== 'columnheader' && role !== 'option' &&
                       role !== 'link' && role !== 'note' && role !== 'text';
      set('aria-label', labelled || role === 'status' || role === 'alert' ? node.name : null);
      set('aria-description', node.description || null);
      set('aria-disabled', node.disabled ? 'true' : null);
      if (role === 'checkbox') set('aria-checked', node.checked ? 'true' : 'false');
      if (role === 'tab' || role === 'option') set('aria-selected', node.selected ? 'true' : 'false');
      if (role === 'row' && node.rowIndex > 1) set('aria-selected', node.selected || node.checked ? 'true' : 'false');
      if (role === 'button') set('aria-pressed', node.selected ? 'true' : null);
      if (role === 'button') set('aria-expanded', node.expanded === undefined ? null : String(node.expanded));
      if (role === 'heading') set('aria-level', node.level || 2);
      if (role === 'row' || role === 'headerrow') set('aria-rowindex', node.rowIndex || null);
      if (role === 'grid') set('aria-rowcount', node.rowCount || null);
      if (role === 'gridcell' || role === 'columnheader') set('aria-colindex', node.colIndex || null);
      if (role === 'gridcell') set('aria-selected', node.selected ? 'true' : null);  // a calendar's chosen day
      if (role === 'columnheader') set('aria-sort', node.sort && node.sort !== 'none' ? node.sort : null);
      if (role === 'combobox') {
        set('aria-expanded', node.expanded ? 'true' : 'false');
        set('aria-haspopup', 'listbox');
        set('aria-invalid', node.invalid ? 'true' : null);
      }
      if (role === 'dialog') set('aria-modal', node.modal ? 'true' : 'false');
      if (role === 'progressbar') {
        set('aria-valuemin', 0);
        set('aria-valuenow', node.valueNow >= 0 ? node.valueNow : null);
        set('aria-valuemax', node.valueMax >= 0 ? node.valueMax : null);
        set('aria-valuetext', node.value || null);
      }
      if (role === 'status' || role === 'alert') set('aria-live', 'off');  // announced through the page's live regions
      if (role === 'img') set('aria-label', node.value ? node.name + ': ' + node.value : node.name);

      if (role === 'gridcell' && node.focused && element.tabIndex !== 0) element.tabIndex = 0;  // the calendar's cursor
      const focusable = { checkbox: 1, tab: 1, option: 1, combobox: 1, columnheader: 1 };
      if (focusable[role] && element.tabIndex !== (role === 'tab' && !node.selected ? -1 : 0)) {
        element.tabIndex = role === 'tab' && !node.selected ? -1 : role === 'option' || role === 'columnheader' ? -1 : 0;
      }

      if (role === 'link') {
        if (element.getAttribute('href') !== node.value) element.setAttribute('href', node.value || '');
        const web = /^https:\/\//i.test(node.value || '');  // a web page opens in a new tab, as on the canvas
        set('target', web ? '_blank' : null);
        set('rel', web ? 'noopener noreferrer' : null);
        LeadsStrings.setText(element, node.name);
      } else if (role === 'textbox') {
        LeadsMirror.applyField(element, node, previous, set);
      } else if (role === 'combobox') {
        LeadsStrings.setText(element, node.value || '');
      } else if (role === 'note') {
        LeadsStrings.setText(element, node.value ? node.name + ': ' + node.value : node.name);
      } else if ((!labelled || role === 'status' || role === 'alert') && !hasChildren) {
        LeadsStrings.setText(element, node.name);  // text a screen reader reads as content (cells, headings, alerts)
      } else if (hasChildren && role === 'gridcell') {
        set('aria-label', node.name);
      }
    },

    ariaRole: function (role) {
      if (role === 'headerrow') return 'row';  // the grid's header row
      return role === 'text' ? null : role;  // plain text: read as it is, no role
    },

    // A text field: the kind of keyboard a phone shows, autofill, spell checking on notes only, and its value.
    applyField: function (element, node, previous, set) {
      const kind = node.inputType === 'filter' ? 'search' : node.inputType || 'text';  // a list's filter is a search
      if (element.tagName === 'INPUT') {
        const type = kind === 'search' ? 'search' : kind === 'email' ? 'email' : kind === 'tel' ? 'tel' : 'text';
        if (element.type !== type) element.type = type;
      }
      const inputmode = { email: 'email', tel: 'tel', decimal: 'decimal', numeric: 'numeric', search: 'search' }[kind] || 'text';
      const autocomplete = { email: 'email', tel: 'tel', 'given-name': 'given-name', 'family-name': 'family-name' }[kind] || 'off';
      set('inputmode', inputmode);
      set('autocomplete', autocomplete);
      set('spellcheck', node.multiline ? 'true' : 'false');
      set('enterkeyhint', kind === 'search' ? 'search' : node.multiline ? null : 'done');
      set('aria-invalid', node.invalid ? 'true' : null);
      set('placeholder', kind === 'search' ? (node.description || null) : null);
      const value = node.value || '';
      const focused = element === document.activeElement;
      // While the user edits, the field's own text wins; the app's value is taken only when the app changed it
      // (a quick date pick, a reload) rather than echoing what was typed.
      if (!focused) {
        if (element.value !== value) element.value = value;
        LeadsMirror.lastSent.delete(node.key);
      } else if (previous && value !== previous.value && value !== element.value &&
                 value !== LeadsMirror.lastSent.get(node.key)) {
        element.value = value;
      }
    },

    // Focus that the app moved (a click on a field drawn on the canvas, the "/" shortcut, j/k over the rows).
    followFocus: function (nodes) {
      const active = document.activeElement;
      const activeNode = active && LeadsMirror.nodeOf.get(active);
      const nowFocused = new Set();
      for (const node of nodes) {
        // A text field ImGui edits, or the calendar's day under its keyboard cursor (ui/date_picker.cpp).
        if ((node.role !== 'textbox' && node.role !== 'gridcell') || !node.focused) continue;
        nowFocused.add(node.key);
        const element = LeadsMirror.byKey.get(node.key);
        if (!LeadsMirror.wasFocused.has(node.key) && element && element !== active) element.focus({ preventScroll: true });
      }
      LeadsMirror.wasFocused = nowFocused;
      // A dialog that opens takes focus to its first field when it is modal, or when the user works by keyboard
      // (a form opened with Enter); a mouse or a finger is left where it is.
      const dialogs = new Set();
      const byKeyboard = active && LeadsMirror.nodeOf.get(active) && active.matches(':focus-visible');
      for (const node of nodes) {
        if (node.role !== 'dialog') continue;
        dialogs.add(node.key);
        if (LeadsMirror.dialogs.has(node.key) || !(node.modal || byKeyboard)) continue;
        const dialog = LeadsMirror.byKey.get(node.key);
        const first = dialog && dialog.querySelector('input, textarea, button, [tabindex="0"]');
        if (first) first.focus({ preventScroll: true });
      }
      LeadsMirror.dialogs = dialogs;
      // The selection moved while a row had focus (arrows, j/k): focus moves with it, as in any grid.
      if (activeNode && activeNode.role === 'row') {
        const selected = nodes.find((node) => node.role === 'row' && node.selected);
        const element = selected && LeadsMirror.byKey.get(selected.key);
        if (element && element !== active) element.focus({ preventScroll: true });
      }
      if (activeNode && activeNode.role === 'tab') {
        const selected = nodes.find((node) => node.role === 'tab' && node.selected);
        const element = selected && LeadsMirror.byKey.get(selected.key);
        if (element && element !== active) element.focus({ preventScroll: true });
      }
    },

    // New alerts and toasts are read out through live regions that exist before they change.
    announce: function (nodes) {
      const current = new Set();
      for (const node of nodes) {
        const toast = node.role === 'status' && node.value === 'toast';
        if (!toast && node.role !== 'alert') continue;
        current.add(node.key);
        if (LeadsMirror.shownLive.has(node.key)) continue;
        const region = node.role === 'alert' ? LeadsMirror.assertive : LeadsMirror.polite;
        region.textContent = node.name;
      }
      LeadsMirror.shownLive = current;
    },

    placeRing: function () {
      const ring = LeadsMirror.ring;
      const active = document.activeElement;
      const node = active && LeadsMirror.nodeOf.get(active);
      const editing = active && (active.tagName === 'INPUT' || active.tagName === 'TEXTAREA');
      if (!node || editing || !active.matches(':focus-visible')) {
        if (!ring.hidden) ring.hidden = true;
        return;
      }
      const box = active.getBoundingClientRect();
      ring.hidden = false;
      ring.style.left = box.left - 2 + 'px';
      ring.style.top = box.top - 2 + 'px';
      ring.style.width = box.width + 4 + 'px';
      ring.style.height = box.height + 4 + 'px';
    },

    keyOf: function (element) {
      const node = element && LeadsMirror.nodeOf.get(element);
      return node ? node.key : null;
    },

    onFocusIn: function (event) {
      const key = LeadsMirror.keyOf(event.target);
      if (key) leadsWithTexts([key], _leads_a11y_focus);
      LeadsMirror.placeRing();
    },

    onFocusOut: function (event) {
      const node = LeadsMirror.nodeOf.get(event.target);
      if (node && node.role === 'textbox') _leads_a11y_blur();
      setTimeout(LeadsMirror.placeRing, 0);
    },

    // A screen reader's or keyboard's activation: the widget's own click, at its rectangle.
    onClick: function (event) {
      const element = event.target.closest('[data-key]');
      const node = element && LeadsMirror.nodeOf.get(element);
      if (!node || node.role === 'textbox' || node.disabled) return;
      if (node.role === 'link') return;  // a real mailto:/tel: link: the browser follows it
      event.preventDefault();
      leadsWithTexts([node.key], _leads_a11y_activate);
    },

    onKeyDown: function (event) {
      const element = event.target;
      const node = LeadsMirror.nodeOf.get(element);
      if (!node) return;
      if (LeadsMirror.listKey(event, element, node)) return;
      if (element.tagName === 'BUTTON' || element.tagName === 'A' || node.role === 'textbox') return;  // native
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        if (!node.disabled) leadsWithTexts([node.key], _leads_a11y_activate);
        return;
      }
      // Tabs: arrows move between them and select (the ARIA tabs pattern).
      if (node.role === 'tab' && (event.key === 'ArrowRight' || event.key === 'ArrowLeft')) {
        const tabs = Array.from(element.parentNode.children).filter((child) => {
          const other = LeadsMirror.nodeOf.get(child);
          return other && other.role === 'tab';
        });
        const at = tabs.indexOf(element);
        const next = tabs[(at + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
        event.preventDefault();
        event.stopPropagation();
        if (next) leadsWithTexts([LeadsMirror.nodeOf.get(next).key], _leads_a11y_activate);
      }
    },

    // A list's filter field (the currency combo's search): Enter picks the first match and Down moves to the matches;
    // in the matches, Up and Down move between them (Enter on one picks it, as on any widget).
    listKey: function (event, element, node) {
      const filtering = node.role === 'textbox' && node.inputType === 'filter';
      if (!(filtering && (event.key === 'Enter' || event.key === 'ArrowDown')) &&
          !(node.role === 'option' && (event.key === 'ArrowDown' || event.key === 'ArrowUp'))) return false;
      const options = Array.from(document.querySelectorAll('#a11y-root [role=option]'));
      const at = options.indexOf(element);
      const next = filtering ? options[0] : options[at + (event.key === 'ArrowDown' ? 1 : -1)];
      event.preventDefault();
      if (filtering && event.key === 'Enter') {
        if (next) leadsWithTexts([LeadsMirror.nodeOf.get(next).key], _leads_a11y_activate);
      } else if (next) {
        next.focus({ preventScroll: true });
      }
      return true;
    },

    onInput: function (event) {
      const element = event.target;
      const node = LeadsMirror.nodeOf.get(element);
      if (!node || node.role !== 'textbox') return;
      LeadsMirror.lastSent.set(node.key, element.value);
      leadsWithTexts([node.key, element.value], _leads_a11y_text);
    },

    // The text field under a point (CSS pixels over the canvas), for a click or tap that should edit it: the
    // topmost widget there (an open list or a toast drawn over a field wins), if it is a text field.
    textboxAt: function (x, y) {
      let top = null;
      for (const node of LeadsMirror.textboxes) {  // in drawing order: a later window, else a later widget
        const r = node.rect;
        if (x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height && (!top || (node.layer || 0) >= (top.layer || 0)))
          top = node;
      }
      return top && top.role === 'textbox' ? LeadsMirror.byKey.get(top.key) : null;
    },
  },

  $LeadsStrings: {
    setText: function (element, text) {
      if (element.textContent !== text) element.textContent = text;
    },
  },

  leads_semantics_publish__deps: ['$LeadsMirror'],
  leads_semantics_publish: function (jsonPtr) {
    const tree = JSON.parse(UTF8ToString(jsonPtr));
    window.leadsSemantics = tree;
    window.leadsSemanticsVersion = (window.leadsSemanticsVersion || 0) + 1;
    LeadsMirror.update(tree);
  },

  leads_set_page_language: function (codePtr) {
    document.documentElement.lang = UTF8ToString(codePtr);
  },
});
