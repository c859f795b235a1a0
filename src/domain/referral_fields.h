// The Referral's wire fields, each written once: its JSON name, the member it maps to and the shape of its value.
// The DOM reader and the writer (referral_json.cpp), the list page's SAX reader (referral_page_reader.cpp) and
// server-mock's $select (listing.cpp) all walk these tables; a new lead field is one row here and its member.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "domain/referral.h"

namespace leads {

// How a field's value looks on the wire, and so which C++ type its member has.
enum class WireShape {
  Text,          // std::string
  Enum,          // WireEnum<E>: a JSON string, unknown values kept as sent
  Time,          // std::optional<TimeMs>: an ISO-8601 string, "" or null for none
  Flag,          // bool
  Number,        // std::optional<double>: a number, or a numeric string on input
  Object,        // a nested struct, described by its own WireObject
  Members,       // std::vector<Member>: an array of Member objects
  Requirements,  // std::string holding a JSON object's compact text (Details::requirements_json)
  AnyJson,       // Json passed through untouched
};

enum class WireNeed {
  Optional,
  Required,        // missing or null is an error
  RequiredStored,  // required, except in a create request (the server assigns it)
};

struct WireObject;

struct WireField {
  std::string_view name;  // the JSON property; a view, so matching a key compares lengths before bytes
  WireShape shape;
  void* (*slot)(void* owner);          // the member this property maps to, in the struct that holds it
  const WireObject* nested = nullptr;  // Object and Members: the fields of the nested object(s)
  WireNeed need = WireNeed::Optional;
  bool omit_when_empty = false;  // the writer leaves it out when empty or unset (otherwise: written, null if unset)
  void (*enum_from_wire)(void* slot, const std::string& text) = nullptr;  // Enum only
  const std::string& (*enum_to_wire)(const void* slot) = nullptr;         // Enum only
};

// One JSON object of the wire: its known fields, in reading order, and where its unknown properties are kept.
struct WireObject {
  const WireField* fields;
  std::size_t size;
  Json* (*unknown)(void* owner);
  const WireField* begin() const { return fields; }
  const WireField* end() const { return fields + size; }
};

const WireObject& referral_wire();  // the Referral itself: its top-level properties
const WireObject& member_wire();    // one person of a team

// The member a field maps to, as the type its shape says (see WireShape).
template <class T>
T& field_value(const WireField& field, void* owner) {
  return *static_cast<T*>(field.slot(owner));
}
// The same in a const owner: slot only computes the member's address, so nothing is written through it.
inline const void* field_slot(const WireField& field, const void* owner) {
  return field.slot(const_cast<void*>(owner));
}
template <class T>
const T& field_value(const WireField& field, const void* owner) {
  return *static_cast<const T*>(field_slot(field, owner));
}

}  // namespace leads
