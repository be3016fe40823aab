#include "match/translations.h"

#include <algorithm>

#include "text/lines.h"
#include "text/romanize.h"

namespace doro::match {

Translations Translations::Parse(std::string_view tsv) {
  Translations t;
  text::ForEachLine(tsv, [&](std::string_view line, size_t) {
    if (line[0] == '#') return;
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos) return;
    Phrase p;
    std::string word;
    for (char c : line.substr(0, tab)) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        word.push_back(c);
      } else if (!word.empty()) {
        p.words.push_back(std::move(word));
        word.clear();
      }
    }
    if (!word.empty()) p.words.push_back(std::move(word));
    const std::string_view ko = line.substr(tab + 1);
    // A road word is romanized as a road name: 대학로 is "Daehak-ro", not
    // "daehangno" with the sound change across the type suffix.
    p.key = text::MatchKey((ko.ends_with("로") || ko.ends_with("길")) ? text::RomanizeRoadName(ko)
                                                                      : text::RomanizeWord(ko));
    if (p.words.empty() || p.key.empty()) return;
    if (ko.ends_with("로") || ko.ends_with("길")) {
      t.road_words_.insert(p.words.back());
      t.road_shapes_.Add(p.words.back());
    }
    t.first_shapes_.Add(p.words[0]);
    t.by_first_word_[p.words[0]].push_back(std::move(p));
    ++t.count_;
  });
  for (auto& [w, list] : t.by_first_word_) {
    std::stable_sort(list.begin(), list.end(), [](const Phrase& a, const Phrase& b) {
      return a.words.size() > b.words.size();
    });
  }
  return t;
}

const std::vector<Translations::Phrase>* Translations::StartingWith(
    std::string_view word) const {
  if (!first_shapes_.MayHold(word)) return nullptr;
  auto it = by_first_word_.find(word);
  return it == by_first_word_.end() ? nullptr : &it->second;
}

}  // namespace doro::match
