// One handler per alternative of a variant, checked by the compiler: std::visit(Overloaded{...}, v) does not compile
// while an alternative has no handler, so a new action, effect or host message cannot be ignored by mistake.
#pragma once

namespace leads {

// Write one lambda per alternative, taking it by const reference; no generic (auto) lambda, which would accept any.
template <class... Handlers>
struct Overloaded : Handlers... {
  using Handlers::operator()...;
};
template <class... Handlers>
Overloaded(Handlers...) -> Overloaded<Handlers...>;

}  // namespace leads
