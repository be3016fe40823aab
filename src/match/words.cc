#include "match/words.h"

#include <cstdlib>
#include <cstring>

#include "db/embedded.h"
#include "text/lines.h"

namespace doro::match {

namespace {

struct RoleName {
  std::string_view name;
  WordRole role;
};
constexpr RoleName kRoleNames[] = {
    {"generic_road", kGenericRoad},   {"means_ro", kMeansRo},
    {"not_road_end", kNotRoadEnd},    {"road_end", kRoadEnd},
    {"glued_road", kGluedRoad},       {"region_end", kRegionEnd},
    {"region_syllable", kRegionSyllable}, {"basement", kBasement},
    {"unit_after", kUnitAfter},       {"unit_before", kUnitBefore},
    {"road_part_after", kRoadPartAfter}, {"branch_beon", kBranchBeon},
    {"branch_gil", kBranchGil},       {"numeral_reading", kNumeralReading},
    {"organisation", kOrganisation},  {"postcode_word", kPostcodeWord},
    {"country", kNotName},            {"note", kNotName},
    {"unit_dong", kUnitDong},         {"unit_floor", kUnitFloor},
    {"unit_ho", kUnitHo},             {"region_kind", kRegionKind},
};

bool HasSuffix(std::string_view word, std::string_view suffix) {
  return word.size() >= suffix.size() &&
         std::memcmp(word.data() + word.size() - suffix.size(), suffix.data(), suffix.size()) == 0;
}

}  // namespace

bool WordTable::Parse(std::string_view tsv, WordTable* out, std::string* error) {
  WordTable t;
  bool ok = true;
  text::ForEachLine(tsv, [&](std::string_view line, size_t number) {
    if (!ok || line[0] == '#') return;
    const size_t tab = line.find('\t');
    const std::string_view word = line.substr(0, tab);
    uint32_t roles = 0;
    std::string_view rest = tab == std::string_view::npos ? std::string_view() : line.substr(tab + 1);
    while (!rest.empty()) {
      const size_t comma = rest.find(',');
      const std::string_view name = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      bool known = false;
      for (const auto& rn : kRoleNames) {
        if (rn.name == name) {
          roles |= rn.role;
          known = true;
        }
      }
      if (!known) {
        *error = "words line " + std::to_string(number) + ": unknown role '" + std::string(name) + "'";
        ok = false;
        return;
      }
    }
    if (roles == 0 || word.empty() || word == "-" || word.size() > kMaxWord) {
      *error = "words line " + std::to_string(number) + ": expected word<TAB>roles";
      ok = false;
      return;
    }
    if (word[0] == '-') {
      const std::string_view suffix = word.substr(1);
      t.suffixes_[static_cast<unsigned char>(suffix.back())].push_back({std::string(suffix), roles});
    } else {
      t.words_[std::string(word)] |= roles;
      t.shapes_.set(Shape(word));
    }
  });
  if (ok) *out = std::move(t);
  return ok;
}

const WordTable& WordTable::Builtin() {
  static const WordTable table = [] {
    WordTable t;
    std::string error;
    // The table is ours and tested (words_test); a broken one must not
    // pass silently.
    if (!Parse(embedded::Words(), &t, &error)) std::abort();
    return t;
  }();
  return table;
}

bool WordTable::EndsWith(std::string_view word, WordRole role) const {
  if (word.empty()) return false;
  for (const auto& s : suffixes_[static_cast<unsigned char>(word.back())]) {
    if ((s.roles & role) != 0 && HasSuffix(word, s.text)) return true;
  }
  return false;
}

std::string_view WordTable::GluedRoadStem(std::string_view word, uint32_t* roles) const {
  if (word.empty()) return {};
  for (const auto& s : suffixes_[static_cast<unsigned char>(word.back())]) {
    if ((s.roles & kGluedRoad) != 0 && word.size() >= s.text.size() + 3 && HasSuffix(word, s.text)) {
      *roles = s.roles;
      return word.substr(0, word.size() - s.text.size());
    }
  }
  return {};
}

}  // namespace doro::match
