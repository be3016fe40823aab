#include "db/name_keys.h"

#include <algorithm>
#include <utility>

#include "db/database.h"
#include "db/embedded.h"
#include "text/hangul.h"
#include "text/lines.h"
#include "text/romanize.h"
#include "text/utf8.h"

namespace doro::db {
namespace {

struct Words {
  std::vector<std::string> endings;  // Korean and Latin spellings
  std::vector<std::string> drops;
};

const Words& BuildingWords() {
  static const Words words = [] {
    Words w;
    std::vector<std::string_view> f;
    text::ForEachLine(embedded::BuildingWords(), [&](std::string_view line, size_t) {
      if (line.empty() || line.front() == '#') return;
      text::SplitFields(line, '\t', &f);
      if (f.size() < 2) return;
      if (f[0] == "ending") {
        w.endings.emplace_back(f[1]);
        if (f.size() > 2) {
          text::SplitFields(f[2], ' ', &f);
          for (auto latin : f) {
            if (!latin.empty()) w.endings.emplace_back(latin);
          }
        }
      } else if (f[0] == "drop") {
        w.drops.emplace_back(f[1]);
      }
    });
    // Longest first, so that "apartments" is tried before "apt".
    std::sort(w.endings.begin(), w.endings.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    return w;
  }();
  return words;
}

// Hangul syllables, ASCII letters (lower-cased) and digits of `name`, the
// dropped words left out.
std::string Letters(std::string_view name) {
  std::string s(name);
  for (const auto& d : BuildingWords().drops) {
    for (size_t p; (p = s.find(d)) != std::string::npos;) s.erase(p, d.size());
  }
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) out.push_back(static_cast<char>(c));
      if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
      ++i;
      continue;
    }
    const size_t start = i;
    const char32_t cp = text::DecodeUtf8(s, &i);
    if (i == start) ++i;
    if (text::IsHangulSyllable(cp)) out.append(s, start, i - start);
  }
  return out;
}

}  // namespace

std::string_view NameKeys::WithoutEnding(std::string_view key) {
  for (const auto& e : BuildingWords().endings) {
    if (key.size() > e.size() && key.ends_with(e)) return key.substr(0, key.size() - e.size());
  }
  return {};
}

std::vector<std::string> NameKeys::KeysOf(std::string_view name) {
  std::vector<std::string> keys;
  auto add = [&](std::string k) {
    if (!k.empty() && std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(std::move(k));
  };
  const std::string letters = Letters(name);
  if (letters.empty()) return keys;
  add(letters);
  for (auto& k : text::RomanizationKeys(letters, 3)) add(std::move(k));
  // Without its ending, only for a label that wrote one ("한신 APT"): the
  // bare "한신" of a label is too likely another word.
  const std::string bare(WithoutEnding(letters));
  if (!bare.empty()) {
    add(std::string(kBareMark) + bare);
    for (auto& k : text::RomanizationKeys(bare, 3)) add(std::string(kBareMark) + k);
  }
  return keys;
}

FlatMultiMap NameKeys::Build(const Database& db) {
  const Tables& t = db.tables();
  std::vector<std::pair<uint64_t, uint32_t>> pairs;
  // Keys of a name, made once however many buildings carry it.
  std::vector<std::vector<uint64_t>> by_name(t.names.size());
  std::vector<bool> made(t.names.size(), false);
  for (uint32_t b = 0; b < t.buildings.size(); ++b) {
    const uint32_t n = t.buildings[b].name;
    if (n >= t.names.size()) continue;
    if (!made[n]) {
      made[n] = true;
      for (const auto& k : KeysOf(db.str(t.names[n]))) by_name[n].push_back(HashKey(k));
    }
    for (uint64_t h : by_name[n]) pairs.emplace_back(h, b);
  }
  return FlatMultiMap::Build(std::move(pairs));
}

}  // namespace doro::db
