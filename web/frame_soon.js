// Emscripten JS library: run a frame as soon as the current input event has been handled, not at the next
// animation frame, so a keystroke or click reaches the screen with the frame that is composited next.
mergeInto(LibraryManager.library, {
  $leadsFrameSoon: { channel: null, pending: false },

  leads_frame_soon__deps: ['$leadsFrameSoon'],
  leads_frame_soon: function () {
    const soon = leadsFrameSoon;
    if (soon.pending) return;
    if (!soon.channel) {
      // A message task runs after the whole event (keydown, keypress, input) has been dispatched.
      soon.channel = new MessageChannel();
      soon.channel.port1.onmessage = () => {
        soon.pending = false;
        _leads_frame_now();
      };
    }
    soon.pending = true;
    soon.channel.port2.postMessage(null);
  },
});
