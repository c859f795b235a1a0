// Emscripten JS library: how keys, the mouse and fingers reach the app beside the DOM mirror (web/a11y_mirror.js).
// - Keys: emscripten's GLFW listens on the window and would take every key, also those typed into the mirror's
//   text fields (and it cancels Backspace and Tab). Its listeners are wrapped: Tab always moves DOM focus, a text
//   field keeps its keys (Escape aside), a focused mirror widget keeps Enter and Space.
// - Fingers: GLFW turns a touch into a held left button (a swipe would drag, not scroll). Touches go through
//   pointer events instead: a tap is a click, a drag scrolls the panel under it with momentum.
// - The mouse on a text field drawn on the canvas focuses the field's real element at once (within the gesture,
//   so a phone opens its keyboard).
mergeInto(LibraryManager.library, {
  $LeadsInput__deps: ['$GLFW', '$LeadsMirror'],
  $LeadsInput: {
    reducedMotion: null,
    momentum: 0,

    editing: function (target) {
      return target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA') && target.closest('#a11y-root');
    },

    routeKeys: function () {
      const pass = (handler, type) => function (event) {
        const target = event.target;
        if (type !== 'keyup') {  // a release always reaches the app, or it would think the key still held
          if (event.key === 'Tab') return;
          if (LeadsInput.editing(target)) {
            if (event.key !== 'Escape') return;
          } else if (target && target.closest && target.closest('#a11y-root')) {
            if (event.key === 'Enter' || event.key === ' ') return;
            // Up and Down in a list's options move between them (a11y_mirror.js), not to another lead.
            if (target.getAttribute('role') === 'option' && /^Arrow(Up|Down)$/.test(event.key)) return;
          }
        }
        handler(event);
      };
      const listeners = [['keydown', GLFW.onKeydown], ['keypress', GLFW.onKeyPress], ['keyup', GLFW.onKeyup]];
      for (const listener of listeners) {  // (no destructuring in for-of: emscripten 3.1.6's meta-DCE mangles it)
        window.removeEventListener(listener[0], listener[1], true);
        window.addEventListener(listener[0], pass(listener[1], listener[0]), true);
      }
    },

    canvasPoint: function (event) {
      const box = Module['canvas'].getBoundingClientRect();
      return { x: event.clientX - box.left, y: event.clientY - box.top };
    },

    // A press on a field drawn on the canvas edits it in its real element; a press elsewhere leaves the field.
    onMouseDown: function (event) {
      const point = LeadsInput.canvasPoint(event);
      const field = LeadsMirror.textboxAt(point.x, point.y);
      if (field) {
        // The field's element takes the press (and, being on top now, the release): ImGui sees neither, or it
        // would hold a button whose release never reaches the canvas.
        event.preventDefault();  // keeps the focus given here
        event.stopImmediatePropagation();
        if (document.activeElement !== field) field.focus({ preventScroll: true });
      } else if (LeadsInput.editing(document.activeElement)) {
        document.activeElement.blur();
      }
    },

    routeTouches: function () {
      const canvas = Module['canvas'];
      canvas.removeEventListener('touchmove', GLFW.onMousemove, true);
      canvas.removeEventListener('touchstart', GLFW.onMouseButtonDown, true);
      canvas.removeEventListener('touchcancel', GLFW.onMouseButtonUp, true);
      canvas.removeEventListener('touchend', GLFW.onMouseButtonUp, true);
      let touch = null;  // the finger being followed: start, last point, velocity, whether it became a drag
      // Whether the list still glides is published on the canvas (data-momentum) for tests to wait on.
      const gliding = (on) => { canvas.dataset.momentum = on ? '1' : '0'; };
      const stopMomentum = () => {
        if (LeadsInput.momentum) cancelAnimationFrame(LeadsInput.momentum);
        LeadsInput.momentum = 0;
        gliding(false);
      };
      canvas.addEventListener('pointerdown', (event) => {
        if (event.pointerType !== 'touch') return;
        stopMomentum();
        if (touch) { touch.multi = true; return; }  // a second finger: a pinch the browser zooms
        const point = LeadsInput.canvasPoint(event);
        touch = { id: event.pointerId, start: point, last: point, at: performance.now(), vx: 0, vy: 0, drag: false, multi: false };
      });
      canvas.addEventListener('pointermove', (event) => {
        if (!touch || event.pointerId !== touch.id || touch.multi) return;
        const point = LeadsInput.canvasPoint(event);
        if (!touch.drag && Math.hypot(point.x - touch.start.x, point.y - touch.start.y) < 8) return;
        touch.drag = true;
        const now = performance.now();
        const dx = point.x - touch.last.x, dy = point.y - touch.last.y;
        const dt = Math.max(1, now - touch.at);
        touch.vx = 0.8 * (dx / dt) + 0.2 * touch.vx;  // px per ms, smoothed
        touch.vy = 0.8 * (dy / dt) + 0.2 * touch.vy;
        touch.last = point;
        touch.at = now;
        _leads_pointer_scroll(touch.start.x, touch.start.y, dx, dy);
      });
      const end = (event) => {
        if (!touch || event.pointerId !== touch.id) return;
        const finished = touch;
        touch = null;
        if (event.type === 'pointercancel' || finished.multi) return;
        if (!finished.drag) {
          // A tap: the field under it takes focus now (a phone opens its keyboard only within the gesture).
          const field = LeadsMirror.textboxAt(finished.start.x, finished.start.y);
          if (field) field.focus({ preventScroll: true });
          else if (LeadsInput.editing(document.activeElement)) document.activeElement.blur();
          _leads_pointer_tap(finished.start.x, finished.start.y);
          return;
        }
        if (LeadsInput.reducedMotion && LeadsInput.reducedMotion.matches) return;
        // Momentum: the list keeps moving after a flick and slows down, as a native list does.
        let vx = finished.vx, vy = finished.vy, last = performance.now();
        const step = (now) => {
          const dt = Math.min(50, now - last);
          last = now;
          const decay = Math.pow(0.995, dt);
          vx *= decay;
          vy *= decay;
          if (Math.abs(vx) < 0.02 && Math.abs(vy) < 0.02) { LeadsInput.momentum = 0; gliding(false); return; }
          _leads_pointer_scroll(finished.start.x, finished.start.y, vx * dt, vy * dt);
          LeadsInput.momentum = requestAnimationFrame(step);
        };
        if (Math.abs(vx) > 0.1 || Math.abs(vy) > 0.1) {
          gliding(true);
          LeadsInput.momentum = requestAnimationFrame(step);
        }
      };
      canvas.addEventListener('pointerup', end);
      canvas.addEventListener('pointercancel', end);
      // A tap already clicked through pointer events: the browser's emulated mouse events would click twice.
      canvas.addEventListener('touchend', (event) => { if (event.cancelable) event.preventDefault(); }, { passive: false });
    },
  },

  leads_input_bridge_start__deps: ['$LeadsInput', '$LeadsMirror', '$GLFW'],
  leads_input_bridge_start: function () {
    LeadsMirror.start();
    LeadsInput.reducedMotion = window.matchMedia ? window.matchMedia('(prefers-reduced-motion: reduce)') : null;
    LeadsInput.routeKeys();
    LeadsInput.routeTouches();
    // Ahead of GLFW's own listener, so that a press on a text field can be kept from ImGui.
    const canvas = Module['canvas'];
    canvas.removeEventListener('mousedown', GLFW.onMouseButtonDown, true);
    canvas.addEventListener('mousedown', LeadsInput.onMouseDown, true);
    canvas.addEventListener('mousedown', GLFW.onMouseButtonDown, true);
  },
});
