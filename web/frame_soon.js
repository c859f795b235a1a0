// Emscripten JS library: run a frame as soon as the current input event has been handled, not at the next
// animation frame, so a keystroke or click is in the canvas before the frame that is composited next.
// A microtask, not a posted message: right after input Chrome runs rendering and input first and delivered a
// MessageChannel task 20-40 ms late, after the animation frame it was meant to beat.
mergeInto(LibraryManager.library, {
  $leadsFrameSoon: { pending: false },

  leads_frame_soon__deps: ['$leadsFrameSoon'],
  leads_frame_soon: function () {
    const soon = leadsFrameSoon;
    if (soon.pending) return;
    soon.pending = true;
    // Runs once the event's listeners (GLFW's, then ImGui's, which queue the input) have returned.
    queueMicrotask(() => {
      soon.pending = false;
      _leads_frame_now();
    });
  },
});
