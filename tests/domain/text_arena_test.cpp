// Tests of the arena that keeps the folded search texts back to back.
#include "domain/text_arena.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace leads;

TEST_CASE("texts come back as they were added, across chunk boundaries and longer than a chunk") {
  TextArena arena;
  std::vector<TextArena::Span> spans;
  std::vector<std::string> texts;
  for (int i = 0; i < 5000; ++i) {  // ~2.5 MB: several chunks of 1 MB
    texts.push_back(std::string(static_cast<std::size_t>(400 + i % 300), static_cast<char>('a' + i % 26)) +
                    std::to_string(i));
    spans.push_back(arena.add(texts.back()));
  }
  const std::string huge(3 << 20, 'h');  // longer than a chunk: a chunk of its own
  const TextArena::Span huge_span = arena.add(huge);
  const TextArena::Span after = arena.add("after");
  for (std::size_t i = 0; i < texts.size(); ++i) REQUIRE(arena.view(spans[i]) == texts[i]);
  CHECK(arena.view(huge_span) == huge);
  CHECK(arena.view(after) == "after");
  CHECK(spans.back().chunk > 0);
}

TEST_CASE("a copied arena answers for the spans of the original, and an empty span is empty") {
  TextArena arena;
  const TextArena::Span span = arena.add("kadıköy");
  const TextArena copy = arena;
  arena.clear();
  CHECK(copy.view(span) == "kadıköy");
  CHECK(arena.view(span).empty());  // cleared: the span points nowhere, and reading it is safe
  CHECK(copy.view(TextArena::Span{}).empty());
  CHECK(copy.view(TextArena::Span{7, 0, 3}).empty());
}

TEST_CASE("parts added joined come back as one text, kept whole in one chunk even at a chunk's end") {
  TextArena arena;
  const std::string filler(1000, 'f');
  std::vector<TextArena::Span> spans;
  std::vector<std::string> joined;
  for (int i = 0; i < 3000; ++i) {  // ~3 MB: joined texts fall on chunk ends
    const std::string a = filler.substr(0, static_cast<std::size_t>(i % 700)), b = "|" + std::to_string(i), c;
    const std::string_view parts[] = {a, b, c, "şç"};
    spans.push_back(arena.add_joined(parts, 4));
    joined.push_back(a + b + c + "şç");
  }
  for (std::size_t i = 0; i < joined.size(); ++i) REQUIRE(arena.view(spans[i]) == joined[i]);
  CHECK(spans.back().chunk > 1);
  CHECK(arena.view(arena.add_joined(nullptr, 0)).empty());
}
