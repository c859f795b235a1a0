// Runs update()'s effects on a transport and a favorites store, and feeds their results back as actions.
#pragma once
#include <functional>

#include "api/http.h"
#include "app/actions.h"
#include "app/effects.h"
#include "store/favorites_store.h"

namespace leads {

class EffectsRunner {
 public:
  using Dispatch = std::function<void(Action)>;
  using SaveLanguage = std::function<void(Language)>;

  EffectsRunner(Transport& transport, FavoritesStore& favorites, Dispatch dispatch, SaveLanguage save_language)
      : transport_(transport), favorites_(favorites), dispatch_(std::move(dispatch)),
        save_language_(std::move(save_language)) {}

  void run(const Effect& effect);

 private:
  Transport& transport_;
  FavoritesStore& favorites_;
  Dispatch dispatch_;
  SaveLanguage save_language_;
};

}  // namespace leads
