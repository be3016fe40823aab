// The line readers of our own tables and of the official side files:
// the English road-name files (db/english_names.h, both layouts), the
// word-role table (data/words.tsv, match/words.h), the translation table
// (data/translations.tsv, match/translations.h), the CP949 decoder
// every official file goes through (text/encoding.h), and the table of
// district changes (data/district_changes.tsv, db/district_changes.h).
//
// Input: byte 0 picks the reader (% 6), the rest is the file's bytes.
// Properties: each returns (no crash, no UB, bounded work); English names
// come out as valid UTF-8, and a bad line is counted, not fatal; a refused
// word table says why with a line number; CP949 that decodes gives valid
// UTF-8, which encodes back to CP949 that decodes to the same text; a
// refused district table says why with a line number, an accepted one has
// a date on every row.
#include <string>
#include <vector>

#include "api/load_report.h"
#include "db/district_changes.h"
#include "db/english_names.h"
#include "fuzz_util.h"
#include "match/translations.h"
#include "match/words.h"
#include "text/encoding.h"
#include "text/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 6) {
    case 0:
    case 1: {
      doro::db::EnglishRoadNames names;
      doro::LoadReport report;
      doro::db::ParseEnglishRoadNames(data[0] % 6 == 0 ? "TN_SPRD_RDNM_fuzz.txt" : "rneng_fuzz.txt", bytes, &names,
                                      &report);
      for (const auto& [code, name] : names) FUZZ_CHECK(doro::text::IsValidUtf8(name), name);
      break;
    }
    case 2: {
      doro::match::WordTable table;
      std::string error;
      if (!doro::match::WordTable::Parse(bytes, &table, &error)) {
        FUZZ_CHECK(error.find("line") != std::string::npos, error);
      } else {
        (void)table.RolesOf("ro");
        uint32_t roles = 0;
        (void)table.GluedRoadStem("toegyerd", &roles);
        (void)table.EndsWith("seongbukgu", doro::match::kRegionEnd);
      }
      break;
    }
    case 3: {
      const doro::match::Translations t = doro::match::Translations::Parse(bytes);
      (void)t.StartingWith("ring");
      (void)t.EndsRoadName("highway");
      break;
    }
    case 4: {
      const auto utf8 = doro::text::Cp949ToUtf8(bytes);
      if (!utf8) break;
      FUZZ_CHECK(doro::text::IsValidUtf8(*utf8), *utf8);
      const auto back = doro::text::Utf8ToCp949(*utf8);
      FUZZ_CHECK(back.has_value(), *utf8);
      const auto again = doro::text::Cp949ToUtf8(*back);
      FUZZ_CHECK(again.has_value() && *again == *utf8, *utf8);
      break;
    }
    case 5: {
      std::vector<doro::db::DistrictChange> rows;
      std::string error;
      if (!doro::db::ParseDistrictChanges(bytes, &rows, &error)) {
        FUZZ_CHECK(error.find("line") != std::string::npos, error);
      } else {
        for (const auto& r : rows) FUZZ_CHECK(!r.date.empty(), r.from_area);
      }
      break;
    }
  }
  return 0;
}
