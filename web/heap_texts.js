// Emscripten JS library: the one way the bridges hand texts to the app. Each text becomes a UTF-8 copy in the wasm
// heap, `fn` is called with their pointers, and the copies are freed when it returns (the app copies what it keeps).
mergeInto(LibraryManager.library, {
  $leadsWithTexts: function (texts, fn) {
    const pointers = [];
    try {
      for (const text of texts) {
        const length = lengthBytesUTF8(text) + 1;
        const pointer = _malloc(length);
        if (!pointer) throw new Error('the app has no memory left for a text of ' + length + ' bytes');
        pointers.push(pointer);
        stringToUTF8(text, pointer, length);
      }
      return fn(...pointers);
    } finally {
      pointers.forEach((pointer) => _free(pointer));
    }
  },
});
